"""Journey: the strict Content-Security-Policy blocks nothing the pages need, and the enhancements still work."""

import re

import pytest
from playwright.sync_api import expect

from e2e.langkah import isian, masuk
from jembatan.test import DESA_A
from warta.models import DAFTAR_PERIKSA, Berita, Status

# Collects what the browser refuses under the policy; an init script runs outside the page's policy.
LAPOR_PELANGGARAN = """
window.__pelanggaran = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__pelanggaran.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _awasi(page):
    """Record CSP violations reported by events and by the console; returns the list the console fills."""
    page.add_init_script(LAPOR_PELANGGARAN)
    konsol = []
    page.on("console", lambda m: konsol.append(m.text) if "Content Security Policy" in m.text else None)
    return konsol


def _tanpa_pelanggaran(page, konsol):
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pelanggaran") == []
    assert konsol == []


@pytest.mark.browser
def test_public_and_management_pages_break_no_rule_of_the_policy_and_keep_their_enhancements(konteks, cast):
    """GIVEN a published article, a visitor and a KIM editor, each in a browser that reports CSP violations
    WHEN the visitor opens the home page, the article, the coverage page and the cek fakta form, and the
    editor opens the dashboard and writes in the news editor
    THEN no page reports a violation (the article's JSON-LD included), the policy is the strict one, and
    the enhancements work: the comment form offers to remember the name, the print button shows, the
    cek fakta message and the news draft are kept in this browser."""
    berita = Berita.objects.create(
        judul="Posyandu Tungkap buka setiap Selasa",
        isi="Posyandu **Melati** buka pukul 08.00.",
        kategori="kesehatan",
        wilayah_id=DESA_A,
        kim=cast.kim_a,
        penulis=cast.editor,
        status=Status.DIAJUKAN,
    )
    berita.terbitkan(oleh=cast.admin, versi=berita.versi, daftar_periksa=dict.fromkeys(DAFTAR_PERIKSA, True))

    warga = konteks().new_page()
    konsol = _awasi(warga)
    response = warga.goto("/")
    kebijakan = response.headers["content-security-policy"]
    assert "script-src 'self'" in kebijakan and "frame-ancestors 'none'" in kebijakan and "unsafe" not in kebijakan
    _tanpa_pelanggaran(warga, konsol)

    warga.goto(berita.get_absolute_url())
    expect(warga.get_by_role("heading", level=1)).to_have_text("Posyandu Tungkap buka setiap Selasa")
    assert warga.locator('script[type="application/ld+json"]').count() == 1
    expect(warga.get_by_label("Ingat nama saya di peramban ini")).to_be_visible()
    _tanpa_pelanggaran(warga, konsol)

    warga.goto("/cakupan/")
    expect(warga.get_by_role("button", name=re.compile("Cetak"))).to_be_visible()
    assert warga.locator("svg.batang rect").count() > 0  # the bars: SVG shapes, not style attributes
    _tanpa_pelanggaran(warga, konsol)

    warga.goto("/cek-fakta/cek/")
    isian(warga, "Pesan yang ingin diperiksa").fill("Katanya besok listrik padam sekabupaten")
    assert "listrik padam" in warga.evaluate("localStorage.getItem('draf-cek')")
    warga.reload()
    expect(isian(warga, "Pesan yang ingin diperiksa")).to_have_value("Katanya besok listrik padam sekabupaten")
    _tanpa_pelanggaran(warga, konsol)

    editor = konteks().new_page()
    konsol = _awasi(editor)
    masuk(editor, cast.editor)
    _tanpa_pelanggaran(editor, konsol)
    editor.goto("/kelola/warta/tulis/")
    isian(editor, "Judul").fill("Kerja bakti Minggu pagi")
    isian(editor, "Isi berita").fill("Warga membersihkan saluran.")
    draf = editor.evaluate("JSON.parse(localStorage.getItem('draf-berita-baru'))")
    assert draf["judul"] == "Kerja bakti Minggu pagi" and draf["isi"] == "Warga membersihkan saluran."
    editor.reload()
    expect(isian(editor, "Judul")).to_have_value("Kerja bakti Minggu pagi")
    _tanpa_pelanggaran(editor, konsol)


@pytest.mark.browser
def test_the_site_cannot_be_framed_by_another_page(konteks, live_server):
    """GIVEN a page on another origin that frames the site
    WHEN it loads
    THEN the browser refuses to show the site inside it."""
    page = konteks().new_page()
    page.set_content(f'<iframe src="{live_server.url}/" width="400" height="300"></iframe>')
    page.wait_for_timeout(500)
    assert [frame.url for frame in page.frames[1:]] == ["chrome-error://chromewebdata/"]
