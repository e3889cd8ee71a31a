"""Journey: a visitor with the keyboard and no JavaScript finds a village on the regency map."""

import re

import pytest
from playwright.sync_api import expect

from jembatan.test import DESA_A

JUMLAH_DESA_KELURAHAN_TAPIN = 135  # Kepmendagri 300.2.2-2138/2025: 126 desa, 9 kelurahan


@pytest.mark.browser
def test_keyboard_visitor_without_javascript_follows_the_map_to_a_village(konteks, cast):
    """GIVEN a browser with JavaScript off
    WHEN a visitor opens the regency page, presses Tab, follows the skip link, then picks a
    village on the map
    THEN the map shows every village as a link coloured by its KIM stage, the skip link is the
    first stop and leads to the content, and the village's page opens."""
    page = konteks(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelompok Informasi Masyarakat di Kabupaten Tapin")
    peta = page.locator("svg.peta")
    expect(peta.locator("a")).to_have_count(JUMLAH_DESA_KELURAHAN_TAPIN)
    expect(peta.locator(f"a[href='/wilayah/{DESA_A}/'] path")).to_have_class("t-aktif")

    lewati = page.get_by_role("link", name="Langsung ke isi")
    expect(lewati).not_to_be_in_viewport()  # hidden off-screen by the stylesheet until focused
    page.keyboard.press("Tab")
    fokus = page.locator(":focus")
    expect(fokus).to_have_attribute("href", "#isi")
    expect(lewati).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/#isi$"))
    expect(fokus).to_have_id("isi")

    peta.locator(f"a[href='/wilayah/{DESA_A}/']").click()
    expect(page).to_have_url(re.compile(rf"/wilayah/{re.escape(DESA_A)}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Desa Tungkap")
    expect(page.get_by_role("heading", name="KIM Tungkap Bersinar")).to_be_visible()
