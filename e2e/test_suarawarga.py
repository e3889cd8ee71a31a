"""Journey: a citizen sends an aspiration, the village forwards it, and the citizen's page shows each step."""

import re

import pytest
from playwright.sync_api import expect

from e2e.langkah import OUT, isian, masuk
from e2e.test_csp import _awasi, _tanpa_pelanggaran
from jembatan.test import DESA_A
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


@pytest.mark.browser
def test_village_publishes_a_program_citizen_objects_and_village_answers_officially(konteks, cast):
    """GIVEN the government of Tungkap, the KIM pengurus who moderates its comments, and a citizen without
    an account
    WHEN the village adds a program through its form, starts it and records its progress, the citizen finds
    it by village and objects to it (held as a first comment until the KIM approves it), then adds a reply of
    their own, and the village answers the objection officially
    THEN the citizen's view of the program shows the progress, the official answer pinned first under the
    objection (before the earlier reply), and the stance counts."""
    desa = konteks().new_page()
    masuk(desa, cast.pemdes)
    desa.goto("/kelola/program/tambah/")
    isian(desa, "Nama program").fill("Sumur bor dan tandon air RT 5")
    isian(desa, "Uraian").fill("Sumur bor kedalaman 60 m dengan tandon 5.000 liter untuk 80 keluarga di RT 5.")
    isian(desa, "Wilayah").select_option(value=DESA_A)
    isian(desa, "Bidang").select_option(label="Kesehatan")
    isian(desa, "Tahun anggaran").fill("2026")
    isian(desa, "Sumber dana").select_option(label="Dana Desa")
    isian(desa, "Anggaran (Rp)").fill("96500000")
    isian(desa, "Pelaksana").fill("TPK Desa Tungkap")
    desa.get_by_role("button", name="Simpan").click()
    expect(desa.locator(".pesan")).to_contain_text("Program disimpan.")
    desa.get_by_label("Tahap baru").select_option(label="Berjalan")
    desa.get_by_role("button", name="Ubah tahap").click()
    expect(desa.locator(".pesan")).to_contain_text("Tahap program: Berjalan.")
    isian(desa, "Kemajuan (%)").fill("35")
    isian(desa, "Yang sudah dikerjakan").fill("Pengeboran selesai sampai 60 m; tandon belum dipasang.")
    desa.get_by_role("button", name="Catat kemajuan").click()
    expect(desa.locator(".pesan")).to_contain_text("Kemajuan dicatat.")

    warga = konteks().new_page()
    warga.goto("/program/")
    isian(warga, "Desa/kelurahan").select_option(label="Desa Tungkap")
    warga.get_by_role("button", name="Terapkan").click()
    expect(warga.get_by_text("1 program ditemukan.")).to_be_visible()
    warga.get_by_role("link", name="Sumur bor dan tandon air RT 5").click()
    expect(warga.get_by_role("heading", level=1)).to_have_text("Sumur bor dan tandon air RT 5")
    expect(warga.locator("article.berita")).to_contain_text("35%")
    halaman_program = warga.url
    keberatan = "Lokasi sumur terlalu dekat dengan septic tank warga; mohon dikaji ulang sebelum tandon dipasang."
    isian(warga, "Komentar").fill(keberatan)
    isian(warga, "Sikap Anda").select_option(label="Keberatan")
    isian(warga, "Nama").fill("Bu Sari")
    warga.get_by_role("button", name="Kirim komentar").click()
    expect(warga.get_by_text("Komentar Anda menunggu moderasi.")).to_be_visible()

    kim = konteks().new_page()
    masuk(kim, cast.editor)
    kim.goto("/kelola/komentar/")
    kim.locator("article", has_text=keberatan).get_by_role("button", name="Setujui").click()
    expect(kim.locator(".pesan")).to_contain_text("Komentar dari Bu Sari: Tampil.")

    warga.goto(halaman_program)
    warga.get_by_role("link", name="Balas komentar Bu Sari").click()
    isian(warga, "Komentar").fill("Jaraknya kira-kira lima meter saja dari septic tank.")
    isian(warga, "Nama").fill("Bu Sari")
    warga.get_by_role("button", name="Kirim komentar").click()
    expect(warga.get_by_text("Jaraknya kira-kira lima meter saja")).to_be_visible()
    expect(warga.get_by_text("Komentar Anda menunggu moderasi.")).to_have_count(0)  # a known sender is not held again

    desa.goto("/kelola/tanggapan-program/")
    pertanyaan = desa.locator("article", has_text=keberatan)
    expect(pertanyaan).to_contain_text("Keberatan")
    pertanyaan.get_by_label("Tanggapan resmi").fill("Terima kasih. Tim teknis akan mengukur ulang jarak pada 5 Desember.")
    pertanyaan.get_by_role("button", name="Kirim tanggapan resmi").click()
    expect(desa.locator(".pesan")).to_contain_text("Tanggapan resmi tampil di halaman program.")
    expect(desa.get_by_text("Tidak ada pertanyaan yang menunggu tanggapan.")).to_be_visible()

    warga.reload()
    utas = warga.locator("#komentar")
    expect(utas.get_by_role("heading", level=2).first).to_have_text("3 komentar")
    sikap = utas.get_by_label("Sikap warga")
    expect(sikap.locator(".sikap-keberatan dd")).to_have_text("1")
    expect(sikap.locator(".sikap-mendukung dd")).to_have_text("0")
    objek = utas.get_by_role("article", name="Komentar dari Bu Sari").first
    expect(objek).to_contain_text("Keberatan")
    jawaban = utas.locator(":scope > ol.lini-masa > li").filter(has_text=keberatan).locator(":scope > ol > li")
    expect(jawaban).to_have_count(2)
    expect(jawaban.first).to_have_class("resmi")
    expect(jawaban.first).to_contain_text("Tanggapan resmi")
    expect(jawaban.first).to_contain_text("Pemerintah Desa Tungkap")
    expect(jawaban.first).to_contain_text("mengukur ulang jarak")
    expect(jawaban.nth(1)).to_contain_text("lima meter")
    OUT.mkdir(exist_ok=True)
    warga.screenshot(path=str(OUT / "program-tanggapan-resmi.png"), full_page=True)
