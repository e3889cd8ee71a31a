"""cekfakta's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

import io

from PIL import Image

from jembatan.test import Halaman

PUBLIK = {
    "cekfakta:daftar",
    "cekfakta:cek",
    "cekfakta:claimreview",
    "cekfakta:lacak",
    # A reporter answering a "mungkin" question: the tracking code in the address is the key.
    "cekfakta:pilih_usulan",
    "cekfakta:tolak_usulan",
    "cekfakta:putusan",
    "cekfakta:gambar",
    "cekfakta:webhook",
}
# The verification desk: Diskominfo's admins and the verifikator.
MEJA = frozenset({"admin", "verifikator"})


def terlindung(cast) -> list[Halaman]:
    from cekfakta.layanan import periksa

    png = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(png, "PNG")
    pertama = periksa("Air PDAM Rantau tercemar bangkai, jangan diminum dulu", gambar=png.getvalue()).laporan
    lain = periksa("Bantuan sosial dibagikan lewat tautan ini, isi data diri Anda").laporan
    biasa = periksa("Jadwal posyandu balita Desa Bakarangan hari Kamis pukul 08.00 di balai desa").laporan
    return [
        Halaman("/kelola/cek-fakta/", MEJA),
        Halaman(f"/kelola/cek-fakta/{pertama.klaim_id}/", MEJA),
        Halaman("/kelola/cek-fakta/statistik/", MEJA),
        Halaman(
            "/kelola/cek-fakta/bukan-klaim/",
            MEJA,
            method="post",
            data={"klaim": biasa.klaim_id, f"versi-{biasa.klaim_id}": 1},  # a new claim is at version 1
        ),
        Halaman("/kelola/cek-fakta/statistik.csv", MEJA),
        Halaman(f"/kelola/cek-fakta/laporan/{pertama.pk}/gambar/", MEJA),
        Halaman(f"/kelola/cek-fakta/laporan/{pertama.pk}/pisah/", MEJA, method="post"),
        Halaman(f"/kelola/cek-fakta/{lain.klaim_id}/gabung/", MEJA, method="post", data={"tujuan": pertama.klaim_id}),
    ]
