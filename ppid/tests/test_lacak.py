"""The requester's tracking page and their objection, reached with the tracking code alone."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from ppid.models import Keberatan, Keputusan
from ppid.tests.bantu import berkas_pdf, make_permohonan

pytestmark = pytest.mark.django_db

PRIBADI = ("Siti Aminah", "6305014501900001", "RT 02 Desa Tungkap", "siti@contoh.example", "0812")


@pytest.fixture
def p():
    return make_permohonan(tanggal=dt.date(2026, 3, 17), telepon="081234567890")


@time_machine.travel("2026-04-06 09:00 +08:00", tick=False)
def test_the_page_shows_the_deadline_and_nothing_personal(client, p):
    html = client.get(f"/ppid/lacak/{p.kode.lower()}/").content.decode()
    assert p.nomor in html and "Rabu, 8 April 2026" in html and "2 hari kerja lagi" in html
    assert not [x for x in PRIBADI if x in html]


@time_machine.travel("2026-04-09 09:00 +08:00", tick=False)
def test_an_overdue_request_says_so_and_offers_the_objection(client, p):
    html = client.get(p.get_tracking_url()).content.decode()
    assert "terlambat: batas waktu sudah lewat" in html and f"/ppid/lacak/{p.kode}/keberatan/" in html


def test_the_written_notice_is_shown_when_answered(client, cast, p):
    with time_machine.travel("2026-03-26 09:00 +08:00", tick=False):
        p.jawab(
            oleh=cast.pemdes,
            keputusan=Keputusan.SEBAGIAN,
            isi="APBDes terlampir; daftar penerima bantuan dihitamkan.",
            alasan_pengecualian="h",
            uji_konsekuensi="Nama dan NIK penerima adalah rahasia pribadi.",
            penandatangan="Rahmadi",
            tautan_informasi="https://tungkap.desa.example/apbdes-2026.pdf",
        )
        html = client.get(p.get_tracking_url()).content.decode()
    assert "Dikabulkan sebagian" in html and "h. mengungkap rahasia pribadi" in html
    assert "Nama dan NIK penerima adalah rahasia pribadi." in html and "Rahmadi" in html
    assert "Anda dapat mengajukan keberatan kepada atasan PPID paling lambat Senin, 11 Mei 2026" in html


def test_an_unknown_code_is_404(client):
    assert client.get("/ppid/lacak/TIDAKADA99/").status_code == 404


def test_the_search_form_leads_to_the_page(client, p):
    r = client.get("/ppid/lacak/", {"kode": f" {p.kode[:5].lower()} {p.kode[5:]} "})
    assert r.status_code == 302 and r["Location"] == p.get_tracking_url()


@time_machine.travel("2026-04-10 09:00 +08:00", tick=False)
def test_the_requester_objects_and_sees_the_atasan_deadline(client, p, django_capture_on_commit_callbacks):
    r = client.post(f"/ppid/lacak/{p.kode}/keberatan/", {"alasan": "c", "uraian": "Belum ada jawaban sama sekali."})
    assert r.status_code == 302
    k = Keberatan.objects.get()
    html = client.get(p.get_tracking_url()).content.decode()
    assert k.nomor in html and "Jumat, 29 Mei 2026" in html


@time_machine.travel("2026-04-06 09:00 +08:00", tick=False)
def test_an_objection_before_its_time_is_answered_beside_the_form_with_input_kept(client, p):
    r = client.post(f"/ppid/lacak/{p.kode}/keberatan/", {"alasan": "c", "uraian": "Lama sekali."})
    html = r.content.decode()
    assert r.status_code == 400 and "Keberatan dapat diajukan setelah PPID menjawab" in html and "Lama sekali." in html
    assert not Keberatan.objects.exists()


@time_machine.travel("2026-04-06 09:00 +08:00", tick=False)
def test_the_cached_page_shows_the_answer_as_soon_as_it_is_given(client, cast, p, django_capture_on_commit_callbacks):
    """GIVEN the requester's page served from the cache
    WHEN the PPID answers
    THEN the next visit shows the notice, not the cached waiting page."""
    with override_settings(JEMBATAN_PAGE_CACHE_SECONDS=300):
        assert "Sedang diproses" in client.get(p.get_tracking_url()).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            p.jawab(oleh=cast.pemdes, keputusan=Keputusan.DIKABULKAN, isi="Salinan terlampir di kantor desa.", penandatangan="R")
        assert "Salinan terlampir di kantor desa." in client.get(p.get_tracking_url()).content.decode()


def _jumlah_kueri(client, url: str) -> int:
    client.get(url)  # the first request of a test loads what the process keeps (the calendar, the region tree)
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(url).status_code == 200
    return len(kueri)


@time_machine.travel("2026-05-20 09:00 +08:00", tick=False)
def test_the_tracking_page_takes_the_same_queries_however_far_the_request_went(client, cast, p):
    """Constant SQL per page (the page is also cached; this is its uncached cost)."""
    with override_settings(JEMBATAN_PAGE_CACHE_SECONDS=0):
        sedikit = _jumlah_kueri(client, p.get_tracking_url())
        p.jawab(
            oleh=cast.pemdes,
            keputusan=Keputusan.DIKABULKAN,
            isi="Terlampir.",
            penandatangan="R",
            tanggal=dt.date(2026, 4, 7),
            lampiran=[berkas_pdf(), berkas_pdf("b.pdf"), berkas_pdf("c.pdf")],
        )
        Keberatan.ajukan(p, alasan="d", uraian="Tidak lengkap.", tanggal=dt.date(2026, 4, 8))
        banyak = _jumlah_kueri(client, p.get_tracking_url())
    assert banyak <= sedikit + 2  # the notice's files and the objection, each one query whatever their number
    assert banyak <= 10


@time_machine.travel("2026-05-20 09:00 +08:00", tick=False)
def test_the_public_dip_page_takes_the_same_queries_for_3_or_30_entries(client):
    from jembatan.test import DESA_A
    from ppid.tests.bantu import make_informasi

    with override_settings(JEMBATAN_PAGE_CACHE_SECONDS=0):
        for i in range(3):
            make_informasi(judul=f"Informasi {i}")
        sedikit = _jumlah_kueri(client, f"/ppid/{DESA_A}/")
        for i in range(27):
            make_informasi(judul=f"Informasi lain {i}", kategori="setiap_saat")
        banyak = _jumlah_kueri(client, f"/ppid/{DESA_A}/")
    assert banyak == sedikit
