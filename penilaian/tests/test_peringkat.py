"""A kecamatan's leaderboard: Diskominfo's and its operator's, or everyone's when Diskominfo opens it."""

from datetime import date

import pytest
import time_machine

from jembatan.test import KEC_BINUANG, make_kim
from penilaian.models import Pengaturan, Skema, SkorBulanan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_hari_ini")]
URL = f"/peringkat/{KEC_BINUANG}/"


@pytest.fixture
def _hari_ini():
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        yield


def _isi(cast):
    skema = Skema.objects.get(nama="Skema awal")
    lain = make_kim("63.05.01.2006", nama="KIM A. Yani Pura")
    luar = make_kim("63.05.03.2002", nama="KIM luar kecamatan")
    for kim, total, tingkat in ((cast.kim_a, 45.0, "Madya"), (lain, 71.0, "Utama"), (luar, 90.0, "Utama")):
        SkorBulanan.objects.create(kim=kim, bulan=date(2026, 5, 1), skema=skema, total=total, tingkat=tingkat)
    SkorBulanan.objects.create(kim=cast.kim_a, bulan=date(2026, 6, 1), skema=skema, total=99, tingkat="Utama")


def test_the_operator_sees_the_kecamatans_kim_best_first(client, cast):
    _isi(cast)
    client.force_login(cast.operator)
    html = client.get(URL).content.decode()
    assert "Skor Mei 2026" in html  # the month in progress is not ranked
    assert html.index("KIM A. Yani Pura") < html.index("KIM Tungkap Bersinar")
    assert "KIM luar kecamatan" not in html


def test_closed_to_visitors_until_diskominfo_opens_it(client, cast):
    _isi(cast)
    assert client.get(URL)["Location"].startswith("/akun/masuk/")
    Pengaturan.objects.update_or_create(pk=1, defaults={"peringkat_publik": True})
    html = client.get(URL).content.decode()
    assert "KIM A. Yani Pura" in html and "Utama" in html


def test_an_unknown_kecamatan_is_not_found(client, cast):
    client.force_login(cast.admin)
    assert client.get("/peringkat/63.05.01.2003/").status_code == 404  # a village, not a kecamatan
