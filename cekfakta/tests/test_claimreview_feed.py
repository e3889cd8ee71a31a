"""`/cek-fakta/claimreview.json`: the desk's own published verdicts as a schema.org DataFeed of ClaimReview,
in the shape the ClaimReview import reads, so another Jembatan can import them."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cekfakta.claimreview import impor
from cekfakta.models import Hasil, JenisSalah, Klaim, Status
from cekfakta.tests.test_meja import putusan as _putusan
from jembatan.test import make_kim

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")


def putusan(judul, hasil=Hasil.SALAH, jenis_salah=JenisSalah.TIRUAN, **fields):
    k = _putusan(judul=judul, **fields)
    Klaim.objects.filter(pk=k.pk).update(hasil=hasil, jenis_salah=jenis_salah)
    k.refresh_from_db()
    return k


def _feed(client):
    response = client.get("/cek-fakta/claimreview.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response


def _items(data):
    return [item for el in data["dataFeedElement"] for item in el["item"]]


def test_the_feed_lists_our_published_verdicts_as_claimreview(client):
    k = putusan(
        "Vaksin campak membuat anak mandul", jenis_salah=JenisSalah.PALSU, pertama_dilihat=datetime(2026, 3, 1, 9, tzinfo=WITA)
    )
    Klaim.objects.filter(pk=k.pk).update(diterbitkan=datetime(2026, 3, 2, 23, 30, tzinfo=WITA))
    data = json.loads(_feed(client).content)
    assert data["@context"] == "https://schema.org" and data["@type"] == "DataFeed"
    assert data["url"] == "http://testserver/cek-fakta/claimreview.json"
    assert data["dataFeedElement"][0]["@type"] == "DataFeedItem"
    [item] = _items(data)
    assert item == {
        "@type": "ClaimReview",
        "url": f"http://testserver{k.get_absolute_url()}",
        "datePublished": "2026-03-02",  # the local (WITA) date
        "claimReviewed": "Vaksin campak membuat anak mandul",
        "name": "SALAH — Konten palsu: Vaksin campak membuat anak mandul",
        "author": {"@type": "Organization", "name": "Diskominfo Kabupaten Tapin"},
        "itemReviewed": {"@type": "Claim", "datePublished": "2026-03-01"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "SALAH — Konten palsu",
            "bestRating": 5,
            "worstRating": 1,
            "ratingValue": 1,
        },
    }


def test_imported_open_closed_and_demo_verdicts_are_left_out(client, cast):
    sendiri = putusan("Putusan kami sendiri tentang hadiah undian")
    impor(
        json.dumps(
            [
                {
                    "@type": "ClaimReview",
                    "url": "https://lain.example/1",
                    "claimReviewed": "Klaim dari pemeriksa lain",
                    "datePublished": "2025-01-02",
                    "author": {"name": "Pemeriksa Lain"},
                    "reviewRating": {"alternateName": "Salah"},
                }
            ]
        )
    )
    putusan("Putusan contoh untuk demo", demo=True)
    Klaim.objects.create(judul="Klaim yang masih diperiksa")
    terbuka = Klaim.objects.create(judul="Jadwal posyandu hari Kamis")
    Klaim.objects.tutup_bukan_klaim({terbuka.pk: terbuka.versi}, oleh=cast.verifikator)
    assert [i["claimReviewed"] for i in _items(json.loads(_feed(client).content))] == [sendiri.judul]


def test_a_site_that_runs_the_demo_publishes_its_demo_verdicts_marked_demo(client):
    make_kim("63.05.01.2003", demo=True)
    putusan("Putusan contoh untuk demo", demo=True)
    [item] = _items(json.loads(_feed(client).content))
    assert item["name"].startswith("[DEMO] ") and item["author"]["name"] == "Diskominfo Kabupaten Tapin (DEMO)"


def test_text_that_could_close_a_script_element_is_escaped_and_reads_back_the_same(client):
    judul = 'Pesan "</script><b>" & tautan <bit.ly> tentang bansos'
    putusan(judul)
    raw = _feed(client).content.decode()
    assert "</script>" not in raw and "<b>" not in raw and "&" not in raw
    assert _items(json.loads(raw))[0]["claimReviewed"] == judul


def test_another_jembatan_imports_the_feed_once_and_does_not_republish_it(client, settings):
    """GIVEN two verdicts of ours in the feed
    WHEN another site imports it (here: the same database once our verdicts are gone)
    THEN it has the same claims, outcomes and dates, credited to us with our links, our headline as the title
    of the reference and not as its explanation; importing again adds nothing; its feed does not list them."""
    settings.SITE_URL = "https://jembatan.tapinkab.example"
    a = putusan("Hadiah undian nasabah bank lewat tautan")
    b = putusan("Jalan desa tergenang setelah sungai meluap", hasil=Hasil.BENAR, jenis_salah="")
    Klaim.objects.filter(pk=a.pk).update(diterbitkan=datetime(2026, 5, 1, 10, tzinfo=WITA))
    Klaim.objects.filter(pk=b.pk).update(diterbitkan=datetime(2026, 5, 3, 10, tzinfo=WITA))
    raw = _feed(client).content
    asli = {k.judul: k for k in Klaim.objects.all()}
    Klaim.objects.all().delete()

    hasil = impor(raw)
    assert (hasil.dibuat, hasil.dilewati, hasil.ditolak) == (2, 0, [])
    for k in Klaim.objects.prefetch_related("referensi"):
        lama = asli[k.judul]
        assert (k.hasil, k.jenis_salah, k.status, k.diimpor) == (lama.hasil, lama.jenis_salah, Status.SELESAI, True)
        assert k.diterbitkan.astimezone(WITA).date() == lama.diterbitkan.astimezone(WITA).date()
        assert k.sumber_nama == "Diskominfo Kabupaten Tapin" and k.sumber_url == f"{settings.SITE_URL}{lama.get_absolute_url()}"
        assert k.penjelasan == f"Diperiksa oleh Diskominfo Kabupaten Tapin. Hasil pemeriksaan lengkap: {k.sumber_url}"
        [ref] = k.referensi.all()
        assert (ref.judul, ref.url) == (f"{lama.label}: {lama.judul}", k.sumber_url)
    assert impor(raw).dilewati == 2 and Klaim.objects.count() == 2
    assert _items(json.loads(_feed(client).content)) == []


def test_the_feed_is_served_from_the_page_cache_until_a_verdict_changes(client):
    putusan("Putusan pertama")
    _feed(client)
    with CaptureQueriesContext(connection) as q:
        _feed(client)
    assert not [x for x in q.captured_queries if "cekfakta_klaim" in x["sql"]]
    putusan("Putusan kedua")
    assert len(_items(json.loads(_feed(client).content))) == 2


def test_the_verdict_list_links_the_feed(client):
    html = client.get("/cek-fakta/").content.decode()
    assert 'href="/cek-fakta/claimreview.json"' in html and 'rel="alternate" type="application/json"' in html
