"""Journeys without signal: a phone that once opened the site reads it offline, and forms filled offline are
sent once when the signal returns (static/js/sw.js, static/js/jembatan.js, akun/sekali.py)."""

import time
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from akun.models import DeliveryRecord
from cekfakta.models import Laporan
from diskusi.tests.conftest import make_putusan
from e2e.langkah import isian, masuk
from jembatan.test import DESA_A
from siaran.models import Penerimaan, Siaran
from suarawarga.models import Aspirasi
from warta.models import Berita, Status

TERSIMPAN = "Tersimpan, mungkin sudah berubah"
PONSEL = {"width": 360, "height": 740}


def make_berita(cast, judul: str) -> Berita:
    return Berita.objects.create(
        judul=judul,
        ringkasan="Ringkasan.",
        isi="Warga bergotong royong membersihkan saluran irigasi sebelum musim tanam.",
        wilayah_id=DESA_A,
        kim=cast.kim_a,
        penulis=cast.anggota,
        diperiksa_oleh=cast.admin,
        status=Status.TERBIT,
        terbit_pada=timezone.now(),
    )


def make_siaran(cast, judul: str) -> Siaran:
    siaran, _ = Siaran.objects.kirim(
        judul=judul,
        isi="Air sungai naik sejak pagi.",
        prioritas="penting",
        cakupan="semua",
        wilayah=[],
        lampiran=[],
        oleh=cast.admin,
        kunci=uuid.uuid4(),
        dasar_url="http://testserver",
    )
    return siaran


def dikendalikan(page) -> None:
    """Wait until the service worker controls the page (it claims open pages once installed). Polled from
    here: the page's policy forbids the string evaluation `wait_for_function` would use."""
    tunggu(lambda: page.evaluate("() => navigator.serviceWorker.controller !== null"), detik=30)


# The queue copied aside in the page itself (its empty file field stays a File, as the worker keeps it),
# then put back as it was, waiting: the phone delivering the same item a second time.
SALIN_ANTREAN = """() => new Promise((ok) => {
    indexedDB.open("jembatan", 1).onsuccess = (e) => {
        e.target.result.transaction("antrean").objectStore("antrean").getAll().onsuccess = (g) => {
            window.salinanAntrean = g.target.result;
            ok(g.target.result.length);
        };
    };
})"""
KEMBALIKAN_ANTREAN = """() => new Promise((ok) => {
    indexedDB.open("jembatan", 1).onsuccess = (e) => {
        const tx = e.target.result.transaction("antrean", "readwrite");
        window.salinanAntrean.forEach((i) => tx.objectStore("antrean").put(i));
        tx.oncomplete = ok;
    };
})"""


def tunggu(kondisi, detik: float = 15) -> None:
    batas = time.monotonic() + detik
    while not kondisi():
        assert time.monotonic() < batas, "timed out"
        time.sleep(0.2)


@pytest.mark.browser
def test_a_phone_that_opened_the_site_reads_it_offline_with_the_banner(konteks, cast):
    """GIVEN a visitor's phone that opened the home page, an article and a verdict
    WHEN the signal is gone
    THEN the home page, that article, the verdict list and that verdict open, each with the banner
    "Tersimpan, mungkin sudah berubah" and the date saved; a page never opened says there is no signal."""
    berita = make_berita(cast, "Gotong royong membersihkan saluran irigasi Tungkap")
    lain = make_berita(cast, "Panen raya padi di Binuang")
    putusan = make_putusan()
    ctx = konteks(viewport=PONSEL)
    page = ctx.new_page()
    page.goto("/")
    dikendalikan(page)
    for alamat in (berita.get_absolute_url(), putusan.get_absolute_url()):
        page.goto(alamat)
    expect(page.locator(".pita-tersimpan")).to_have_count(0)  # online, fetched from the network

    ctx.set_offline(True)
    for alamat, isi in (
        ("/", page.get_by_role("link", name=berita.judul)),
        (berita.get_absolute_url(), page.get_by_role("heading", level=1, name=berita.judul)),
        ("/cek-fakta/", page.get_by_role("link", name=putusan.judul)),
        (putusan.get_absolute_url(), page.get_by_role("heading", level=1, name=putusan.judul)),
    ):
        page.goto(alamat)
        expect(page.locator(".pita-tersimpan")).to_contain_text(TERSIMPAN)
        expect(page.locator(".pita-tersimpan")).to_contain_text(str(timezone.localdate().year))
        expect(isi.first).to_be_visible()
    page.goto(lain.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Tidak ada sinyal")


@pytest.mark.browser
def test_a_kim_members_inbox_reads_offline_and_is_gone_after_signing_out(konteks, cast):
    """GIVEN a KIM member who opened their siaran inbox on their phone
    WHEN the signal is gone
    THEN the inbox opens with the banner; once they sign out, it no longer opens, signal or not."""
    siaran = make_siaran(cast, "Waspada banjir di bantaran Sungai Tapin")
    ctx = konteks(viewport=PONSEL)
    page = ctx.new_page()
    masuk(page, cast.anggota)
    dikendalikan(page)
    page.goto("/kelola/siaran/")
    expect(page.get_by_role("link", name=siaran.judul)).to_be_visible()

    ctx.set_offline(True)
    page.goto("/kelola/siaran/")
    expect(page.locator(".pita-tersimpan")).to_contain_text(TERSIMPAN)
    expect(page.get_by_role("link", name=siaran.judul)).to_be_visible()

    ctx.set_offline(False)
    page.goto("/")
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("link", name="Masuk")).to_be_visible()
    ctx.set_offline(True)
    page.goto("/kelola/siaran/")
    expect(page.get_by_text(siaran.judul)).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tidak ada sinyal")


@pytest.mark.browser
def test_a_report_sent_offline_waits_for_signal_and_is_stored_once(konteks, cast):
    """GIVEN a visitor who opened the cek fakta form
    WHEN they send a message without signal, and the signal returns
    THEN they see "Menunggu sinyal", the report is stored once when the signal returns and they are told
    it was sent; delivered again by the phone (the same queued item), it is still stored once."""
    ctx = konteks(viewport=PONSEL)
    page = ctx.new_page()
    page.goto("/cek-fakta/cek/")
    dikendalikan(page)
    page.goto("/cek-fakta/cek/")

    ctx.set_offline(True)
    isian(page, "Pesan yang ingin diperiksa").fill("Beredar kabar jembatan Rantau ditutup total selama sebulan mulai besok")
    page.get_by_role("button", name="Periksa pesan ini").click()
    expect(page.locator(".pita-menunggu")).to_contain_text("Menunggu sinyal")
    page.goto("/")
    expect(page.locator("#luring")).to_contain_text("Menunggu sinyal — Laporan cek fakta")
    assert not Laporan.objects.exists()
    assert page.evaluate(SALIN_ANTREAN) == 1

    ctx.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")  # what the phone's browser does as signal returns
    tunggu(lambda: Laporan.objects.exists())
    expect(page.locator("#luring")).to_contain_text("Terkirim — Laporan cek fakta")
    laporan = Laporan.objects.get()
    expect(page.locator("#luring").get_by_role("link", name="Lihat hasilnya")).to_have_attribute(
        "href", laporan.get_absolute_url()
    )

    # The phone sends the same queued item again (a lost answer, a second tab): the server recognises it.
    page.evaluate(KEMBALIKAN_ANTREAN)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#luring")).to_contain_text("Terkirim — Laporan cek fakta")
    assert Laporan.objects.count() == 1 and DeliveryRecord.objects.count() == 1


@pytest.mark.browser
def test_a_siaran_marked_received_offline_is_recorded_when_the_signal_returns(konteks, cast):
    """GIVEN a KIM pengurus who opened a siaran on their phone
    WHEN they mark it received without signal, and the signal returns
    THEN the mark waits ("Menunggu sinyal"), then is recorded once, by them."""
    siaran = make_siaran(cast, "Jadwal vaksinasi ternak di Tapin Tengah")
    ctx = konteks(viewport=PONSEL)
    page = ctx.new_page()
    masuk(page, cast.editor)
    dikendalikan(page)
    page.goto(siaran.get_absolute_url())

    ctx.set_offline(True)
    page.goto(siaran.get_absolute_url())
    expect(page.locator(".pita-tersimpan")).to_contain_text(TERSIMPAN)
    page.get_by_role("button", name="Tandai diterima").click()
    expect(page.locator(".pita-menunggu")).to_contain_text("Menunggu sinyal")
    assert Penerimaan.objects.get(siaran=siaran, kim=cast.kim_a).status == "belum"

    ctx.set_offline(False)
    page.goto("/kelola/")
    tunggu(lambda: Penerimaan.objects.get(siaran=siaran, kim=cast.kim_a).status == "diterima")
    p = Penerimaan.objects.get(siaran=siaran, kim=cast.kim_a)
    assert p.diterima_oleh == cast.editor


@pytest.mark.browser
def test_an_aspiration_refused_later_says_why_and_keeps_the_text(konteks, cast, monkeypatch):
    """GIVEN a citizen who filled the aspiration form offline
    WHEN the server refuses it as the signal returns (too many from this address this hour)
    THEN their next page says why and shows their text, and "Buka formulirnya lagi" fills the form again."""
    from suarawarga import views

    teks = "Lampu jalan di depan SDN Tungkap padam sejak dua minggu, anak-anak pulang mengaji dalam gelap."
    ctx = konteks(viewport=PONSEL)
    page = ctx.new_page()
    page.goto("/aspirasi/kirim/")
    dikendalikan(page)
    page.goto("/aspirasi/kirim/")

    ctx.set_offline(True)
    isian(page, "Topik").select_option(label="Air bersih dan sanitasi")
    isian(page, "Aspirasi atau keluhan Anda").fill(teks)
    isian(page, "Desa/kelurahan").select_option(label="Desa Tungkap")
    page.get_by_role("button", name="Kirim aspirasi").click()
    expect(page.locator(".pita-menunggu")).to_contain_text("Menunggu sinyal")

    monkeypatch.setattr(views, "BATAS_KIRIM_PER_JAM", 0)
    ctx.set_offline(False)
    page.goto("/")
    pita = page.locator("#luring .pita-ditolak")
    expect(pita).to_contain_text("Tidak diterima — Aspirasi: Terlalu banyak aspirasi dari alamat ini")
    expect(pita.locator("textarea")).to_have_value(teks)
    assert not Aspirasi.objects.exists()

    pita.get_by_role("link", name="Buka formulirnya lagi").click()
    expect(isian(page, "Aspirasi atau keluhan Anda")).to_have_value(teks)


@pytest.mark.browser
def test_a_comment_written_offline_under_a_kept_article_is_posted_once(konteks, cast):
    """GIVEN a reader whose phone kept an article
    WHEN they comment under it without signal, and the signal returns
    THEN the comment waits ("Menunggu sinyal"), then is stored once, waiting for moderation."""
    from diskusi.models import Komentar

    berita = make_berita(cast, "Gotong royong membersihkan saluran irigasi Tungkap")
    ctx = konteks(viewport=PONSEL)
    page = ctx.new_page()
    page.goto(berita.get_absolute_url())
    dikendalikan(page)
    page.goto(berita.get_absolute_url())

    ctx.set_offline(True)
    page.goto(berita.get_absolute_url())
    expect(page.locator(".pita-tersimpan")).to_contain_text(TERSIMPAN)
    isian(page, "Nama").fill("Pak Rahman")
    isian(page, "Komentar").fill("Semoga airnya lancar sampai ke sawah kami.")
    page.get_by_role("button", name="Kirim komentar").click()
    expect(page.locator(".pita-menunggu")).to_contain_text("Menunggu sinyal")

    ctx.set_offline(False)
    page.goto("/")
    tunggu(lambda: Komentar.objects.exists())
    expect(page.locator("#luring")).to_contain_text("Terkirim — Komentar")
    komentar = Komentar.objects.get()
    assert (komentar.nama, komentar.isi, komentar.object_id) == (
        "Pak Rahman",
        "Semoga airnya lancar sampai ke sawah kami.",
        berita.pk,
    )
