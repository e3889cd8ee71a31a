"""Journey: a citizen asks about a message, a verifikator publishes the verdict, the next citizen is answered at once."""

import re

import pytest
from playwright.sync_api import expect

from cekfakta import layanan
from e2e.langkah import OUT, isian, masuk

PESAN = (
    "Pengumuman!! Mulai besok semua warga wajib daftar ulang KTP ke kantor camat, bawa uang 50rb. Bantu sebarkan ke grup keluarga"
)
PESAN_LAIN = "pengumuman, mulai besok semua warga wajib daftar ulang KTP di kantor camat & bawa uang 50rb!! sebarkan"


@pytest.fixture(autouse=True)
def _indeks_baru():
    layanan.indeks.reset()  # the live server runs in this process; each test has its own data
    yield
    layanan.indeks.reset()


@pytest.mark.browser
def test_citizen_report_becomes_a_verdict_that_answers_the_next_citizen(konteks, cast):
    """GIVEN a message nobody has checked yet
    WHEN a citizen pastes it, a verifikator publishes a verdict on it, and another citizen pastes a reworded copy
    THEN the first citizen's tracking page shows the verdict and the second citizen is answered at once."""
    warga = konteks().new_page()
    warga.goto("/cek-fakta/cek/")
    isian(warga, "Pesan yang ingin diperiksa").fill(PESAN)
    warga.get_by_role("button", name="Periksa pesan ini").click()
    expect(warga.get_by_role("heading", level=1)).to_have_text("Belum pernah diperiksa")
    kode = warga.locator(".kode-lacak").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{8}", kode)

    verifikator = konteks().new_page()
    masuk(verifikator, cast.verifikator)
    verifikator.get_by_role("link", name="Antrean cek fakta").click()
    verifikator.get_by_role("link", name=re.compile("Pengumuman!! Mulai besok")).click()
    isian(verifikator, "Klaim").fill("Warga wajib daftar ulang KTP di kantor camat dengan biaya Rp 50 ribu")
    isian(verifikator, "Topik").select_option(label="Penipuan")
    isian(verifikator, "Hasil").select_option(label="Salah")
    isian(verifikator, "Jenis").select_option(label="Konten palsu")
    isian(verifikator, "Penjelasan").fill("Tidak ada kewajiban daftar ulang KTP; layanan kependudukan tidak dipungut biaya.")
    isian(verifikator, "Metode pemeriksaan").fill("Konfirmasi ke Dinas Kependudukan dan Pencatatan Sipil.")
    isian(verifikator, "Judul").first.fill("Keterangan Dinas Kependudukan")
    isian(verifikator, "Tautan").first.fill("https://disdukcapil.example/keterangan")
    verifikator.get_by_role("button", name="Terbitkan putusan").click()
    expect(verifikator.locator(".pesan")).to_contain_text("Putusan diterbitkan")

    warga.goto(f"/cek-fakta/lacak/{kode}/")
    expect(warga.get_by_role("heading", name="Hasil pemeriksaan sudah terbit")).to_be_visible()
    expect(warga.locator(".vonis").first).to_have_text("SALAH — Konten palsu")

    lain = konteks().new_page()
    lain.goto("/cek-fakta/cek/")
    isian(lain, "Pesan yang ingin diperiksa").fill(PESAN_LAIN)
    lain.get_by_role("button", name="Periksa pesan ini").click()
    expect(lain.get_by_role("heading", level=1)).to_have_text("Pesan ini sama dengan klaim yang sudah diperiksa")
    lain.get_by_role("link", name="Baca hasil pemeriksaan lengkap").click()
    expect(lain.get_by_role("heading", level=1)).to_have_text(
        "Warga wajib daftar ulang KTP di kantor camat dengan biaya Rp 50 ribu"
    )
    OUT.mkdir(exist_ok=True)
    lain.set_viewport_size({"width": 375, "height": 800})
    lain.screenshot(path=str(OUT / "putusan-375.png"), full_page=True)
    assert lain.evaluate("document.documentElement.scrollWidth") <= 375
