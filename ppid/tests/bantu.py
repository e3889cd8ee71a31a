"""Small helpers for ppid's tests."""

import datetime as dt

from jembatan.test import DESA_A
from ppid.models import Permohonan


def make_permohonan(kode: str = DESA_A, tanggal: dt.date | None = None, **fields) -> Permohonan:
    """A request to village A's PPID (or the badan publik `kode`), registered the way the form does."""
    fields.setdefault("nama", "Siti Aminah")
    fields.setdefault("nomor_identitas", "6305014501900001")
    fields.setdefault("alamat", "RT 02 Desa Tungkap")
    fields.setdefault("email", "siti@contoh.example")
    fields.setdefault("rincian", "Salinan APBDes Tungkap tahun 2026 beserta realisasinya.")
    fields.setdefault("tujuan", "Mengetahui penggunaan dana desa.")
    return Permohonan.ajukan(Permohonan(wilayah_id=kode, **fields), tanggal=tanggal)
