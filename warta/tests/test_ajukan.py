"""Submitting news: the writer lands on a page that says where the item stands, and the step is audited."""

import pytest

from akun.models import Aksi, Audit
from warta.models import Status
from warta.tests.test_alur import terbitkan, tulis

pytestmark = pytest.mark.django_db


def test_member_lands_on_the_status_page_after_submitting_not_a_404(client, cast):
    """GIVEN an anggota's draft
    WHEN they press "Ajukan untuk diperiksa" and follow the redirect
    THEN they see the item marked as waiting for the editor, with its text, and no editing form."""
    berita = tulis(client, cast.anggota)
    response = client.post(f"/kelola/warta/{berita.pk}/ajukan/", {"versi": berita.versi}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Berita diajukan untuk diperiksa editor." in html
    assert "menunggu pemeriksaan editor" in html and berita.judul in html
    assert 'name="judul"' not in html  # no longer theirs to change
    berita.refresh_from_db()
    assert berita.status == Status.DIAJUKAN
    assert Audit.objects.filter(aksi=Aksi.AJUKAN_BERITA, objek_id=str(berita.pk), user=cast.anggota).count() == 1


def test_submitted_item_cannot_be_changed_by_its_writer_by_posting_the_form(client, cast):
    berita = tulis(client, cast.anggota)
    berita.ajukan(oleh=cast.anggota, versi=berita.versi)
    berita.refresh_from_db()
    client.force_login(cast.anggota)
    client.post(
        f"/kelola/warta/{berita.pk}/", {"judul": "Diubah diam-diam", "isi": "x", "kategori": "lainnya", "versi": berita.versi}
    )
    berita.refresh_from_db()
    assert berita.judul != "Diubah diam-diam"


def test_other_writers_still_get_404_for_someone_elses_item(client, cast):
    berita = tulis(client, cast.anggota)
    client.force_login(cast.editor_lain)
    assert client.get(f"/kelola/warta/{berita.pk}/").status_code == 404


def test_submitting_twice_is_refused_politely(client, cast):
    berita = tulis(client, cast.anggota)
    client.post(f"/kelola/warta/{berita.pk}/ajukan/", {"versi": berita.versi})
    response = client.post(f"/kelola/warta/{berita.pk}/ajukan/", {"versi": berita.versi}, follow=True)
    assert response.status_code == 200  # the status page, with the reason, not a 404 or a crash
    assert Audit.objects.filter(aksi=Aksi.AJUKAN_BERITA, objek_id=str(berita.pk)).count() == 1


def test_published_item_shows_a_link_to_the_public_article_for_its_writer(client, cast):
    berita = tulis(client, cast.anggota)
    berita.ajukan(oleh=cast.anggota, versi=berita.versi)
    berita.refresh_from_db()
    terbitkan(client, cast.admin, berita)
    client.force_login(cast.anggota)
    html = client.get(f"/kelola/warta/{berita.pk}/").content.decode()
    assert berita.get_absolute_url() in html


@pytest.mark.parametrize("versi", ["abc", "1.5", "²", "", "-1", "9" * 5000])
def test_a_version_that_is_not_a_number_is_refused_with_400_and_a_message(client, cast, versi):
    berita = tulis(client, cast.anggota)
    response = client.post(f"/kelola/warta/{berita.pk}/ajukan/", {"versi": versi})
    assert response.status_code == 400
    assert "muat ulang halaman berita lalu ajukan lagi" in response.content.decode()
    berita.refresh_from_db()
    assert berita.status == Status.DRAF
    assert not Audit.objects.filter(aksi=Aksi.AJUKAN_BERITA).exists()


def test_the_article_and_the_home_page_name_the_news_feed_for_feed_readers(client, cast):
    berita = tulis(client, cast.anggota)
    berita.ajukan(oleh=cast.anggota, versi=berita.versi)
    berita.refresh_from_db()
    terbitkan(client, cast.admin, berita)
    client.logout()
    for url in (berita.get_absolute_url(), "/"):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="/warta/feed/"' in html, url
