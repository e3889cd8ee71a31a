"""penilaian's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import HANYA_ADMIN, PEMBACA_A, Halaman

PUBLIK: set[str] = set()
# Those who read some KIM's activities: everyone whose scope holds a KIM (village B's pengurus reads B's).
PEMBACA = PEMBACA_A | {"editor_lain"}
# Those who report activities: the people of a KIM, and Diskominfo for any KIM.
PELAPOR = frozenset({"admin", "editor", "anggota", "editor_lain"})
# A report by village A's member: its writer, the KIM's pengurus, Diskominfo.
PENGUBAH_A = frozenset({"admin", "editor", "anggota"})


def terlindung(cast) -> list[Halaman]:
    from jembatan.test import DESA_A, KEC_BINUANG
    from penilaian.models import FotoKegiatan
    from penilaian.tests.bantu import make_kegiatan

    g = make_kegiatan(cast)
    foto = FotoKegiatan.objects.create(kegiatan=g, varian={})
    return [
        Halaman("/kelola/kegiatan/", PEMBACA),
        Halaman("/kelola/kegiatan/lapor/", PELAPOR),
        Halaman(f"/kelola/kegiatan/{g.pk}/", PENGUBAH_A),
        Halaman(f"/kelola/kegiatan/{g.pk}/lihat/", PEMBACA_A),
        Halaman(f"/kelola/kegiatan/{g.pk}/foto/", PENGUBAH_A, method="post"),
        Halaman(f"/kelola/kegiatan/kim/{DESA_A}/2026-05/", PEMBACA_A),
        Halaman(f"/kelola/kegiatan/kim/{DESA_A}/2026-05.docx", PEMBACA_A),
        Halaman(f"/kelola/penilaian/kim/{DESA_A}/", PEMBACA_A),
        Halaman(f"/kelola/penilaian/kim/{DESA_A}/bukti.zip", PEMBACA_A),
        Halaman("/kelola/penilaian/kandidat/", HANYA_ADMIN, method="post", data={"pilih": DESA_A}),
        Halaman("/kelola/penilaian/", HANYA_ADMIN),
        Halaman("/kelola/penilaian/unduh.csv", HANYA_ADMIN),
        Halaman("/kelola/penilaian/hitung/", HANYA_ADMIN, method="post"),
        # Until Diskominfo makes the leaderboards public (a test covers that).
        Halaman(f"/peringkat/{KEC_BINUANG}/", frozenset({"admin", "operator"})),
        # Last: they remove what the pages above show.
        Halaman(f"/kelola/kegiatan/{g.pk}/foto/{foto.pk}/hapus/", PENGUBAH_A, method="post"),
        Halaman(f"/kelola/kegiatan/{g.pk}/hapus/", PENGUBAH_A, method="post"),
    ]
