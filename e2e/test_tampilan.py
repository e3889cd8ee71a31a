"""Journey: the coverage report on paper, and the pages on a phone.

Screenshots and the printed PDF go to e2e/out/ (git-ignored) for a human to look at after a run.
"""

import re
import shutil

import pytest
from playwright.sync_api import expect

from e2e.langkah import OUT, masuk
from jembatan.test import DESA_A


def jumlah_halaman_pdf(data: bytes) -> int:
    # Chromium writes one "/Type /Page" object per page (and one "/Type /Pages" tree).
    return len(re.findall(rb"/Type\s*/Page\b", data))


@pytest.mark.browser
def test_coverage_report_prints_on_a_few_a4_pages(page, cast, tmp_path):
    """GIVEN the coverage report of the whole regency
    WHEN it is printed (print stylesheet, A4)
    THEN screen-only controls and the site's menus disappear, the print date appears, and the
    report fits on one to four pages."""
    page.goto("/cakupan/")
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Unduh CSV")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Menu utama")).to_be_hidden()
    expect(page.locator(".cetak-saja")).to_contain_text("Dicetak")
    expect(page.locator(".cetak-saja")).to_be_visible()

    pdf = tmp_path / "cakupan.pdf"
    page.pdf(path=pdf, format="A4", print_background=True)
    OUT.mkdir(exist_ok=True)
    shutil.copy(pdf, OUT / "cakupan-a4.pdf")
    assert 1 <= jumlah_halaman_pdf(pdf.read_bytes()) <= 4


@pytest.mark.browser
@pytest.mark.parametrize(("lebar", "tinggi"), [(1280, 800), (375, 800)])
def test_public_pages_fit_the_screen_without_sideways_scrolling(konteks, cast, lebar, tinggi):
    """GIVEN a desktop screen or a 375-px-wide phone
    WHEN a visitor opens the regency page and the coverage report
    THEN the page itself never scrolls sideways (wide tables scroll inside their own box), and
    the map is as wide as the content."""
    OUT.mkdir(exist_ok=True)
    page = konteks(viewport={"width": lebar, "height": tinggi}).new_page()
    for path, nama in [("/", "beranda"), ("/cakupan/", "cakupan")]:
        page.goto(path)
        page.screenshot(path=OUT / f"{nama}-{lebar}.png", full_page=True)
        lebar_dokumen = page.evaluate("document.documentElement.scrollWidth")
        assert lebar_dokumen <= lebar, f"{path} scrolls sideways at {lebar} px: the document is {lebar_dokumen} px wide"
    page.goto("/")
    peta, isi = page.locator("svg.peta").bounding_box(), page.locator("main").bounding_box()
    assert peta["width"] >= isi["width"] * 0.9


@pytest.mark.browser
@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_village_management_page_fits_a_phone_in_both_languages(konteks, cast, bahasa):
    """GIVEN a KIM's pengurus on a 375-px-wide phone, in Indonesian or in English
    WHEN they open their village's management page
    THEN the page does not scroll sideways."""
    page = konteks(viewport={"width": 375, "height": 800}).new_page()
    masuk(page, cast.editor)
    page.goto(f"/bahasa/{bahasa}/?next=/kelola/{DESA_A}/")
    expect(page.locator("html")).to_have_attribute("lang", bahasa)
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=OUT / f"kelola-375-{bahasa}.png", full_page=True)
    lebar_dokumen = page.evaluate("document.documentElement.scrollWidth")
    assert lebar_dokumen <= 375, f"the management page scrolls sideways: the document is {lebar_dokumen} px wide"
