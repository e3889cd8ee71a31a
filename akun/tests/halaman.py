"""akun's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import HANYA_ADMIN, SEMUA_MASUK, Halaman

PUBLIK = {
    "akun:masuk",
    "akun:keluar",
    "akun:terima_undangan",
    "akun:lupa_sandi",
    "akun:lupa_sandi_terkirim",
    "akun:atur_sandi",
    "akun:sandi_diatur",
}


def terlindung(cast) -> list[Halaman]:
    from akun.models import Undangan

    undangan, _token = Undangan.buat(email="baru@uji.example", nama="Baru", peran="warga", wilayah=None, oleh=cast.admin)
    return [
        Halaman("/akun/sandi/", SEMUA_MASUK),
        Halaman("/akun/pengguna/", HANYA_ADMIN),
        Halaman("/akun/pengguna/undang/", HANYA_ADMIN),
        Halaman(f"/akun/pengguna/{cast.warga.pk}/", HANYA_ADMIN),
        Halaman(f"/akun/pengguna/undangan/{undangan.pk}/batal/", HANYA_ADMIN, method="post"),
    ]
