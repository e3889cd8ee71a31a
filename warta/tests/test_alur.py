"""The editorial flow: writers draft and submit, editors check and publish or return, nothing is lost."""

import io
import re
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from akun.models import Audit
from jembatan.test import DESA_A, DESA_B
from kim.models import Kim
from warta.models import Berita, Foto, Status

pytestmark = pytest.mark.django_db

PERIKSA = {"cek_sumber": "on", "cek_fakta": "on", "cek_foto": "on", "cek_pribadi": "on"}


def tulis(client, user, **extra):
    client.force_login(user)
    data = {
        "judul": "Posyandu Tungkap buka setiap Selasa",
        "isi": "Posyandu **Melati** buka pukul 08.00.\n\n- timbang\n- imunisasi",
        "kategori": "kesehatan",
        "wilayah": DESA_A,
        "versi": 0,
        **extra,
    }
    response = client.post("/kelola/warta/tulis/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return Berita.objects.latest("id")


def terbitkan(client, editor, berita):
    client.force_login(editor)
    return client.post(f"/kelola/warta/{berita.pk}/periksa/", {**PERIKSA, "versi": berita.versi, "terbitkan": "1"})


def test_member_drafts_submits_and_admin_publishes_with_the_verified_mark(client, cast):
    berita = tulis(client, cast.anggota)
    assert berita.status == Status.DRAF and berita.kim == cast.kim_a and berita.penulis == cast.anggota
    assert client.get(berita.get_absolute_url()).status_code == 404  # not public yet
    client.post(f"/kelola/warta/{berita.pk}/ajukan/", {"versi": berita.versi})
    berita.refresh_from_db()
    assert berita.status == Status.DIAJUKAN
    assert terbitkan(client, cast.admin, berita).status_code == 302
    berita.refresh_from_db()
    assert berita.is_terbit and berita.diperiksa_oleh == cast.admin
    client.logout()
    html = client.get(berita.get_absolute_url()).content.decode()
    assert "Terverifikasi: diperiksa" in html and cast.admin.nama in html
    assert "<strong>Melati</strong>" in html and "<li>imunisasi</li>" in html
    assert Audit.objects.filter(aksi="terbit_berita").exists()


def test_publishing_needs_every_checklist_item(client, cast):
    berita = tulis(client, cast.anggota)
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    client.force_login(cast.admin)
    response = client.post(f"/kelola/warta/{berita.pk}/periksa/", {"cek_sumber": "on", "versi": berita.versi, "terbitkan": "1"})
    assert "Centang semua butir" in response.content.decode()
    berita.refresh_from_db()
    assert berita.status == Status.DIAJUKAN


def test_returned_item_shows_the_reason_to_its_writer(client, cast):
    berita = tulis(client, cast.anggota)
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    client.force_login(cast.admin)
    client.post(
        f"/kelola/warta/{berita.pk}/periksa/", {"versi": berita.versi, "alasan": "Sebutkan sumber jadwalnya.", "kembalikan": "1"}
    )
    client.force_login(cast.anggota)
    html = client.get("/kelola/warta/").content.decode()
    assert "Dikembalikan" in html and "Sebutkan sumber jadwalnya." in html


def test_second_editor_with_a_stale_page_sees_a_conflict(client, cast):
    berita = tulis(client, cast.anggota)
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    stale = berita.versi
    client.force_login(cast.admin)
    client.post(f"/kelola/warta/{berita.pk}/periksa/", {"versi": stale, "alasan": "Kurang sumber", "kembalikan": "1"})
    response = client.post(f"/kelola/warta/{berita.pk}/periksa/", {**PERIKSA, "versi": stale, "terbitkan": "1"})
    assert response.status_code == 404 or "baru saja" in response.content.decode()
    berita.refresh_from_db()
    assert berita.status == Status.DIKEMBALIKAN


def test_kim_editor_publishes_own_village_only_when_diskominfo_allows(client, cast):
    berita = tulis(client, cast.anggota)
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    assert terbitkan(client, cast.editor, berita).status_code == 404
    Kim.objects.filter(pk=cast.kim_a.pk).update(boleh_terbit_sendiri=True)
    assert terbitkan(client, cast.editor, berita).status_code == 302
    other = tulis(client, cast.editor_lain, wilayah=DESA_B)
    other.ajukan(oleh=other.penulis, versi=other.versi)
    assert terbitkan(client, cast.editor, other).status_code == 404


@pytest.mark.parametrize("peran", ["verifikator", "warga"])
def test_roles_without_a_place_cannot_write(client, cast, peran):
    client.force_login(getattr(cast, peran))
    assert client.get("/kelola/warta/tulis/").status_code == 404


def test_writer_cannot_pick_a_village_outside_their_scope(client, cast):
    client.force_login(cast.anggota)
    response = client.post(
        "/kelola/warta/tulis/", {"judul": "x", "isi": "y", "kategori": "lainnya", "wilayah": DESA_B, "versi": 0}
    )
    assert "wilayah" in response.context["form"].errors


def test_editing_a_published_item_needs_a_reason_and_shows_a_dated_note(client, cast):
    berita = tulis(client, cast.admin)
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    terbitkan(client, cast.admin, berita)
    berita.refresh_from_db()
    data = {
        "judul": berita.judul,
        "isi": berita.isi + "\n\nJadwal berubah.",
        "kategori": "kesehatan",
        "wilayah": DESA_A,
        "versi": berita.versi,
    }
    assert "alasan_perubahan" in client.post(f"/kelola/warta/{berita.pk}/", data).context["form"].errors
    client.post(f"/kelola/warta/{berita.pk}/", {**data, "alasan_perubahan": "Jadwal posyandu diperbarui"})
    html = client.get(berita.get_absolute_url()).content.decode()
    assert "Diperbarui" in html and "Jadwal posyandu diperbarui" in html and "Jadwal berubah." in html
    client.post(f"/kelola/warta/{berita.pk}/ralat/", {"isi": "Posyandu mulai pukul 09.00, bukan 08.00."})
    html = client.get(berita.get_absolute_url()).content.decode()
    assert "Ralat" in html and "bukan 08.00" in html and "pukul 08.00" in html  # appended, not rewritten


def test_user_html_is_shown_as_text_never_run(client, cast):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)> [klik](javascript:alert(1)) **aman**'
    berita = tulis(client, cast.admin, isi=payload, judul='<b onmouseover="alert(1)">Judul</b>')
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    terbitkan(client, cast.admin, berita)
    html = client.get(Berita.objects.get(pk=berita.pk).get_absolute_url()).content.decode()
    body = html.split('<article class="berita">')[1].split("</article>")[0]
    assert (
        "<script>" not in body
        and "onerror" not in body
        and "javascript:" not in body
        and "onmouseover=" not in body.replace("&quot;", '"').split("</h1>")[1]
    )
    assert "&lt;b onmouseover" in body and "<strong>aman</strong>" in body


def _foto(w=1600, h=1000) -> bytes:
    img = Image.new("RGB", (w, h), (120, 170, 210))
    d = ImageDraw.Draw(img)
    for i in range(0, w, 80):
        d.rectangle((i, h // 2, i + 40, h // 2 + 200), fill=(30 + i % 200, 120, 60))
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (3.0, 9.0, 7.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def test_photos_are_resized_stripped_and_served_as_webp_with_jpeg_fallback(client, cast):
    berita = tulis(client, cast.anggota)
    client.post(
        f"/kelola/warta/{berita.pk}/foto/",
        {"foto": SimpleUploadedFile("a.jpg", _foto(), content_type="image/jpeg"), "keterangan": "Kader posyandu"},
    )
    foto = Foto.objects.get()
    assert sorted(int(w) for w in foto.varian) == [400, 800, 1200]
    from django.core.files.storage import default_storage

    with default_storage.open(foto.varian["800"]["jpeg"]) as f:
        data = f.read()
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (800, 500) and 0x8825 not in img.getexif()
    assert len(data) <= 80 * 1024
    with default_storage.open(foto.varian["800"]["webp"]) as f, Image.open(f) as img:
        assert img.format == "WEBP"
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    terbitkan(client, cast.admin, berita)
    client.logout()
    html = client.get(Berita.objects.get(pk=berita.pk).get_absolute_url()).content.decode()
    assert 'type="image/webp"' in html and "800w" in html and "Kader posyandu" in html
    served = client.get(foto.url(800))
    assert served.status_code == 200 and b"".join(served.streaming_content)[:3] == b"\xff\xd8\xff"


def test_a_file_that_is_not_a_photo_is_refused_and_the_item_kept(client, cast):
    berita = tulis(client, cast.anggota)
    response = client.post(
        f"/kelola/warta/{berita.pk}/foto/",
        {"foto": SimpleUploadedFile("a.jpg", b"not an image", content_type="image/jpeg")},
        follow=True,
    )
    assert "gambar" in response.content.decode().lower() or "foto" in response.content.decode().lower()
    assert not Foto.objects.exists() and Berita.objects.filter(pk=berita.pk).exists()


def test_private_media_is_not_served_publicly(client, cast):
    assert client.get("/media/kim/sk/2025/sk.pdf").status_code == 404


def test_feeds_and_sitemap_are_valid_xml_with_the_published_item(client, cast):
    berita = tulis(client, cast.admin)
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    terbitkan(client, cast.admin, berita)
    client.logout()
    for url in [
        "/warta/feed/",
        "/warta/feed/kategori/kesehatan/",
        f"/warta/feed/wilayah/{DESA_A}/",
        "/warta/feed/wilayah/63.05.01/",
    ]:
        root = ElementTree.fromstring(client.get(url).content)
        titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
        assert berita.judul in titles, url
    assert "posyandu" not in [
        e.text
        for e in ElementTree.fromstring(client.get("/warta/feed/kategori/budaya/").content).iter(
            "{http://www.w3.org/2005/Atom}title"
        )
    ]
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(berita.get_absolute_url()) for loc in locs) and any(
        loc.endswith(f"/wilayah/{DESA_A}/") for loc in locs
    )


def test_article_has_opengraph_and_newsarticle_jsonld(client, cast):
    import json

    berita = tulis(client, cast.admin)
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    terbitkan(client, cast.admin, berita)
    client.logout()
    html = client.get(Berita.objects.get(pk=berita.pk).get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Posyandu Tungkap buka setiap Selasa">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert (
        data["@type"] == "NewsArticle" and data["headline"] == berita.judul and data["author"]["name"] == "KIM Tungkap Bersinar"
    )


def test_publishing_retires_the_cached_home_page(client, cast):
    client.get("/")  # cached without the item
    berita = tulis(client, cast.admin, judul="Gotong royong membersihkan saluran irigasi")
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    terbitkan(client, cast.admin, berita)
    client.logout()
    assert "Gotong royong membersihkan saluran irigasi" in client.get("/").content.decode()


def test_list_pages_run_a_constant_number_of_queries(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)

    first = tulis(client, cast.admin)
    first.ajukan(oleh=first.penulis, versi=first.versi)
    terbitkan(client, cast.admin, first)
    client.logout()
    few = {u: count(u) for u in ["/warta/", "/", "/warta/kategori/kesehatan/"]}
    client.force_login(cast.admin)
    for i in range(8):
        b = tulis(client, cast.admin, judul=f"Berita nomor {i}")
        b.ajukan(oleh=b.penulis, versi=b.versi)
        terbitkan(client, cast.admin, b)
    client.logout()
    assert {u: count(u) for u in few} == few


def test_search_finds_published_news_with_the_title_first_and_marks_the_words(client, cast):
    for judul, isi in [
        ("Jadwal vaksinasi anak di Puskesmas Binuang", "Vaksinasi dilaksanakan Selasa."),
        ("Panen raya padi di Tapin Tengah", "Petani memanen padi. Ada juga vaksinasi ternak sapi."),
        ("Lomba dayung antar desa", "Lomba meriah."),
    ]:
        b = tulis(client, cast.admin, judul=judul, isi=isi)
        b.ajukan(oleh=b.penulis, versi=b.versi)
        terbitkan(client, cast.admin, b)
    draft = tulis(client, cast.admin, judul="Vaksinasi rahasia belum terbit", isi="draf")
    client.logout()
    response = client.get("/warta/", {"q": "vaksinasi"})
    judul = [b.judul for b, _ in response.context["hasil"]]
    assert judul[0] == "Jadwal vaksinasi anak di Puskesmas Binuang"
    assert "Panen raya padi di Tapin Tengah" in judul and draft.judul not in judul and "Lomba dayung antar desa" not in judul
    assert "<mark>" in response.content.decode()
    assert client.get("/warta/", {"q": "<script>alert(1)</script>"}).content.decode().count("<script>alert(1)") == 0


def test_a_citizen_comments_under_news_and_the_village_editor_moderates_it(client, cast):
    """GIVEN a published item about Tungkap
    WHEN a citizen comments under it for the first time
    THEN the comment waits, the KIM editor of Tungkap approves it, and it appears under the article."""
    from diskusi.models import Komentar
    from diskusi.tests.conftest import kirim

    berita = tulis(client, cast.admin)
    berita.ajukan(oleh=berita.penulis, versi=berita.versi)
    terbitkan(client, cast.admin, berita)
    berita = Berita.objects.get(pk=berita.pk)
    client.logout()
    assert 'action="/komentar/kirim/"' in client.get(berita.get_absolute_url()).content.decode()
    from django.test import Client

    kirim(Client(), berita, nama="Pak Rahman", isi="Jadwalnya sangat membantu, terima kasih.")  # another reader
    komentar = Komentar.objects.get()
    assert komentar.status == "menunggu"
    assert "Pak Rahman" not in client.get(berita.get_absolute_url()).content.decode()
    client.force_login(cast.editor_lain)
    assert client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "setujui"}).status_code == 404
    komentar.refresh_from_db()
    assert komentar.status == "menunggu"
    client.force_login(cast.editor)
    client.post(f"/kelola/komentar/{komentar.pk}/", {"aksi": "setujui"})
    komentar.refresh_from_db()
    assert komentar.status == "tampil"
    client.logout()
    assert "Jadwalnya sangat membantu" in client.get(berita.get_absolute_url()).content.decode()


def test_demo_news_is_published_and_marked(client):
    import io

    from django.core.management import call_command

    call_command("muat_demo", stdout=io.StringIO())
    call_command("muat_demo_warta", stdout=io.StringIO())
    assert Berita.objects.terbit().filter(demo=True).count() == 3
    html = client.get("/warta/").content.decode()
    assert html.count('class="demo">DEMO') >= 3


def test_only_diskominfo_lets_a_kim_publish_by_itself(client, cast):
    data = {
        "nama": cast.kim_a.nama,
        "versi": cast.kim_a.versi,
        "tanggal_sk": "2025-03-01",
        "nomor_sk": "141/01/2025",
        "boleh_terbit_sendiri": "on",
    }
    client.force_login(cast.editor)
    client.post(f"/kelola/{DESA_A}/profil/", data)
    assert not Kim.objects.get(pk=cast.kim_a.pk).boleh_terbit_sendiri
    client.force_login(cast.admin)
    client.post(f"/kelola/{DESA_A}/profil/", {**data, "versi": Kim.objects.get(pk=cast.kim_a.pk).versi})
    assert Kim.objects.get(pk=cast.kim_a.pk).boleh_terbit_sendiri
