"""beranda's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import DESA_A, DESA_B, PEMBACA_A, Halaman

PUBLIK = {"beranda:utama", "beranda:wilayah", "beranda:bahasa", "beranda:sehat", "beranda:service_worker", "beranda:manifest"}


def terlindung(cast) -> list[Halaman]:
    from diskusi.tests.conftest import make_komentar
    from suarawarga.tests.bantu import make_program
    from suarawarga.tests.halaman import PENERBIT_A

    pertanyaan = make_komentar(make_program(cast), isi="Kapan pengerjaan dimulai?")
    return [
        Halaman("/kelola/tanggapan-program/", PENERBIT_A),
        Halaman(f"/kelola/tanggapan-program/{pertanyaan.pk}/", PENERBIT_A, method="post", data={"isi": "Bulan depan."}),
        Halaman(f"/kelola/mading/{DESA_A}/", PEMBACA_A),
        Halaman(f"/kelola/mading/{DESA_B}/", frozenset({"admin", "editor_lain"})),
    ]
