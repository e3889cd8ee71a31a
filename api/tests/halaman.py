"""The API's endpoints for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import SEMUA_MASUK, Halaman

PUBLIK = {
    "api-v1:api-root",
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "api-v1:wilayah",
    "api-v1:daftar_kim",
    "api-v1:detail_kim",
    "api-v1:data_cakupan",
    "api-v1:cocokkan",
    "api-v1:daftar_warta",
    "api-v1:detail_warta",
    "api-v1:status_permohonan",
    "api-v1:daftar_informasi",
    "api-v1:statistik_ppid",
    "api-v1:daftar_program",
    "api-v1:detail_program",
    "api-v1:daftar_aspirasi",
    "api-v1:statistik_aspirasi_api",
    "api-v1:hasil_jajak",
    "api-v1:kegiatan_kim",
    "api-v1:skor_kim",
    "api-v1:daftar_potensi",
    "api-v1:detail_potensi",
}


def terlindung(cast) -> list[Halaman]:
    # Every signed-in user gets their own KIM's siaran (an empty list when they belong to none).
    return [Halaman("/api/v1/siaran", SEMUA_MASUK, anonim=401)]
