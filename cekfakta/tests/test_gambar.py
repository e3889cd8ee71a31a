"""The share image of a published verdict."""

import io
import re
from unittest import mock

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw

from cekfakta import gambar
from cekfakta.models import Hasil, JenisSalah, Klaim, Status

pytestmark = pytest.mark.django_db

JUDUL = "Pendaftaran bantuan sosial Rp2,4 juta lewat tautan WhatsApp"
# A point inside the verdict stamp, away from its text.
TITIK_CAP = (gambar.TEPI + 12, 400)


def putusan(hasil=Hasil.SALAH, jenis=JenisSalah.PALSU, judul=JUDUL):
    return Klaim.objects.create(
        judul=judul,
        status=Status.SELESAI,
        hasil=hasil,
        jenis_salah=jenis if hasil == Hasil.SALAH else "",
        penjelasan="Tidak ada pendaftaran lewat tautan.",
        metode="Konfirmasi ke Dinas Sosial.",
        diterbitkan=timezone.now(),
    )


def unduh(client, klaim):
    response = client.get(klaim.get_absolute_url() + "gambar.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    return response.content


def buka(png: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(png))
    img.load()
    return img


def test_a_published_verdict_has_a_small_1200_by_630_png(client):
    png = unduh(client, putusan())
    img = buka(png)
    assert img.format == "PNG" and img.size == (1200, 630)
    assert len(png) < 100 * 1024


def test_the_stamp_has_the_verdict_colour(client):
    salah = buka(unduh(client, putusan(Hasil.SALAH))).convert("RGB")
    benar = buka(unduh(client, putusan(Hasil.BENAR))).convert("RGB")
    r, g, b = salah.getpixel(TITIK_CAP)
    assert r > 150 and g < 60 and b < 60  # red, as .v-salah
    r, g, b = benar.getpixel(TITIK_CAP)
    assert g > 100 and r < 60 and b < 100  # green, as .v-benar


def test_the_verdict_text_differs_between_verdicts(client):
    palsu = buka(unduh(client, putusan(jenis=JenisSalah.PALSU))).convert("RGB")
    satire = buka(unduh(client, putusan(jenis=JenisSalah.SATIRE))).convert("RGB")
    cap = (gambar.TEPI, 390, gambar.LEBAR - gambar.TEPI, 530)
    assert palsu.crop(cap).tobytes() != satire.crop(cap).tobytes()
    assert palsu.getpixel(TITIK_CAP) == satire.getpixel(TITIK_CAP)  # the same red band, other words on it


def test_open_claims_have_no_image(client):
    terbuka = Klaim.objects.create(judul="Kabar jalan ditutup", status=Status.DIPERIKSA, hasil=Hasil.SALAH, jenis_salah="palsu")
    assert client.get(f"/cek-fakta/{terbuka.pk}-kabar-jalan-ditutup/gambar.png").status_code == 404
    assert client.get("/cek-fakta/999999-tidak-ada/gambar.png").status_code == 404


def test_the_image_is_drawn_once_and_again_after_the_claim_changes(client):
    k = putusan()
    with mock.patch("cekfakta.gambar.png_putusan", wraps=gambar.png_putusan) as gambar_baru:
        pertama = unduh(client, k)
        assert unduh(client, k) == pertama and gambar_baru.call_count == 1
        k.hasil, k.jenis_salah = Hasil.BENAR, ""
        k.save()
        kedua = unduh(client, k)
    assert gambar_baru.call_count == 2 and kedua != pertama
    assert buka(kedua).convert("RGB").getpixel(TITIK_CAP)[1] > 100  # now the green stamp


def test_the_verdict_page_offers_the_image(client):
    k = putusan()
    html = client.get(k.get_absolute_url()).content.decode()
    url = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert url == f"http://testserver{k.get_absolute_url()}gambar.png"
    assert '<meta property="og:image:width" content="1200">' in html and '<meta property="og:image:height" content="630">' in html
    assert f'<a href="{url}" download="cek-fakta-{k.pk}.png">Unduh gambar untuk dibagikan</a>' in html
    assert buka(client.get(url.removeprefix("http://testserver")).content).size == (1200, 630)


def test_the_page_address_uses_site_url_when_set(client, settings):
    settings.SITE_URL = "https://jembatan.tapinkab.example"
    k = putusan()
    html = client.get(k.get_absolute_url()).content.decode()
    assert f'content="https://jembatan.tapinkab.example{k.get_absolute_url()}gambar.png"' in html


def test_a_long_claim_is_cut_after_four_lines_with_an_ellipsis():
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = gambar.huruf(40)
    teks = "Pesan berantai yang sangat panjang tentang bantuan sosial " * 12
    baris = gambar.bungkus(draw, teks, font, 1080, 4)
    assert len(baris) == 4 and baris[-1].endswith("…")
    assert all(draw.textlength(b, font=font) <= 1080 for b in baris)
    assert gambar.bungkus(draw, "https://contoh.example/" + "x" * 200, font, 1080, 4)[0].startswith("https://contoh")


def test_without_system_fonts_pillows_own_font_is_used(client, monkeypatch, tmp_path):
    monkeypatch.setattr(gambar, "DEJAVU", tmp_path)  # no fonts there
    gambar.huruf.cache_clear()
    try:
        png = gambar.png_putusan(putusan(), "Kabupaten Tapin", "/cek-fakta/1-uji/")
    finally:
        gambar.huruf.cache_clear()
    assert buka(png).size == (1200, 630) and len(png) < 100 * 1024


def test_demo_verdicts_are_marked_on_the_picture_too():
    from cekfakta.gambar import png_putusan
    from cekfakta.models import Hasil, Klaim

    asli = Klaim(judul="Klaim yang sama", hasil=Hasil.BENAR, demo=False)
    demo = Klaim(judul="Klaim yang sama", hasil=Hasil.BENAR, demo=True)
    assert png_putusan(asli, "Kabupaten Tapin", "/x/") != png_putusan(demo, "Kabupaten Tapin", "/x/")
