"""A KIM's activities and score through the API: public fields only, the score only when Diskominfo publishes it."""

from datetime import date

import pytest
import time_machine

from jembatan.test import DESA_A, cocok_openapi
from penilaian.models import FotoKegiatan, Pengaturan, Skema, SkorBulanan
from penilaian.tests.bantu import make_kegiatan

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def test_activities_show_public_fields_only(client, spec, cast):
    g = make_kegiatan(cast, daftar_hadir="Siti Rahmah\nAminah", jumlah_peserta=20, mitra=[cast.kim_b])
    FotoKegiatan.objects.create(
        kegiatan=g, keterangan="Peserta", lebar=800, tinggi=600, varian={"800": {"jpeg": "publik/a.jpg", "webp": "publik/a.webp"}}
    )
    make_kegiatan(cast, tanggal=date(2026, 5, 20), judul="Yang terbaru")
    response = client.get(f"/api/v1/kim/{DESA_A}/kegiatan")
    cocok_openapi(spec, "/api/v1/kim/{kode}/kegiatan", response, 200)
    data = response.json()
    assert data["count"] == 2 and [k["judul"] for k in data["items"]] == ["Yang terbaru", g.judul]
    lama = data["items"][1]
    assert (lama["jumlah_peserta"], lama["bersama"], lama["foto"][0]["keterangan"]) == (20, ["KIM Pandulangan"], "Peserta")
    assert "Siti Rahmah" not in response.content.decode() and "anggota@uji.example" not in response.content.decode()


def test_activities_of_a_village_without_a_kim_are_a_404(client, spec, cast):
    response = client.get("/api/v1/kim/63.05.01.2006/kegiatan")
    assert response.status_code == 404 and "Tidak ada KIM" in response.json()["detail"]


def test_the_score_is_shown_only_when_diskominfo_publishes_levels(client, spec, cast):
    skema = Skema.objects.get(nama="Skema awal")
    for bulan, total in ((date(2026, 4, 1), 35.0), (date(2026, 5, 1), 52.5), (date(2026, 6, 1), 10.0)):
        SkorBulanan.objects.create(
            kim=cast.kim_a, bulan=bulan, skema=skema, total=total, tingkat="Madya", per_sumbu={"informasi": 60.0}
        )
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        tertutup = client.get(f"/api/v1/kim/{DESA_A}/skor")
        cocok_openapi(spec, "/api/v1/kim/{kode}/skor", tertutup, 200)
        assert tertutup.json() == {"diterbitkan": False, "bulan": []}
        Pengaturan.objects.update_or_create(pk=1, defaults={"terbitkan_tingkat": True})
        terbuka = client.get(f"/api/v1/kim/{DESA_A}/skor")
    cocok_openapi(spec, "/api/v1/kim/{kode}/skor", terbuka, 200)
    assert terbuka.json()["bulan"] == [
        {"bulan": "2026-05", "skor": 52.5, "tingkat": "Madya", "sumbu": {"informasi": 60.0}},
        {"bulan": "2026-04", "skor": 35.0, "tingkat": "Madya", "sumbu": {"informasi": 60.0}},
    ]  # June is not over
