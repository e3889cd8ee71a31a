"""suara warga's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import PENGELOLA_A, Halaman

PUBLIK = {
    "suarawarga:aspirasi_daftar",
    "suarawarga:aspirasi_kirim",
    "suarawarga:aspirasi_lacak",
    "suarawarga:aspirasi_status",
    "suarawarga:aspirasi_tanggapi",
    "suarawarga:program_daftar",
    "suarawarga:program_feed",
    "suarawarga:program_detail",
    "suarawarga:program_cetak",
}
# Those who publish programs of village A: its government, the Binuang operator, Diskominfo.
PENERBIT_A = frozenset({"admin", "operator", "pemdes"})
# Handlers of aspirations: the KIM's pengurus, the village government, the kecamatan operator, Diskominfo.
PENANGAN = PENGELOLA_A | {"editor_lain"}


def terlindung(cast) -> list[Halaman]:
    from suarawarga.models import Tahap
    from suarawarga.tests.bantu import make_aspirasi, make_program

    aspirasi = make_aspirasi()
    program = make_program(cast)
    berjalan = make_program(cast, tahap=Tahap.BERJALAN)
    return [
        Halaman("/kelola/aspirasi/", PENANGAN),
        Halaman(f"/kelola/aspirasi/{aspirasi.pk}/", PENGELOLA_A),
        Halaman(f"/kelola/aspirasi/{aspirasi.pk}/", PENGELOLA_A, method="post", data={"langkah": "tolak"}),
        Halaman("/kelola/program/", PENERBIT_A),
        Halaman("/kelola/program/tambah/", PENERBIT_A),
        Halaman(f"/kelola/program/{program.pk}/", PENERBIT_A),
        Halaman(f"/kelola/program/{program.pk}/tahap/", PENERBIT_A, method="post", data={"tahap": "x"}),
        Halaman(f"/kelola/program/{berjalan.pk}/progres/", PENERBIT_A, method="post", data={"persen": "x"}),
    ]
