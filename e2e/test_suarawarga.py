"""Journey: a citizen sends an aspiration, the village forwards it, and the citizen's page shows each step."""

import re

import pytest
from playwright.sync_api import expect

from e2e.langkah import OUT, isian, masuk
from e2e.test_csp import _awasi, _tanpa_pelanggaran
from suarawarga.models import TahapProgram
from suarawarga.tests.bantu import make_jajak, make_program


@pytest.mark.browser
def test_citizen_sends_village_forwards_citizen_follows(konteks, cast):
    """GIVEN a citizen without an account, the KIM pengurus and the government of Tungkap
    WHEN the citizen sends an aspiration, the KIM verifies it and the village government forwards it to
    SP4N-LAPOR! (first with a malformed number, then the right one)
    THEN the citizen's page, opened by the tracking code, lists each step with the office that took it."""
    warga = konteks().new_page()
    warga.goto("/aspirasi/kirim/")
    isian(warga, "Topik").select_option(label="Air bersih dan sanitasi")
    isian(warga, "Aspirasi atau keluhan Anda").fill("Air bersih di RT 5 mati tiga hari dalam seminggu sejak bulan lalu.")
    isian(warga, "Desa/kelurahan").select_option(label="Desa Tungkap")
    warga.get_by_role("button", name="Kirim aspirasi").click()
    expect(warga.get_by_text("Aspirasi Anda sudah diterima.")).to_be_visible()
    kode = re.search(r"ASP-[A-Z0-9]{4}-[A-Z0-9]{4}", warga.get_by_role("heading", level=1).inner_text()).group(0)

    kim = konteks().new_page()
    masuk(kim, cast.editor)
    kim.goto("/kelola/aspirasi/")
    kim.get_by_role("link", name=kode).click()
    kim.get_by_role("button", name="Verifikasi").click()
    expect(kim.locator(".pesan")).to_contain_text("Diverifikasi")

    desa = konteks().new_page()
    masuk(desa, cast.pemdes)
    desa.goto("/kelola/aspirasi/")
    desa.get_by_role("link", name=kode).click()
    desa.get_by_label("Teruskan ke *").select_option(label="SP4N-LAPOR!")
    desa.get_by_label("Nomor pelacakan LAPOR!").fill("LAPOR-12")
    desa.get_by_role("button", name="Teruskan").click()
    expect(desa.locator(".pesan-galat")).to_contain_text("6–12 angka")
    desa.get_by_label("Nomor pelacakan LAPOR!").fill("4512873")
    desa.get_by_role("button", name="Teruskan").click()
    expect(desa.locator(".pesan")).to_contain_text("Diteruskan")

    warga.goto("/aspirasi/lacak/")
    isian(warga, "Kode pelacakan").fill(kode.lower())
    warga.get_by_role("button", name="Lacak").click()
    langkah = warga.locator(".lini-masa li")
    expect(langkah).to_have_count(3)
    expect(langkah.nth(1)).to_contain_text("KIM Tungkap Bersinar")
    expect(langkah.nth(2)).to_contain_text("Pemerintah Desa Tungkap")
    expect(warga.get_by_text("nomor LAPOR! 4512873")).to_be_visible()
    OUT.mkdir(exist_ok=True)
    warga.screenshot(path=str(OUT / "aspirasi-diteruskan.png"), full_page=True)


@pytest.mark.browser
def test_on_a_phone_the_pages_fit_break_no_policy_rule_and_keep_a_draft(konteks, cast):
    """GIVEN a program with progress, an open poll and a visitor on a 360 px phone whose browser reports CSP
    violations
    WHEN they open the program, vote in the poll, and type an aspiration then lose the page
    THEN nothing is wider than the screen, no rule of the policy is broken, the vote shows in the SVG chart,
    and the typed aspiration is still there when the form is opened again."""
    program = make_program(cast, tahap=TahapProgram.BERJALAN, progres=40)
    jajak = make_jajak(cast)
    warga = konteks(viewport={"width": 360, "height": 740}).new_page()
    konsol = _awasi(warga)

    def pas_layar():
        assert warga.evaluate("document.documentElement.scrollWidth") <= 360

    warga.goto(program.get_absolute_url())
    assert warga.locator('script[type="application/ld+json"]').count() == 1
    pas_layar()
    _tanpa_pelanggaran(warga, konsol)
    warga.goto("/program/")
    pas_layar()

    warga.goto(jajak.get_absolute_url())
    expect(warga.get_by_text("Tidak ilmiah — hanya gambaran.")).to_be_visible()
    warga.get_by_label("Lapangan bola").check()
    warga.get_by_role("button", name="Pilih").click()
    expect(warga.locator("svg")).to_contain_text("1 suara (100%)")
    pas_layar()
    _tanpa_pelanggaran(warga, konsol)

    warga.goto("/aspirasi/kirim/")
    isian(warga, "Aspirasi atau keluhan Anda").fill("Lampu jalan di simpang tiga padam sejak bulan lalu.")
    pas_layar()
    warga.goto("/program/")
    warga.goto("/aspirasi/kirim/")
    expect(isian(warga, "Aspirasi atau keluhan Anda")).to_have_value("Lampu jalan di simpang tiga padam sejak bulan lalu.")
    _tanpa_pelanggaran(warga, konsol)
