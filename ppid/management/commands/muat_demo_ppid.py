"""A few clearly-marked DEMO information requests at the demo village's PPID and the regency's PPID Utama,
at different points of the clock, so the desk and the tracking page are not empty in a demo; and two DEMO PPID
Pembantu with an account of their own and one request forwarded to its desk. Run twice, the same rows."""

import datetime as dt
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand

from akun.models import Peran, User
from kim.models import Kim, Tahap
from ppid.models import Keberatan, Keputusan, Permohonan, PpidPembantu, hari_ini, kalender
from ppid.models_maklumat import Maklumat

PERMOHONAN = [
    # (working days ago received, rincian, step)
    (2, "[DEMO] Salinan APBDes tahun ini beserta rincian kegiatan pembangunan jalan usaha tani.", None),
    (9, "[DEMO] Daftar penerima bantuan langsung tunai dana desa (tanpa NIK) dan jadwal penyalurannya.", "perpanjang"),
    (12, "[DEMO] Laporan realisasi pelaksanaan APBDes semester pertama.", None),
    (6, "[DEMO] Notulen musyawarah desa tentang rencana kerja pemerintah desa.", "kabulkan"),
    (20, "[DEMO] Salinan kontrak pekerjaan rehabilitasi balai desa.", "tolak"),
]

AKUN_PEMBANTU = "pembantu@jembatan-demo.example"
RINCIAN_PEMBANTU = "[DEMO] Cakupan imunisasi dasar lengkap per puskesmas tahun lalu."
PEMBANTU = [
    ("Dinas Kesehatan (DEMO)", "[DEMO] Puskesmas, imunisasi, gizi dan layanan kesehatan."),
    ("Dinas Pendidikan (DEMO)", "[DEMO] Sekolah, guru, dana BOS dan penerimaan murid baru."),
]


class Command(BaseCommand):
    help = (
        "Muat beberapa permohonan informasi DEMO (bertanda jelas) untuk PPID desa demo dan PPID Utama, serta PPID "
        "Pembantu DEMO dengan akun dan satu permohonan yang diteruskan kepadanya."
    )

    def handle(self, **options):
        if Permohonan.objects.filter(demo=True).exclude(rincian=RINCIAN_PEMBANTU).exists():
            self.stdout.write("PPID: data demo sudah ada, dilewati.")
        else:
            self._permohonan()
        self._pembantu()

    def _permohonan(self):
        kim = Kim.objects.filter(demo=True, tahap=Tahap.AKTIF).select_related("wilayah").order_by("wilayah_id").first()
        pemdes = User.objects.filter(peran=Peran.PEMDES, wilayah=kim.wilayah).first() if kim else None
        if kim is None or pemdes is None:
            self.stdout.write("PPID: desa demo belum ada (jalankan muat_demo dulu), dilewati.")
            return
        kal, hari = kalender(), hari_ini()
        for i, (lalu, rincian, langkah) in enumerate(PERMOHONAN, start=1):
            diterima = _mundur(kal, hari, lalu)
            p = Permohonan(
                wilayah=kim.wilayah,
                nama=f"Warga Contoh {i} (DEMO)",
                nomor_identitas="0000000000000000",
                telepon="6281200000000",
                rincian=rincian,
                tujuan="[DEMO] Contoh untuk peragaan.",
                cara_salinan="langsung",
                demo=True,
            )
            Permohonan.ajukan(p, tanggal=diterima)
            ppid = pemdes.nama
            if langkah == "perpanjang":
                p.perpanjang(
                    oleh=pemdes, hari=5, alasan="[DEMO] Data penerima masih diverifikasi.", tanggal=_maju(kal, diterima, 8)
                )
            elif langkah == "kabulkan":
                p.jawab(
                    oleh=pemdes,
                    keputusan=Keputusan.DIKABULKAN,
                    isi="[DEMO] Salinan notulen dapat diambil di kantor desa pada jam kerja.",
                    penandatangan=ppid,
                    tanggal=_maju(kal, diterima, 3),
                )
            elif langkah == "tolak":
                p.jawab(
                    oleh=pemdes,
                    keputusan=Keputusan.SEBAGIAN,
                    isi="[DEMO] Kontrak diberikan; lampiran data pribadi pekerja dihitamkan.",
                    alasan_pengecualian="h",
                    uji_konsekuensi="[DEMO] Data pribadi pekerja dilindungi; isi kontrak tetap dibuka.",
                    penandatangan=ppid,
                    tanggal=_maju(kal, diterima, 8),
                )
                Keberatan.ajukan(
                    p, alasan="a", uraian="[DEMO] Nilai upah per pekerja perlu dibuka.", tanggal=_maju(kal, diterima, 10)
                )
        Permohonan.ajukan(
            Permohonan(
                wilayah_id=settings.JEMBATAN_KABUPATEN,
                nama="Warga Contoh Kabupaten (DEMO)",
                nomor_identitas="0000000000000000",
                alamat="[DEMO] Rantau",
                rincian="[DEMO] Daftar KIM yang sudah memiliki SK kepala desa.",
                tujuan="[DEMO] Contoh untuk peragaan.",
                cara_salinan="langsung",
                demo=True,
            ),
            tanggal=_mundur(kal, hari, 4),
        )
        # The service pledge of the demo village and of the regency, with the wording the form starts from.
        admin = User.objects.filter(demo=True, peran=Peran.ADMIN).first()
        for wilayah_id, oleh, alamat, penandatangan, jabatan in (
            (kim.wilayah_id, pemdes, f"[DEMO] Kantor Desa {kim.wilayah.nama}", "Kepala Desa (DEMO)", "Atasan PPID Desa"),
            (
                settings.JEMBATAN_KABUPATEN,
                admin or pemdes,
                "[DEMO] Kantor Diskominfo, Rantau",
                "Kepala Diskominfo (DEMO)",
                "Atasan PPID Utama",
            ),
        ):
            Maklumat(
                wilayah_id=wilayah_id,
                jam_layanan="Senin–Kamis 08.00–15.00 WITA, Jumat 08.00–11.00 WITA",
                alamat=alamat,
                penandatangan=penandatangan,
                jabatan=jabatan,
                ditetapkan=_mundur(kal, hari, 20),
            ).simpan(oleh=oleh, versi=0)
        self.stdout.write(f"PPID: {len(PERMOHONAN) + 1} permohonan DEMO dan 2 maklumat pelayanan dimuat.")

    def _pembantu(self):
        """The DEMO units (kept if already there), the demo account of role PPID Pembantu (its password printed
        once, like the other demo accounts') and one request PPID Utama forwarded to it."""
        admin = User.objects.filter(demo=True, peran=Peran.ADMIN).order_by("pk").first()
        if admin is None:
            self.stdout.write("PPID Pembantu: akun DEMO belum ada (jalankan muat_demo dulu), dilewati.")
            return
        unit = [
            PpidPembantu.objects.get_or_create(nama=nama, defaults={"keterangan": keterangan, "demo": True})[0]
            for nama, keterangan in PEMBANTU
        ]
        dinkes = unit[0]
        if not User.objects.filter(email=AKUN_PEMBANTU).exists():
            pw = secrets.token_urlsafe(9)
            akun = User.objects.create_user(
                AKUN_PEMBANTU, pw, nama="Petugas PPID Dinas Kesehatan (DEMO)", peran=Peran.PPID_PEMBANTU, demo=True
            )
            dinkes.petugas.add(akun)
            self.stdout.write(self.style.WARNING("Akun DEMO PPID Pembantu (kata sandi hanya ditampilkan sekali ini):"))
            self.stdout.write(f"  {Peran(Peran.PPID_PEMBANTU).label:<26} {AKUN_PEMBANTU:<34} {pw}   {dinkes.nama_ppid}")
        if Permohonan.objects.filter(demo=True, rincian=RINCIAN_PEMBANTU).exists():
            self.stdout.write("PPID Pembantu: data demo sudah ada, dilewati.")
            return
        p = Permohonan.ajukan(
            Permohonan(
                wilayah_id=settings.JEMBATAN_KABUPATEN,
                nama="Warga Contoh Kesehatan (DEMO)",
                nomor_identitas="0000000000000000",
                alamat="[DEMO] Rantau",
                rincian=RINCIAN_PEMBANTU,
                tujuan="[DEMO] Contoh untuk peragaan.",
                cara_salinan="langsung",
                demo=True,
            ),
            tanggal=_mundur(kalender(), hari_ini(), 3),
        )
        p.teruskan(oleh=admin, pembantu=dinkes)
        self.stdout.write(f"PPID Pembantu: {len(unit)} unit DEMO dan 1 permohonan yang diteruskan dimuat.")


def _mundur(kal, hari, n: int):
    """The working day `n` working days before `hari`."""
    d = hari
    while n:
        d -= dt.timedelta(days=1)
        if kal.is_working_day(d):
            n -= 1
    return d


def _maju(kal, dari, n: int):
    return min(kal.add_working_days(dari, n), hari_ini())
