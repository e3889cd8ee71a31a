"""Clearly-marked demo content: KIM at every stage in some villages, one demo user per role.

Everything created here has demo=True and shows a DEMO mark; region data stays official.
Running it again changes nothing when demo data is already there.
"""

import random
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from akun.models import Peran, User
from kim.models import Jabatan, Kim, Pengurus, RiwayatTahap, Tahap, TargetCakupan
from wilayah.models import Level, Wilayah

# (stage reached, how many villages) — the rest of the villages have no KIM yet.
SEBARAN = [
    (Tahap.AKTIF, 34),
    (Tahap.TERDAFTAR, 14),
    (Tahap.SK_TERBIT, 9),
    (Tahap.MUSYAWARAH, 8),
    (Tahap.SOSIALISASI, 10),
    (Tahap.TIDAK_AKTIF, 4),
    (Tahap.DIBUBARKAN, 1),
]
LANGKAH = [Tahap.SOSIALISASI, Tahap.MUSYAWARAH, Tahap.SK_TERBIT, Tahap.TERDAFTAR, Tahap.AKTIF]
NAMA_DEPAN = [
    "Ahmad",
    "Siti",
    "Muhammad",
    "Nur",
    "Rahmat",
    "Fitri",
    "Hendra",
    "Aulia",
    "Rizky",
    "Dewi",
    "Syahrani",
    "Maulida",
    "Fajar",
    "Hairani",
    "Yusuf",
    "Rusdiana",
]
NAMA_BELAKANG = [
    "Hidayat",
    "Rahmah",
    "Saputra",
    "Aini",
    "Fauzi",
    "Lestari",
    "Ramadhan",
    "Noor",
    "Maulana",
    "Sari",
    "Arsyad",
    "Mahmudah",
]


class Command(BaseCommand):
    help = "Muat data DEMO yang bertanda jelas (KIM di berbagai tahap, satu akun per peran)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=6305)

    def handle(self, seed, **options):
        kab = settings.JEMBATAN_KABUPATEN
        if not Wilayah.objects.filter(kode=kab).exists():
            raise CommandError(f"Wilayah {kab} belum diimpor; jalankan impor_wilayah dulu.")
        if User.objects.filter(demo=True).exists() or Kim.objects.filter(demo=True).exists():
            self.stdout.write("Demo: data demo sudah ada, dilewati.")
            return
        rng = random.Random(seed)
        with transaction.atomic():
            admin = self._kim(rng, kab)
            passwords = self._users(kab, admin)
        self.stdout.write(self.style.WARNING("\nAkun DEMO (kata sandi hanya ditampilkan sekali ini):"))
        for email, peran, wilayah, pw in passwords:
            self.stdout.write(f"  {peran:<26} {email:<34} {pw}   {wilayah}")
        self.stdout.write("")

    def _users(self, kab, admin_stub):
        desa_aktif = (
            Kim.objects.filter(demo=True, tahap=Tahap.AKTIF, wilayah__level=Level.DESA)
            .select_related("wilayah")
            .order_by("wilayah_id")
            .first()
        )
        desa_lain = Kim.objects.filter(demo=True, tahap=Tahap.TERDAFTAR).select_related("wilayah").order_by("wilayah_id").first()
        binuang = Wilayah.objects.get(kode=f"{kab}.01") if kab == "63.05" else Wilayah.objects.filter(parent_id=kab).first()
        specs = [
            ("admin@jembatan-demo.example", "Admin Diskominfo (DEMO)", Peran.ADMIN, None),
            ("verifikator@jembatan-demo.example", "Verifikator (DEMO)", Peran.VERIFIKATOR, None),
            ("operator@jembatan-demo.example", f"Operator {binuang.nama} (DEMO)", Peran.OPERATOR, binuang),
            (
                "desa@jembatan-demo.example",
                f"{'Lurah' if desa_aktif.wilayah.tipe == 'kelurahan' else 'Kepala Desa'} {desa_aktif.wilayah.nama} (DEMO)",
                Peran.PEMDES,
                desa_aktif.wilayah,
            ),
            ("pengurus@jembatan-demo.example", f"Ketua {desa_aktif.nama} (DEMO)", Peran.PENGURUS, desa_aktif.wilayah),
            ("anggota@jembatan-demo.example", f"Anggota {desa_aktif.nama} (DEMO)", Peran.ANGGOTA, desa_aktif.wilayah),
            ("pengurus2@jembatan-demo.example", f"Sekretaris {desa_lain.nama} (DEMO)", Peran.PENGURUS, desa_lain.wilayah),
            ("warga@jembatan-demo.example", "Warga (DEMO)", Peran.WARGA, None),
        ]
        out = []
        for email, nama, peran, wilayah in specs:
            pw = secrets.token_urlsafe(9)
            User.objects.create_user(
                email,
                pw,
                nama=nama,
                peran=peran,
                wilayah=wilayah,
                demo=True,
                is_staff=peran == Peran.ADMIN,
                is_superuser=peran == Peran.ADMIN,
            )
            out.append((email, Peran(peran).label, wilayah.nama_lengkap if wilayah else "seluruh kabupaten", pw))
        return out

    def _kim(self, rng, kab):
        today = timezone.localdate()
        desa = list(Wilayah.objects.filter(kabupaten_kode=kab, level=Level.DESA, berlaku=True).order_by("kode"))
        rng.shuffle(desa)
        i = 0
        for tahap, n in SEBARAN:
            for w in desa[i : i + n]:
                self._satu(rng, w, tahap, today)
            i += n
        TargetCakupan.objects.create(wilayah_id=kab, tahun=today.year, jumlah_desa=min(len(desa), 90), catatan="Target DEMO")

    def _satu(self, rng, w, tahap, today):
        target_langkah = {Tahap.TIDAK_AKTIF: [*LANGKAH, Tahap.TIDAK_AKTIF], Tahap.DIBUBARKAN: [*LANGKAH, Tahap.DIBUBARKAN]}
        steps = target_langkah.get(tahap) or LANGKAH[: LANGKAH.index(tahap) + 1]
        start = today - timedelta(days=rng.randint(60, 700))
        gaps = sorted(rng.sample(range(1, max((today - start).days, len(steps) + 1)), len(steps) - 1))
        dates = [start] + [start + timedelta(days=g) for g in gaps]
        kim = Kim.objects.create(
            wilayah=w,
            nama=f"KIM {w.nama}",
            tahap=tahap,
            tanggal_tahap=dates[-1],
            demo=True,
            profil=f"Contoh profil KIM {w.nama} (DEMO).",
            alamat=f"Kantor {w.get_tipe_display()} {w.nama}",
        )
        dari = Tahap.BELUM_ADA
        for step, d in zip(steps, dates, strict=True):
            if step == Tahap.SK_TERBIT:
                kim.nomor_sk = f"DEMO/{rng.randint(1, 99):02d}/{d.year}"
                kim.tanggal_sk = d
                kim.tanggal_berdiri = d
                kim.penandatangan_sk = f"{'Lurah' if w.tipe == 'kelurahan' else 'Kepala Desa'} {w.nama}"
            RiwayatTahap.objects.create(kim=kim, dari=dari, ke=step, tanggal=d, catatan="Data DEMO")
            dari = step
        kim.save()
        if kim.punya_sk:
            for jabatan in [
                Jabatan.KETUA,
                Jabatan.SEKRETARIS,
                Jabatan.BENDAHARA,
                Jabatan.SEKSI,
                Jabatan.ANGGOTA,
                Jabatan.ANGGOTA,
            ]:
                Pengurus.objects.create(
                    kim=kim,
                    jabatan=jabatan,
                    mulai=kim.tanggal_sk,
                    demo=True,
                    nama=f"{rng.choice(NAMA_DEPAN)} {rng.choice(NAMA_BELAKANG)}",
                    nama_seksi="Informasi dan Media" if jabatan == Jabatan.SEKSI else "",
                )
