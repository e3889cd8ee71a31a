"""Importing ClaimReview JSON and the matcher API."""

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from cekfakta import layanan
from cekfakta.claimreview import hasil_dari_rating
from cekfakta.models import Klaim

pytestmark = pytest.mark.django_db


def _review(n, rating="Salah", **extra):
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://cekfakta.example/{n}",
        "datePublished": f"2024-05-0{n}",
        "claimReviewed": "Vaksin mengandung chip pelacak",
        "name": f"[SALAH] Vaksin mengandung chip pelacak ({n})",
        "author": {"@type": "Organization", "name": "Pemeriksa Uji"},
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "itemReviewed": {"@type": "Claim", "datePublished": "2024-05-01"},
        **extra,
    }


@pytest.mark.parametrize(
    ("label", "hasil", "jenis"),
    [
        ("Salah — Konten palsu", "salah", "palsu"),
        ("Hoaks", "salah", "palsu"),
        ("Konten Menyesatkan", "salah", "menyesatkan"),
        ("Satire", "salah", "satire"),
        ("Benar", "benar", ""),
        ("Tidak dapat diverifikasi", "tidak_dapat", ""),
        ("", "tidak_dapat", ""),
    ],
)
def test_rating_labels_map_to_outcomes(label, hasil, jenis):
    assert hasil_dari_rating(label) == (hasil, jenis)


def test_array_and_datafeed_import_once(tmp_path):
    array = tmp_path / "a.json"
    array.write_text(json.dumps([_review(1), _review(2, "Benar"), {"@type": "Article"}]))
    out = io.StringIO()
    call_command("import_claimreview", str(array), stdout=out)
    assert "2 putusan diimpor" in out.getvalue()
    feed = tmp_path / "f.json"
    feed.write_text(
        json.dumps({"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [_review(2), _review(3)]}]})
    )
    out = io.StringIO()
    call_command("import_claimreview", str(feed), stdout=out)
    assert "1 putusan diimpor, 1 sudah ada" in out.getvalue()
    k = Klaim.objects.get(sumber_url="https://cekfakta.example/1")
    assert k.is_terbit and k.label == "SALAH — Konten palsu" and k.sumber_nama == "Pemeriksa Uji"
    assert timezone.localdate(k.diterbitkan).isoformat() == "2024-05-01" and k.referensi.get().url == k.sumber_url


def test_broken_file_imports_nothing(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text(json.dumps([_review(1), {**_review(2), "claimReviewed": ""}]))
    with pytest.raises(CommandError, match="butir ke-2"):
        call_command("import_claimreview", str(bad))
    assert not Klaim.objects.exists()
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="bukan JSON"):
        call_command("import_claimreview", str(bad))


def test_api_matches_known_verdicts_and_says_not_known_otherwise(client, tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps([_review(1)]))
    call_command("import_claimreview", str(f), stdout=io.StringIO())
    hit = client.post(
        "/api/v1/cek-fakta/cocokkan",
        {"teks": "katanya vaksin itu mengandung chip pelacak!! sebarkan"},
        content_type="application/json",
    )
    assert hit.status_code == 200
    body = hit.json()
    assert body["cocok"] is True and body["skor"] >= layanan.ambang()
    assert body["klaim"]["sumber_url"] == "https://cekfakta.example/1" and body["klaim"]["url"].startswith(
        "http://testserver/cek-fakta/"
    )
    miss = client.post(
        "/api/v1/cek-fakta/cocokkan",
        {"teks": "Jadwal posyandu bulan ini hari Selasa di balai desa"},
        content_type="application/json",
    ).json()
    assert miss["cocok"] is False and miss["klaim"] is None
    assert client.post("/api/v1/cek-fakta/cocokkan", {"teks": ""}, content_type="application/json").status_code == 422
    assert not Klaim.objects.filter(status="baru").exists()  # the API records nothing


def test_api_limits_anonymous_callers(client, settings):
    settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM = 1
    url, data = "/api/v1/cek-fakta/cocokkan", {"teks": "apa saja"}
    assert client.post(url, data, content_type="application/json").status_code == 200
    assert client.post(url, data, content_type="application/json").status_code == 429


def test_api_is_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").json()
    op = spec["paths"]["/api/v1/cek-fakta/cocokkan"]["post"]
    assert {"200", "400", "422", "429"} <= set(op["responses"])


# --- Files that are not what they should be -------------------------------------------------

SEKARANG = datetime(2026, 5, 1, 10, 0, tzinfo=ZoneInfo("Asia/Makassar"))


def _impor(tmp_path, data) -> str:
    berkas = tmp_path / "cr.json"
    berkas.write_text(data if isinstance(data, str) else json.dumps(data))
    out = io.StringIO()
    call_command("import_claimreview", str(berkas), stdout=out)
    return out.getvalue()


@time_machine.travel(SEKARANG, tick=False)
@pytest.mark.parametrize(
    ("tanggal", "alasan"),
    [
        ("0001-01-01", "sebelum 1990"),
        ("1989-12-31", "sebelum 1990"),
        ("9999-12-31", "di masa depan"),
        ("2099-12-31", "di masa depan"),
        ("2026-05-03", "di masa depan"),
        ("9999-12-31T23:59:59-12:00", "di luar rentang"),
        ("0001-01-01T00:00:00+14:00", "di luar rentang"),
        ("2024-13-45", "tidak terbaca"),
        ("kemarin", "tidak terbaca"),
    ],
)
def test_an_impossible_publication_date_skips_its_item_with_the_reason_in_the_report(tmp_path, tanggal, alasan):
    out = _impor(tmp_path, [_review(1), _review(2, datePublished=tanggal)])
    assert "1 putusan diimpor, 0 sudah ada, 1 ditolak" in out
    assert f"butir ke-2 (https://cekfakta.example/2): datePublished {tanggal}" in out and alasan in out
    assert list(Klaim.objects.values_list("sumber_url", flat=True)) == ["https://cekfakta.example/1"]


@time_machine.travel(SEKARANG, tick=False)
def test_the_claims_own_date_is_checked_too(tmp_path):
    out = _impor(tmp_path, [_review(1, itemReviewed={"@type": "Claim", "datePublished": "1900-01-01"})])
    assert "0 putusan diimpor, 0 sudah ada, 1 ditolak" in out and "itemReviewed.datePublished 1900-01-01 sebelum 1990" in out
    assert not Klaim.objects.exists()


@time_machine.travel(SEKARANG, tick=False)
def test_dates_from_1990_to_tomorrow_are_accepted(tmp_path):
    out = _impor(tmp_path, [_review(1, datePublished="1990-01-01"), _review(2, datePublished="2026-05-02T23:00:00+08:00")])
    assert "2 putusan diimpor, 0 sudah ada." in out
    assert sorted(timezone.localdate(d).isoformat() for d in Klaim.objects.values_list("diterbitkan", flat=True)) == [
        "1990-01-01",
        "2026-05-02",
    ]


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        ({"@type": "DataFeed", "dataFeedElement": "abc"}, "dataFeedElement harus berupa larik"),
        ({"@type": "DataFeed", "dataFeedElement": {"item": _review(1)}}, "dataFeedElement harus berupa larik"),
        ("[" * 100_000, "bukan JSON yang sah"),
        ('"abc"', "harus berupa larik ClaimReview atau DataFeed"),
        ("42", "harus berupa larik ClaimReview atau DataFeed"),
    ],
)
def test_a_file_of_the_wrong_structure_is_refused_politely(tmp_path, isi, pesan):
    berkas = tmp_path / "cr.json"
    berkas.write_text(isi if isinstance(isi, str) else json.dumps(isi))
    with pytest.raises(CommandError, match=pesan):
        call_command("import_claimreview", str(berkas))
    assert not Klaim.objects.exists()


def test_feed_elements_that_are_not_objects_are_passed_over(tmp_path):
    feed = {"@type": "DataFeed", "dataFeedElement": ["abc", 1, None, {"item": "abc"}, {"item": _review(1)}]}
    assert "1 putusan diimpor, 0 sudah ada." in _impor(tmp_path, feed)


def test_nul_characters_and_lone_surrogates_are_not_stored(tmp_path):
    _impor(tmp_path, [_review(1, claimReviewed="Vaksin\u0000 mengandung chip \ud83d pelacak")])
    assert Klaim.objects.get().judul == "Vaksin mengandung chip \ufffd pelacak"


def test_an_import_retires_the_cached_pages_once_after_it_commits(tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    from cekfakta import claimreview

    pensiun = []
    monkeypatch.setattr(claimreview, "invalidate", lambda: pensiun.append(Klaim.objects.count()))
    berkas = tmp_path / "a.json"
    berkas.write_text(json.dumps([_review(1), _review(2), _review(1)]))  # the same URL twice: stored once
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_claimreview", str(berkas), stdout=io.StringIO())
    assert pensiun == [2]  # once, with both verdicts already stored
    k = Klaim.objects.get(sumber_url="https://cekfakta.example/1")
    assert k.referensi.get().url == k.sumber_url and k.tenggat is not None and k.vektor_dari
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_claimreview", str(berkas), stdout=io.StringIO())
    assert pensiun == [2]  # nothing new, nothing retired
