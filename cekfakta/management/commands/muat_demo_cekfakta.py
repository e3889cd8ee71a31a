"""A few clearly-marked DEMO verdicts and open claims, so the desk is not empty in a demo."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from cekfakta.models import Hasil, JenisSalah, Klaim, Laporan, Referensi, Saluran, Status, Topik

PUTUSAN = [
    {
        "judul": "Pesan berantai: nasabah bank mendapat hadiah undian Rp 50 juta dan diminta mengisi data di tautan",
        "teks_contoh": "SELAMAT!! Anda terpilih pemenang undian nasabah Rp50.000.000. Klaim hadiah skrg juga di link berikut, isi nama, no rek dan PIN. Bantu sebarkan ke keluarga!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.TIRUAN,
        "topik": Topik.PENIPUAN,
        "penjelasan": "Bank tidak pernah meminta PIN atau kode OTP lewat tautan. Tautan dalam pesan mengarah ke situs tiruan yang mencuri data rekening. (Contoh DEMO.)",
        "metode": "Membandingkan alamat tautan dengan situs resmi bank dan membaca pengumuman resmi bank tentang penipuan undian.",
    },
    {
        "judul": "Air rebusan daun tertentu disebut menyembuhkan demam berdarah dalam satu malam",
        "teks_contoh": "Info penting!! air rebusan daun ini bisa sembuhkan DBD dlm 1 malam, ga perlu ke rumah sakit. share ke grup sebelah",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.MENYESATKAN,
        "topik": Topik.KESEHATAN,
        "penjelasan": "Tidak ada bukti ilmiah bahwa rebusan daun menyembuhkan demam berdarah dalam satu malam. Penderita DBD perlu pemeriksaan dan pemantauan tenaga kesehatan. (Contoh DEMO.)",
        "metode": "Menanyakan ke Puskesmas dan membaca panduan penanganan DBD dari Kementerian Kesehatan.",
    },
    {
        "judul": "Pendaftaran bantuan sosial dipungut biaya Rp 100 ribu melalui nomor WhatsApp pribadi",
        "teks_contoh": "Pendaftaran bansos thn ini dibuka, transfer biaya admin 100rb ke no WA ini, kuota terbatas!!",
        "hasil": Hasil.SALAH,
        "jenis_salah": JenisSalah.PALSU,
        "topik": Topik.EKONOMI,
        "penjelasan": "Pendaftaran bantuan sosial tidak dipungut biaya dan tidak melalui nomor WhatsApp pribadi. Informasi resmi tersedia di kantor desa/kelurahan dan dinas sosial. (Contoh DEMO.)",
        "metode": "Konfirmasi ke dinas sosial kabupaten.",
    },
    {
        "judul": "Pelayanan perekaman KTP elektronik keliling di kantor kecamatan pada hari Sabtu",
        "teks_contoh": "Pelayanan rekam KTP-el keliling hari Sabtu di kantor kecamatan, bawa fotokopi KK.",
        "hasil": Hasil.BENAR,
        "jenis_salah": "",
        "topik": Topik.POLITIK,
        "penjelasan": "Jadwal pelayanan keliling ini sesuai pengumuman resmi Dinas Kependudukan dan Pencatatan Sipil. (Contoh DEMO.)",
        "metode": "Mencocokkan dengan pengumuman resmi dinas.",
    },
]
TERBUKA = [
    "Katanya jembatan di jalan provinsi putus dan ditutup total mulai besok, benarkah?",
    "Beredar pesan bahwa air PDAM tercemar dan tidak boleh dipakai mandi minggu ini",
]


class Command(BaseCommand):
    help = "Muat beberapa putusan cek fakta DEMO (bertanda jelas)."

    def handle(self, **options):
        if Klaim.objects.filter(demo=True).exists():
            self.stdout.write("Cek fakta: data demo sudah ada, dilewati.")
            return
        now = timezone.now()
        for i, data in enumerate(PUTUSAN):
            k = Klaim.objects.create(
                status=Status.SELESAI,
                diterbitkan=now - timedelta(days=3 * i + 1),
                pertama_dilihat=now - timedelta(days=3 * i + 2),
                demo=True,
                sumber_nama="Diskominfo (DEMO)",
                **data,
            )
            Referensi.objects.create(klaim=k, judul="Contoh referensi (DEMO)", url="https://example.org/referensi-demo")
        for i, teks in enumerate(TERBUKA):
            k = Klaim.objects.create(judul=teks, teks_contoh=teks, demo=True, pertama_dilihat=now - timedelta(hours=30 * i + 2))
            Laporan.objects.create(klaim=k, kode=f"DEMO{i + 1:04d}", teks=teks, saluran=Saluran.WEB, dibuat=k.pertama_dilihat)
            Klaim.objects.filter(pk=k.pk).update(jumlah_laporan=1)
        self.stdout.write(self.style.SUCCESS(f"Cek fakta: {len(PUTUSAN)} putusan dan {len(TERBUKA)} klaim DEMO dimuat."))
