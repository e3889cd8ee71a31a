"""Small helpers for suara warga's tests."""

from datetime import timedelta

from django.utils import timezone

from jembatan.test import DESA_A
from suarawarga.models import Aspirasi, Bidang, Jajak, Program, SumberDana, TopikAspirasi
from wilayah.models import Level, Wilayah


def make_aspirasi(**fields) -> Aspirasi:
    """An aspiration of village A, sent anonymously through the model's own `kirim`."""
    fields.setdefault("topik", TopikAspirasi.INFRASTRUKTUR)
    fields.setdefault("isi", "Jalan di RT 3 rusak berlubang sejak musim hujan, motor sering jatuh.")
    fields["wilayah"] = Wilayah.objects.get(kode=fields.pop("wilayah_id", DESA_A))
    return Aspirasi.kirim(**fields)


def make_program(cast, desa_lain=(), **fields) -> Program:
    """A program of village A, published by its government; a village program covers its village and the
    codes in `desa_lain`."""
    fields.setdefault("nama", "Pengerasan jalan usaha tani Dusun 2")
    fields.setdefault("deskripsi", "Pengerasan jalan sepanjang 450 m dengan lebar 3 m menuju sawah warga.")
    fields.setdefault("wilayah_id", DESA_A)
    fields.setdefault("bidang", Bidang.INFRASTRUKTUR)
    fields.setdefault("tahun", 2026)
    fields.setdefault("sumber_dana", SumberDana.DANA_DESA)
    fields.setdefault("anggaran", 187_500_000)
    fields.setdefault("pelaksana", "TPK Desa Tungkap")
    fields.setdefault("dibuat_oleh", cast.pemdes)
    fields.setdefault("slug", "pengerasan-jalan-usaha-tani-dusun-2")
    program = Program.objects.create(**fields)
    if program.wilayah.level == Level.DESA:
        program.desa.set(Wilayah.objects.filter(pk__in=[program.wilayah_id, *desa_lain]))
    return program


def make_jajak(cast, opsi=("Balai desa", "Lapangan bola", "Sekolah dasar"), **fields) -> Jajak:
    """An open poll of village A by its government, anyone may vote, results shown while open."""
    fields.setdefault("pertanyaan", "Di mana sebaiknya posyandu baru dibangun?")
    fields.setdefault("wilayah", Wilayah.objects.get(kode=DESA_A))
    fields.setdefault("buka_pada", timezone.now() - timedelta(days=1))
    fields.setdefault("tutup_pada", timezone.now() + timedelta(days=7))
    return Jajak.buat(oleh=cast.pemdes, opsi=list(opsi), **fields)
