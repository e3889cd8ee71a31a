"""The weekly mading: a printable bulletin of a village's verified news and the siaran sent to its KIM."""

import pytest

from jembatan.test import DESA_A
from siaran.models import Siaran
from warta.tests.test_alur import terbitkan, tulis
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db


def test_mading_prints_the_weeks_verified_news_of_the_village_for_its_people_only(client, cast):
    berita = tulis(client, cast.admin, judul="Kerja bakti pekan ini")
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    terbitkan(client, cast.admin, berita)
    draf = tulis(client, cast.admin, judul="Draf yang belum terbit")
    Siaran.objects.kirim(
        judul="Waspada banjir kiriman",
        isi="Warga bantaran sungai diminta **siaga**.",
        prioritas="darurat",
        cakupan="desa",
        wilayah=list(Wilayah.objects.filter(kode=DESA_A)),
        lampiran=[],
        oleh=cast.admin,
        kunci="5d0c1c3e-0000-4000-8000-000000000001",
        dasar_url="https://x.example",
    )
    client.force_login(cast.editor)
    html = client.get(f"/kelola/mading/{DESA_A}/").content.decode()
    assert "Kerja bakti pekan ini" in html and draf.judul not in html and "Kabar sepekan Desa Tungkap" in html
    assert "Waspada banjir kiriman" in html and "<strong>siaga</strong>" in html
    last_week = client.get(f"/kelola/mading/{DESA_A}/", {"minggu": "2020-W10"}).content.decode()
    assert "Kerja bakti pekan ini" not in last_week
    client.force_login(cast.editor_lain)
    assert client.get(f"/kelola/mading/{DESA_A}/").status_code == 404
