"""The darurat banner: at the top of every page of the targeted KIM's pengurus and members until the KIM
marks the siaran received; never for anyone else, never on anonymous (cached) pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

HALAMAN = ["/", "/warta/", "/kelola/", "/kelola/siaran/"]


@pytest.fixture
def darurat(buat_siaran, cast):
    return buat_siaran(
        judul="Banjir: warga bantaran sungai mengungsi", prioritas="darurat", cakupan="desa", wilayah=[cast.kim_a.wilayah]
    )


@pytest.mark.parametrize("peran", ["editor", "anggota"])
def test_banner_stands_on_every_page_of_the_targeted_kim_until_received(client, cast, darurat, peran):
    """GIVEN a darurat siaran to KIM A
    WHEN its pengurus or a member opens any page
    THEN the banner with the siaran's title and link is at the top, until a pengurus marks it received."""
    client.force_login(getattr(cast, peran))
    for url in HALAMAN:
        html = client.get(url).content.decode()
        assert "SIARAN DARURAT" in html and "Banjir: warga bantaran sungai mengungsi" in html, url
        assert f'href="/kelola/siaran/{darurat.pk}/"' in html
        assert html.index("pita-darurat") < html.index('<main id="isi"')
    darurat.penerimaan.get().tandai_diterima(cast.editor)
    assert "SIARAN DARURAT" not in client.get("/").content.decode()


@pytest.mark.parametrize("peran", ["admin", "operator", "pemdes", "editor_lain", "verifikator", "warga"])
def test_no_banner_for_anyone_else(client, cast, darurat, peran):
    client.force_login(getattr(cast, peran))
    assert "SIARAN DARURAT" not in client.get("/warta/").content.decode()


def test_no_banner_for_biasa_or_penting(client, cast, buat_siaran):
    buat_siaran(prioritas="penting")
    buat_siaran(prioritas="biasa")
    client.force_login(cast.editor)
    assert "SIARAN DARURAT" not in client.get("/warta/").content.decode()


def test_anonymous_pages_show_no_banner_and_do_no_siaran_work(client, darurat):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/warta/")
    assert "SIARAN DARURAT" not in response.content.decode()
    assert not [q for q in ctx.captured_queries if "siaran" in q["sql"]]
    assert "public" in response["Cache-Control"]


def test_banner_costs_one_query_for_kim_people_and_none_for_others(client, cast, darurat):
    for user, jumlah in ((cast.editor, 1), (cast.admin, 0)):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            client.get("/warta/")
        assert len([q for q in ctx.captured_queries if "siaran_penerimaan" in q["sql"]]) == jumlah
