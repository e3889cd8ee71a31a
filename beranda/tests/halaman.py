"""beranda's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import DESA_A, DESA_B, PEMBACA_A, Halaman

PUBLIK = {"beranda:utama", "beranda:wilayah", "beranda:bahasa", "beranda:sehat"}


def terlindung(cast) -> list[Halaman]:
    return [
        Halaman(f"/kelola/mading/{DESA_A}/", PEMBACA_A),
        Halaman(f"/kelola/mading/{DESA_B}/", frozenset({"admin", "editor_lain"})),
    ]
