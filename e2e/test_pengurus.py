"""Journey: a KIM's own pengurus keeps its profile and board up to date, and only its own."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.langkah import isian, masuk
from jembatan.test import DESA_A, DESA_B

PROFIL = "KIM Tungkap Bersinar menyiarkan kabar desa lewat radio komunitas setiap Jumat."


@pytest.mark.browser
def test_pengurus_updates_profile_and_board_but_not_another_village(page, cast):
    """GIVEN the pengurus account of Tungkap's KIM
    WHEN they write the KIM's short profile and add Siti Rahmah as Ketua
    THEN Tungkap's public page shows both, and the management page of Pandulangan (another
    village) answers with the not-found page, showing nothing of that KIM."""
    mulai = timezone.localdate() - timedelta(days=7)
    masuk(page, cast.editor)
    page.get_by_role("link", name="Desa Tungkap").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("KIM Tungkap Bersinar")

    page.get_by_role("link", name="Ubah profil").click()
    isian(page, "Profil singkat").fill(PROFIL)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".pesan")).to_have_text("Profil KIM disimpan.")

    page.get_by_role("link", name="Tambah pengurus/anggota").click()
    isian(page, "Nama").fill("Siti Rahmah")
    isian(page, "Jabatan").select_option(label="Ketua")
    isian(page, "Mulai menjabat").fill(mulai.isoformat())
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".pesan")).to_have_text("Siti Rahmah ditambahkan.")
    pengurus = page.locator("section[aria-labelledby=judul-pengurus] tbody tr")
    expect(pengurus).to_have_count(1)
    expect(pengurus.locator("th, td").nth(0)).to_have_text("Siti Rahmah")
    expect(pengurus.locator("th, td").nth(1)).to_have_text("Ketua")

    page.get_by_role("link", name="Halaman publik").click()
    expect(page).to_have_url(re.compile(rf"/wilayah/{re.escape(DESA_A)}/$"))
    kartu = page.locator("section[aria-labelledby=judul-kim]")
    expect(kartu).to_contain_text(PROFIL)
    expect(kartu.locator("tbody tr")).to_have_text([re.compile(r"^\s*Ketua\s*Siti Rahmah\s*$")])

    response = page.goto(f"/kelola/{DESA_B}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    expect(page.locator("main")).to_contain_text("berada di luar cakupan akun Anda")
    expect(page.locator("main")).not_to_contain_text("Pandulangan")
