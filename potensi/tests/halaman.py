"""potensi's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import PEMBACA_A, PENGELOLA_A, Halaman

PUBLIK = {
    "potensi:daftar",
    "potensi:detail",
    "potensi:peta",
    "potensi:feed",
    "potensi:poster",
    "potensi:katalog",
    "potensi:unduh",
}
# Everyone who belongs to a village, kecamatan or KIM adds items; Diskominfo too.
PENULIS = PEMBACA_A | {"editor_lain"}
# Reviewers of village A: its KIM's pengurus, its government, the Binuang operator, Diskominfo.
PEMERIKSA_A = PENGELOLA_A
# A draft by village A's member: its writer, and the reviewers of village A.
PENULIS_DAN_PEMERIKSA = PEMERIKSA_A | {"anggota"}


def terlindung(cast) -> list[Halaman]:
    from potensi.models import FotoPotensi, Status
    from potensi.tests.bantu import make_potensi

    draf = make_potensi(cast)
    foto = FotoPotensi.objects.create(potensi=draf, varian={})
    diajukan = make_potensi(cast, status=Status.DIAJUKAN)
    terbit = make_potensi(cast, status=Status.TERBIT)
    return [
        Halaman("/kelola/potensi/", PENULIS),
        Halaman("/kelola/potensi/tambah/", PENULIS),
        Halaman(f"/kelola/potensi/{draf.pk}/", PENULIS_DAN_PEMERIKSA),
        Halaman(f"/kelola/potensi/{draf.pk}/foto/", PENULIS_DAN_PEMERIKSA, method="post"),
        Halaman(f"/kelola/potensi/{draf.pk}/foto/{foto.pk}/hapus/", PENULIS_DAN_PEMERIKSA, method="post"),
        Halaman(f"/kelola/potensi/{diajukan.pk}/periksa/", PEMERIKSA_A),
        Halaman(f"/kelola/potensi/{terbit.pk}/konfirmasi/", PEMERIKSA_A, method="post", data={"versi": 0}),
        # Reviewers import into their own villages (the other village's pengurus into theirs).
        Halaman("/kelola/potensi/impor/", PEMERIKSA_A | {"editor_lain"}),
        # Last: it moves the draft on.
        Halaman(f"/kelola/potensi/{draf.pk}/ajukan/", PENULIS_DAN_PEMERIKSA, method="post"),
    ]
