"""`{% komentar_untuk obj %}` on the published verdict page: the thread, safe text, replies, the cache."""

import re

import pytest

from diskusi import komentar_publik
from diskusi.models import Komentar, Status
from diskusi.tests.conftest import kirim, make_komentar

pytestmark = pytest.mark.django_db


def halaman(client, putusan, query=""):
    return client.get(putusan.get_absolute_url() + query).content.decode()


def test_the_verdict_page_shows_approved_comments_and_the_form_like_tinggalkan_balasan(client, putusan):
    make_komentar(putusan, nama="Budi", isi="Terima kasih, sudah saya bagikan.")
    make_komentar(putusan, nama="Spammer", isi="tunggu dulu", status=Status.MENUNGGU)
    html = halaman(client, putusan)
    assert "1 komentar" in html and "Terima kasih, sudah saya bagikan." in html and "tunggu dulu" not in html
    assert "Tinggalkan Balasan" in html
    assert re.search(r'<label for="id_nama">Nama <abbr title="wajib diisi">\*</abbr>', html)
    assert re.search(r'<label for="id_isi">Komentar <abbr title="wajib diisi">\*</abbr>', html)
    assert '<label for="id_email">Email</label>' in html and "Tidak pernah dipublikasikan" in html
    assert "Ingat nama saya di peramban ini" in html and "Kabari saya lewat email" in html
    assert "Privasi:" in html and 'name="situs_web"' in html


def test_html_and_script_in_name_and_text_are_shown_as_text(client, putusan):
    make_komentar(
        putusan, nama='<img src=x onerror="alert(1)">', isi='<script>alert("x")</script>\n<a href="javascript:alert(1)">klik</a>'
    )
    html = halaman(client, putusan)
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_links_are_clickable_but_marked_as_user_content_and_line_breaks_kept(client, putusan):
    make_komentar(putusan, isi='Sumber resmi: https://tapinkab.go.id/berita rel="x"\nBaris kedua')
    html = halaman(client, putusan)
    assert '<a href="https://tapinkab.go.id/berita" rel="nofollow ugc noopener">https://tapinkab.go.id/berita</a>' in html
    assert "<br>Baris kedua" in html and "rel=&quot;x&quot;" in html


def test_a_commenters_email_never_appears_on_any_page(client, cast, putusan):
    make_komentar(putusan, nama="Budi", email="budi.rahasia@contoh.example", kabari=True)
    make_komentar(putusan, nama="Ani", email="ani.rahasia@contoh.example", status=Status.DITOLAK, alasan="Spam")
    halaman_publik = [
        halaman(client, putusan),
        client.get("/komentar/log/").content.decode(),
        client.get(f"/komentar/{Komentar.objects.first().pk}/laporkan/").content.decode(),
    ]
    client.force_login(cast.admin)
    for status in ("tinjau", "tampil", "ditolak"):
        halaman_publik.append(client.get(f"/kelola/komentar/?status={status}").content.decode())
    for html in halaman_publik:
        assert "rahasia@contoh.example" not in html


def test_replies_thread_to_depth_three_and_a_reply_at_depth_three_becomes_a_sibling(client, putusan):
    satu = make_komentar(putusan, nama="Satu", email="satu@contoh.example")
    kirim(client, putusan, nama="Dua", email="satu@contoh.example", balas=satu.pk)
    dua = Komentar.objects.get(nama="Dua")
    kirim(client, putusan, nama="Tiga", email="satu@contoh.example", balas=dua.pk)
    tiga = Komentar.objects.get(nama="Tiga")
    kirim(client, putusan, nama="Empat", email="satu@contoh.example", balas=tiga.pk)
    empat = Komentar.objects.get(nama="Empat")
    assert (dua.parent, dua.kedalaman) == (satu, 2)
    assert (tiga.parent, tiga.kedalaman) == (dua, 3)
    assert (empat.parent, empat.kedalaman) == (dua, 3)
    html = halaman(client, putusan)
    # Nested lists: Dua inside Satu, Tiga and Empat side by side inside Dua.
    blok_dua = html[html.index(f'id="komentar-{dua.pk}"') :]
    assert blok_dua.index("Tiga") < blok_dua.index("Empat") < blok_dua.index("</ol>")


def test_the_reply_link_works_without_javascript(client, putusan):
    k = make_komentar(putusan, nama="Budi")
    html = halaman(client, putusan, f"?balas={k.pk}")
    assert "Balas Budi" in html and f'name="balas" value="{k.pk}"' in html and "Batal membalas" in html
    # A reply to something not shown on this page is ignored.
    assert "Balas Budi" not in halaman(client, putusan, "?balas=99999")


@pytest.mark.parametrize("balas", ["abc", "²", "-1", "1.5"])
def test_a_reply_address_that_is_not_a_comment_number_shows_the_page_without_a_reply(client, putusan, balas):
    make_komentar(putusan, nama="Budi")
    response = client.get(putusan.get_absolute_url(), {"balas": balas})
    html = response.content.decode()
    assert response.status_code == 200 and "Tinggalkan Balasan" in html and "Balas Budi" not in html


def test_a_reply_to_a_hidden_comment_is_refused(client, putusan):
    k = make_komentar(putusan, status=Status.DISEMBUNYIKAN)
    response = kirim(client, putusan, balas=k.pk)
    assert response.status_code == 400 and not Komentar.objects.filter(parent=k).exists()


def test_a_removed_comment_with_shown_replies_leaves_a_placeholder_without_its_text(client, putusan):
    induk = make_komentar(putusan, nama="Hilang", isi="teks yang dihapus", status=Status.DISEMBUNYIKAN)
    make_komentar(putusan, nama="Pembalas", isi="balasan yang tetap", parent=induk)
    html = halaman(client, putusan)
    assert "balasan yang tetap" in html and "Komentar ini tidak lagi ditampilkan." in html
    assert "teks yang dihapus" not in html and "Hilang" not in html


def test_the_cached_verdict_page_shows_a_newly_approved_comment(client, cast, putusan):
    from django.test import Client

    kirim(Client(), putusan, isi="Komentar yang baru disetujui")  # another visitor's comment
    assert "Komentar yang baru disetujui" not in halaman(client, putusan)
    cached = client.get(putusan.get_absolute_url())
    assert cached.context is None  # really served from the page cache

    moderator = Client()
    moderator.force_login(cast.verifikator)
    moderator.post(f"/kelola/komentar/{Komentar.objects.get().pk}/", {"aksi": "setujui"})
    assert "Komentar yang baru disetujui" in halaman(client, putusan)

    moderator.post(f"/kelola/komentar/{Komentar.objects.get().pk}/", {"aksi": "sembunyikan", "alasan": "Spam"})
    assert "Komentar yang baru disetujui" not in halaman(client, putusan)


def test_a_returning_commenters_comment_appears_at_once_on_the_cached_page(client, putusan):
    make_komentar(putusan, nama="Siti", email="siti@contoh.example")
    halaman(client, putusan)  # now cached
    kirim(client, putusan, email="siti@contoh.example", isi="Langsung tampil")
    assert "Langsung tampil" in halaman(client, putusan)


def test_the_form_field_is_the_same_for_every_visitor_within_a_window():
    from cekfakta.models import Klaim

    k = Klaim(pk=7)
    assert komentar_publik.buat_tanda(k, sekarang=6000) == komentar_publik.buat_tanda(k, sekarang=6599)
    assert komentar_publik.buat_tanda(k, sekarang=6000) != komentar_publik.buat_tanda(k, sekarang=6600)
