"""The comment form's POST: moderation on arrival, bots, limits, closed threads, bad input."""

import re

import pytest

from diskusi.models import Blokir, Komentar, Status
from diskusi.tests.conftest import kirim, make_komentar

pytestmark = pytest.mark.django_db


def test_a_first_comment_is_held_and_its_author_sees_it_waiting_while_others_do_not(client, putusan):
    response = kirim(client, putusan, nama="Siti Aminah", isi="Kemarin saya juga menerima foto itu.")
    komentar = Komentar.objects.get()
    assert komentar.status == Status.MENUNGGU
    assert response.status_code == 302 and response["Location"].startswith("/komentar/menunggu/")

    penulis = client.get(response["Location"])
    html = penulis.content.decode()
    assert "Kemarin saya juga menerima foto itu." in html and "Komentar Anda menunggu moderasi." in html
    assert "no-store" in penulis["Cache-Control"]

    from django.test import Client

    lain = Client()
    assert "Kemarin saya juga" not in lain.get(putusan.get_absolute_url()).content.decode()
    # The author's address is of no use without the author's cookie.
    assert lain.get(response["Location"]).status_code == 404
    # Back on the public page, its author sees it waiting (a page of their own, never cached); others still do not.
    sendiri = client.get(putusan.get_absolute_url())
    assert "Kemarin saya juga" in sendiri.content.decode() and "private" in sendiri["Cache-Control"]
    assert "Kemarin saya juga" not in Client().get(putusan.get_absolute_url()).content.decode()


def test_once_approved_the_waiting_address_leads_to_the_comment_on_its_page(client, putusan):
    response = kirim(client, putusan)
    Komentar.objects.update(status=Status.TAMPIL)
    lanjut = client.get(response["Location"])
    assert lanjut.status_code == 302 and lanjut["Location"] == Komentar.objects.get().get_absolute_url()


def test_a_returning_commenter_with_the_same_email_is_shown_at_once(client, putusan):
    make_komentar(putusan, nama="Siti", email="siti@contoh.example", klien="lain" * 8)
    kirim(client, putusan, nama="Siti A.", email="SITI@contoh.example", isi="Sudah saya teruskan ke grup RT.")
    assert Komentar.objects.get(isi="Sudah saya teruskan ke grup RT.").status == Status.TAMPIL
    assert "Sudah saya teruskan ke grup RT." in client.get(putusan.get_absolute_url()).content.decode()


def test_a_returning_commenter_with_the_same_name_from_the_same_address_is_shown_at_once(client, putusan):
    kirim(client, putusan, nama="Rahmat")
    Komentar.objects.update(status=Status.TAMPIL)
    kirim(client, putusan, nama="rahmat", isi="Komentar kedua saya.")
    assert Komentar.objects.get(isi="Komentar kedua saya.").status == Status.TAMPIL


def test_the_same_name_from_another_address_is_a_new_commenter(client, putusan):
    kirim(client, putusan, nama="Rahmat", ip="10.0.0.1")
    Komentar.objects.update(status=Status.TAMPIL)
    kirim(client, putusan, nama="Rahmat", isi="Saya Rahmat yang lain.", ip="10.0.0.2")
    assert Komentar.objects.get(isi="Saya Rahmat yang lain.").status == Status.MENUNGGU


def test_a_held_comment_does_not_make_its_author_known(client, putusan):
    kirim(client, putusan, email="baru@contoh.example")
    kirim(client, putusan, email="baru@contoh.example", isi="Yang kedua.")
    assert Komentar.objects.get(isi="Yang kedua.").status == Status.MENUNGGU


def test_more_than_two_links_hold_even_a_known_commenter(client, putusan):
    make_komentar(putusan, nama="Siti", email="siti@contoh.example")
    isi = "Sumber: https://a.example/1 dan https://b.example/2 serta www.c.example/3"
    kirim(client, putusan, email="siti@contoh.example", isi=isi)
    assert Komentar.objects.get(isi=isi).status == Status.MENUNGGU
    dua = "Sumber: https://a.example/1 dan https://b.example/2"
    kirim(client, putusan, email="siti@contoh.example", isi=dua)
    assert Komentar.objects.get(isi=dua).status == Status.TAMPIL


def test_a_judol_phrase_is_rejected_and_the_writer_told_why(client, putusan):
    response = kirim(client, putusan, nama="Admin Gacor", isi="Main di situs kami, slot gacor hari ini maxwin!")
    assert response.status_code == 400
    assert "judi online" in response.content.decode()
    assert Komentar.objects.get().status == Status.DITOLAK


def test_a_blocklisted_domain_rejects_even_from_a_known_commenter(client, putusan):
    make_komentar(putusan, nama="Siti", email="siti@contoh.example")
    kirim(client, putusan, email="siti@contoh.example", isi="Info lengkap di https://promo.heylink.me/daftar")
    assert Komentar.objects.get(email="siti@contoh.example", isi__contains="heylink").status == Status.DITOLAK


def test_a_word_that_also_has_honest_uses_only_holds(client, putusan):
    make_komentar(putusan, nama="Siti", email="siti@contoh.example")
    kirim(client, putusan, email="siti@contoh.example", isi="Hati-hati, judi online merusak keluarga.")
    assert Komentar.objects.get(isi__contains="merusak").status == Status.MENUNGGU


def test_a_blocklist_entry_added_by_the_admin_applies_at_once(client, putusan):
    make_komentar(putusan, nama="Siti", email="siti@contoh.example")
    Blokir.objects.create(jenis=Blokir.Jenis.KATA, pola="Pinjol Kilat", tindakan=Blokir.Tindakan.TOLAK)
    kirim(client, putusan, email="siti@contoh.example", isi="Butuh dana? PINJOL KILAT cair 5 menit")
    assert Komentar.objects.get(isi__contains="cair").status == Status.DITOLAK


def test_bots_filling_the_honeypot_store_nothing(client, putusan):
    response = kirim(client, putusan, situs_web="http://spam.example")
    assert response.status_code == 302
    assert not Komentar.objects.exists()


def test_the_rate_limit_per_client_refuses_the_next_comment_and_keeps_the_text(client, putusan, settings):
    settings.JEMBATAN_DISKUSI_BATAS_PER_JAM = 2
    kirim(client, putusan, isi="satu")
    kirim(client, putusan, isi="dua")
    response = kirim(client, putusan, isi="tiga yang ditolak batas")
    assert response.status_code == 429
    assert "Terlalu banyak komentar" in response.content.decode()
    assert "tiga yang ditolak batas" in response.content.decode()
    assert Komentar.objects.count() == 2
    assert kirim(client, putusan, isi="dari alamat lain", ip="10.9.9.9").status_code == 302


def test_a_closed_thread_refuses_politely_and_stores_nothing(client, putusan):
    from unittest import mock

    # The hook a module sets on its objects: an attribute, property or method `komentar_ditutup`.
    with mock.patch.object(type(putusan), "komentar_ditutup", True, create=True):
        response = kirim(client, putusan)
        assert response.status_code == 403
        assert "kolom komentar untuk halaman ini sudah ditutup" in response.content.decode()
        halaman = client.get(putusan.get_absolute_url()).content.decode()
    assert not Komentar.objects.exists()
    assert "Kolom komentar untuk halaman ini sudah ditutup" in halaman and 'action="/komentar/kirim/"' not in halaman


def test_an_unpublished_object_takes_no_comments(client, putusan):
    from cekfakta.models import Status as KlaimStatus
    from diskusi import komentar_publik

    tanda = komentar_publik.buat_tanda(putusan)
    putusan.status = KlaimStatus.DIPERIKSA
    putusan.save()
    assert client.post("/komentar/kirim/", {"nama": "Siti", "isi": "Halo", "tanda": tanda}).status_code == 403
    assert not Komentar.objects.exists()


def test_errors_are_shown_beside_the_fields_and_the_input_is_kept(client, putusan):
    response = kirim(client, putusan, nama="", email="bukan-email", isi="Isi saya tetap ada", kabari="on")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_nama_galat"' in html and 'id="id_email_galat"' in html
    assert "Isi saya tetap ada" in html and 'value="bukan-email"' in html
    assert not Komentar.objects.exists()


def test_asking_for_replies_without_an_email_is_explained(client, putusan):
    response = kirim(client, putusan, kabari="on")
    assert "Isi email Anda bila ingin dikabari" in response.content.decode()


def test_an_overlong_comment_is_refused(client, putusan):
    response = kirim(client, putusan, isi="a" * 3001)
    assert response.status_code == 400 and not Komentar.objects.exists()


def test_a_name_with_a_link_is_refused(client, putusan):
    response = kirim(client, putusan, nama="gacor88.xyz")
    assert "Nama tidak boleh berisi tautan" in response.content.decode()


def test_a_forged_or_expired_form_is_refused(client, putusan):
    from diskusi import komentar_publik

    assert kirim(client, putusan, tanda="2.1.999:palsu").status_code == 400
    lama = komentar_publik.buat_tanda(putusan, sekarang=1_000_000)
    response = kirim(client, putusan, tanda=lama)
    html = response.content.decode()
    assert response.status_code == 400 and "kedaluwarsa" in html
    assert not Komentar.objects.exists()
    # The text is kept and the form carries a fresh signed field: sending it again works.
    segar = re.search(r'name="tanda" value="([^"]+)"', html).group(1)
    assert segar != lama and kirim(client, putusan, tanda=segar).status_code == 302


def test_a_post_from_another_site_is_refused(client, putusan):
    from diskusi import komentar_publik

    data = {"nama": "Siti", "isi": "Halo", "tanda": komentar_publik.buat_tanda(putusan)}
    assert client.post("/komentar/kirim/", data, HTTP_ORIGIN="https://jahat.example").status_code == 403
    assert client.post("/komentar/kirim/", data, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert client.post("/komentar/kirim/", data, HTTP_ORIGIN="http://testserver").status_code == 302
    assert Komentar.objects.count() == 1


def test_the_comment_form_needs_no_csrf_cookie_so_it_works_on_a_cached_page(putusan):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get(putusan.get_absolute_url())
    cached = browser.get(putusan.get_absolute_url())
    assert cached.context is None  # served from the page cache, not rendered
    assert "csrfmiddlewaretoken" not in cached.content.decode()
    tanda = re.search(r'name="tanda" value="([^"]+)"', cached.content.decode()).group(1)
    response = browser.post(
        "/komentar/kirim/", {"nama": "Siti", "isi": "Lewat halaman cache", "tanda": tanda}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302 and Komentar.objects.get().isi == "Lewat halaman cache"


def test_a_logged_in_user_still_comments_anonymously_through_the_same_rules(client, cast, putusan):
    client.force_login(cast.admin)
    kirim(client, putusan, nama="Admin")
    assert Komentar.objects.get().status == Status.MENUNGGU
