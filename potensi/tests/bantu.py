"""Small helpers for potensi's tests."""

from django.utils import timezone

from jembatan.test import DESA_A
from potensi.models import JenisPotensi, Potensi, Status


def jenis(slug: str = "pertanian") -> JenisPotensi:
    return JenisPotensi.objects.get(slug=slug)


def make_potensi(cast, status: str = Status.DRAF, **fields) -> Potensi:
    """An item of village A written by its KIM member (published items carry their dates)."""
    fields.setdefault("jenis", jenis(fields.pop("jenis_slug", "pertanian")))
    fields.setdefault("wilayah_id", DESA_A)
    fields.setdefault("kim", cast.kim_a)
    fields.setdefault("penulis", cast.anggota)
    fields.setdefault("nama", "Gula aren Tungkap")
    fields.setdefault("deskripsi", "Gula aren cetak dari nira pohon aren di kebun warga.")
    fields.setdefault("nama_produsen", "Kelompok Tani Maju")
    if status == Status.TERBIT:
        fields.setdefault("terbit_pada", timezone.now())
        fields.setdefault("dikonfirmasi_pada", fields["terbit_pada"])
        fields.setdefault("pemverifikasi", cast.kim_a.nama)
    return Potensi.objects.create(status=status, **fields)
