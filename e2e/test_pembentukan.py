"""Journey: Diskominfo records a village's KIM formation, and the public pages follow."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.langkah import isian, masuk

PULAU_PINANG = "63.05.01.2007"  # a village of Binuang with no KIM in the cast
NOMOR_SK = "141/27/PP/2025"


def sel_cakupan(page, kecamatan: str, kolom: str):
    """The cell of the coverage table in `kecamatan`'s row under the heading `kolom`."""
    tabel = page.locator("section[aria-labelledby=judul-tabel] table")
    judul = [s.strip() for s in tabel.locator("thead th").all_text_contents()]
    baris = tabel.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=kecamatan, exact=True))
    return baris.locator("th, td").nth(judul.index(kolom))


def jumlah_tanpa_kim(page) -> int:
    judul = page.locator("#judul-tanpa").text_content()
    cocok = re.match(r"\s*(\d+) desa/kelurahan belum memiliki KIM", judul)
    assert cocok, f"unexpected heading: {judul!r}"
    return int(cocok.group(1))


@pytest.mark.browser
def test_admin_records_formation_up_to_sk_and_coverage_follows(page, konteks, cast):
    """GIVEN Pulau Pinang (Binuang) with no KIM, its public page and the coverage report
    already seen (and cached) by an anonymous visitor
    WHEN an admin records sosialisasi, then SK terbit with the SK's number and date
    THEN the timeline shows both steps, the coverage report counts Binuang's village at
    SK terbit and no longer lists it without a KIM, and the public page (served from the
    server's page cache to anonymous visitors) shows the SK number."""
    today = timezone.localdate()
    tgl_sosialisasi, tgl_sk, tgl_sk_terbit = today - timedelta(days=20), today - timedelta(days=3), today - timedelta(days=1)
    warga = konteks().new_page()
    warga.goto(f"/wilayah/{PULAU_PINANG}/")
    expect(warga.get_by_role("heading", name="Belum ada KIM")).to_be_visible()
    warga.goto("/cakupan/")
    expect(sel_cakupan(warga, "Binuang", "SK terbit")).to_have_text("0")
    tanpa_sebelum = jumlah_tanpa_kim(warga)
    expect(warga.locator(f"section[aria-labelledby=judul-tanpa] a[href='/wilayah/{PULAU_PINANG}/']")).to_have_text("Pulau Pinang")

    masuk(page, cast.admin)
    page.goto(f"/kelola/{PULAU_PINANG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Desa Pulau Pinang")
    expect(page.locator("ol.lini-masa")).to_have_text("Belum ada langkah yang dicatat.")
    form = page.locator("form", has=page.get_by_role("button", name="Simpan tahap"))
    isian(form, "Pindahkan ke tahap").select_option(label="Sosialisasi")
    isian(form, "Tanggal").fill(tgl_sosialisasi.isoformat())
    isian(form, "Catatan").fill("Sosialisasi di balai desa bersama Diskominfo")
    form.get_by_role("button", name="Simpan tahap").click()
    expect(page.locator(".pesan")).to_have_text("Tahap Pulau Pinang kini: Sosialisasi.")
    expect(page.get_by_role("heading", level=1)).to_have_text("KIM Pulau Pinang")

    isian(form, "Pindahkan ke tahap").select_option(label="SK terbit")
    isian(form, "Tanggal").fill(tgl_sk_terbit.isoformat())
    isian(form, "Nomor SK").fill(NOMOR_SK)
    isian(form, "Tanggal SK").fill(tgl_sk.isoformat())
    form.get_by_role("button", name="Simpan tahap").click()
    expect(page.locator(".pesan")).to_have_text("Tahap Pulau Pinang kini: SK terbit.")

    langkah = page.locator("ol.lini-masa > li")
    expect(langkah).to_have_count(2)
    expect(langkah.nth(0).locator(".lencana")).to_have_text(["Belum ada", "Sosialisasi"])
    expect(langkah.nth(0).locator("time")).to_have_attribute("datetime", tgl_sosialisasi.isoformat())
    expect(langkah.nth(0)).to_contain_text("Sosialisasi di balai desa bersama Diskominfo")
    expect(langkah.nth(1).locator(".lencana")).to_have_text(["Sosialisasi", "SK terbit"])
    expect(langkah.nth(1).locator("time")).to_have_attribute("datetime", tgl_sk_terbit.isoformat())
    expect(langkah.nth(1)).to_contain_text(f"dicatat oleh {cast.admin.nama}")
    expect(page.locator("dl.fakta")).to_contain_text(NOMOR_SK)

    page.get_by_role("link", name="Cakupan", exact=True).click()
    expect(sel_cakupan(page, "Binuang", "SK terbit")).to_have_text("1")
    expect(page.locator(f"section[aria-labelledby=judul-tanpa] a[href='/wilayah/{PULAU_PINANG}/']")).to_have_count(0)
    assert jumlah_tanpa_kim(page) == tanpa_sebelum - 1

    # Another visitor: the first one's browser may keep its copy for a minute (Cache-Control max-age=60).
    warga = konteks().new_page()
    warga.goto(f"/wilayah/{PULAU_PINANG}/")
    kartu = warga.locator("section[aria-labelledby=judul-kim]")
    expect(kartu.get_by_role("heading")).to_have_text("KIM Pulau Pinang")
    expect(kartu.locator(".lencana")).to_have_text("SK terbit")
    expect(kartu).to_contain_text(f"Nomor {NOMOR_SK}")
