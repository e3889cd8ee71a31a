"""suara warga's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import PENGELOLA_A, Halaman

PUBLIK = {
    "suarawarga:aspirasi_daftar",
    "suarawarga:aspirasi_kirim",
    "suarawarga:aspirasi_lacak",
    "suarawarga:aspirasi_status",
    "suarawarga:aspirasi_tanggapi",
}
# Handlers of aspirations: the KIM's pengurus, the village government, the kecamatan operator, Diskominfo.
PENANGAN = PENGELOLA_A | {"editor_lain"}


def terlindung(cast) -> list[Halaman]:
    from suarawarga.tests.bantu import make_aspirasi

    aspirasi = make_aspirasi()
    return [
        Halaman("/kelola/aspirasi/", PENANGAN),
        Halaman(f"/kelola/aspirasi/{aspirasi.pk}/", PENGELOLA_A),
        Halaman(f"/kelola/aspirasi/{aspirasi.pk}/", PENGELOLA_A, method="post", data={"langkah": "tolak"}),
    ]
