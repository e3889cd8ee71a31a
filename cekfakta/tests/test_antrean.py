"""The desk's queue: each open claim with its best published candidates and a merge in one click."""

import re

import pytest

from cekfakta import layanan, views
from cekfakta.models import Klaim, Laporan
from cekfakta.tests.test_meja import HOAKS, putusan

pytestmark = pytest.mark.django_db

TERULANG = (
    "slmt!! anda pemenang undian nasabah bank Rp50 juta, klaim hadiah di link ini isi nama, no rekening dan PIN. sebarkan!!"
)


def _terbuka(teks, kode):
    k = Klaim.objects.create(judul=teks[:300], teks_contoh=teks, jumlah_laporan=1)
    Laporan.objects.create(klaim=k, kode=kode, teks=teks, email=f"{kode.lower()}@uji.example")
    return k


def test_an_open_claim_shows_the_published_verdict_it_repeats_with_a_merge_button(client, cast):
    terbit = putusan()
    baru = _terbuka(TERULANG, "ULANG001")
    client.force_login(cast.verifikator)
    html = client.get("/kelola/cek-fakta/").content.decode()
    baris = html.split(f'value="{baru.pk}" id="pilih-{baru.pk}"')[1].split("</tr>")[0]
    assert "Mungkin sama dengan putusan terbit:" in baris and "SALAH — Konten tiruan" in baris
    assert f'action="/kelola/cek-fakta/{baru.pk}/gabung/"' in baris and f'name="tujuan" value="{terbit.pk}"' in baris
    assert f"Gabungkan ke putusan #{terbit.pk}" in baris


def test_the_merge_from_the_queue_moves_the_reports_tells_the_reporter_and_returns_to_the_queue(
    client, cast, django_capture_on_commit_callbacks
):
    from django.core import mail

    terbit = putusan()
    baru = _terbuka(TERULANG, "ULANG002")
    client.force_login(cast.verifikator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kelola/cek-fakta/{baru.pk}/gabung/", {"tujuan": terbit.pk, "dari": "antrean"})
    assert response.status_code == 302 and response["Location"] == "/kelola/cek-fakta/"
    html = client.get(response["Location"]).content.decode()
    assert f"Laporan dipindahkan ke klaim #{terbit.pk}." in html and "Antrean kosong." in html
    assert Laporan.objects.get(kode="ULANG002").klaim == terbit and not Klaim.objects.filter(pk=baru.pk).exists()
    assert [m.to for m in mail.outbox] == [["ulang002@uji.example"]]


def test_a_merge_that_fails_returns_to_the_queue_with_the_reason(client, cast):
    terbit = putusan()
    baru = _terbuka(TERULANG, "ULANG003")
    client.force_login(cast.verifikator)
    baru_lain = Klaim.objects.get(pk=baru.pk)
    baru_lain.gabungkan_ke(terbit, oleh=cast.admin)  # someone else merged it a moment ago
    response = client.post(f"/kelola/cek-fakta/{baru.pk}/gabung/", {"tujuan": terbit.pk, "dari": "antrean"})
    assert response.status_code == 404  # the claim is gone: nothing left to merge
    lain = _terbuka("Pesan lain tentang undian bank dan hadiah", "ULANG004")
    response = client.post(f"/kelola/cek-fakta/{lain.pk}/gabung/", {"tujuan": 999999, "dari": "antrean"}, follow=True)
    assert response.redirect_chain[-1][0] == "/kelola/cek-fakta/"
    assert "Klaim tujuan tidak ditemukan." in response.content.decode()


def test_only_published_verdicts_are_offered_and_at_most_three(client, cast):
    terbit = [putusan(judul=f"Hadiah undian nasabah bank Rp 50 juta lewat tautan, versi {i}") for i in range(5)]
    baru = _terbuka(HOAKS, "ULANG005")
    mirip_terbuka = _terbuka(HOAKS + " Ulun dapat dari grup sebelah.", "ULANG006")
    client.force_login(cast.verifikator)
    html = client.get("/kelola/cek-fakta/").content.decode()
    baris = html.split(f'value="{baru.pk}" id="pilih-{baru.pk}"')[1].split("</tr>")[0]
    assert baris.count("Gabungkan ke putusan #") == 3
    assert f'name="tujuan" value="{mirip_terbuka.pk}"' not in baris
    assert {int(n) for n in re.findall(r"Gabungkan ke putusan #(\d+)", baris)} <= {k.pk for k in terbit}


@pytest.fixture
def ditanya(monkeypatch):
    """The texts the matcher is asked about, in order."""
    teks = []
    asli = layanan.cocokkan

    def cocokkan(t, k=5):
        teks.append(t)
        return asli(t, k=k)

    monkeypatch.setattr(layanan, "cocokkan", cocokkan)
    return teks


def test_candidates_are_asked_only_for_the_claims_on_the_page(client, cast, ditanya):
    putusan()
    for i in range(55):
        Klaim.objects.create(judul=f"Pesan nomor {i} tentang hal lain", teks_contoh=f"Pesan nomor {i}")
    client.force_login(cast.verifikator)
    client.get("/kelola/cek-fakta/")
    assert len(ditanya) == views.PER_HALAMAN_ANTREAN == 25
    ditanya.clear()
    client.get("/kelola/cek-fakta/?halaman=3")
    assert len(ditanya) == 5


def test_the_matcher_runs_again_only_for_claims_or_verdicts_that_changed(client, cast, ditanya):
    """GIVEN the queue seen once
    WHEN it is seen again: nothing is asked; after one claim is edited: only that claim; after a verdict is
    published: every claim again, and the new verdict is offered."""
    a = _terbuka(TERULANG, "ULANG007")
    b = _terbuka("Jembatan Rantau putus total dan ditutup mulai besok pagi", "ULANG008")
    client.force_login(cast.verifikator)
    assert "Mungkin sama dengan putusan terbit:" not in client.get("/kelola/cek-fakta/").content.decode()
    ditanya.clear()
    client.get("/kelola/cek-fakta/")
    assert ditanya == []
    b.ubah_putusan({"judul": "Jembatan Rantau putus total"}, [], oleh=cast.verifikator, versi=b.versi)
    client.get("/kelola/cek-fakta/")
    assert ditanya == [b.teks_indeks]
    ditanya.clear()
    terbit = putusan()
    html = client.get("/kelola/cek-fakta/").content.decode()
    assert sorted(ditanya) == sorted([a.teks_indeks, b.teks_indeks])
    assert f'name="tujuan" value="{terbit.pk}"' in html
