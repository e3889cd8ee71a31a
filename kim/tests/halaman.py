"""kim's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from django.core.files.base import ContentFile

from jembatan.test import DESA_A, DESA_B, HANYA_ADMIN, KEC_BINUANG, PEMBACA_A, PENGELOLA_A, SEMUA_MASUK, Halaman, make_pengurus

PUBLIK = {"kim:direktori", "kim:logo", "kim:cakupan", "kim:unduh_cakupan", "kim:kit"}
# Pipeline steps of village A: Diskominfo, its kecamatan operator and its village government.
TAHAP_A = frozenset({"admin", "operator", "pemdes"})
PENGELOLA_B = frozenset({"admin", "editor_lain"})


def terlindung(cast) -> list[Halaman]:
    p_a = make_pengurus(cast.kim_a, "Siti Rahmah")
    p_b = make_pengurus(cast.kim_b, "Rusdi")
    cast.kim_a.berkas_sk.save("sk.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return [
        Halaman("/kelola/", SEMUA_MASUK),  # everyone signed in has a dashboard, empty when they have no scope
        Halaman(f"/kelola/{DESA_A}/", PEMBACA_A),
        Halaman(f"/kelola/{DESA_A}/profil/", PENGELOLA_A),
        Halaman(f"/kelola/{DESA_A}/pengurus/tambah/", PENGELOLA_A),
        Halaman(f"/kelola/{DESA_A}/berkas/sk/", PENGELOLA_A),
        Halaman(f"/kelola/pengurus/{p_a.pk}/", PENGELOLA_A),
        Halaman(f"/kelola/pengurus/{p_a.pk}/selesai/", PENGELOLA_A),
        Halaman(f"/kelola/{DESA_A}/tahap/", TAHAP_A, method="post", data={"ke": "", "versi": "x"}),
        Halaman(f"/kelola/{DESA_B}/", PENGELOLA_B),
        Halaman(f"/kelola/{DESA_B}/profil/", PENGELOLA_B),
        Halaman(f"/kelola/pengurus/{p_b.pk}/", PENGELOLA_B),
        Halaman(f"/kelola/{KEC_BINUANG}/", frozenset({"admin", "operator"})),
        Halaman("/kelola/target/", HANYA_ADMIN),
        Halaman("/kelola/audit/", HANYA_ADMIN),
    ]
