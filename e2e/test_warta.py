"""Journey: a member submits news, an editor publishes it, a citizen comments and the comment waits for moderation."""

import re

import pytest
from playwright.sync_api import expect

from e2e.langkah import OUT, isian, masuk

JUDUL = "Gotong royong membersihkan saluran irigasi Tungkap"


@pytest.mark.browser
def test_member_submits_editor_publishes_citizen_comments(konteks, cast):
    """GIVEN a KIM member of Tungkap and Diskominfo's admin
    WHEN the member writes and submits an item, the admin ticks the checklist and publishes it, and a citizen
    comments under it for the first time
    THEN the article carries the terverifikasi mark and the citizen's comment is shown to them as waiting."""
    anggota = konteks().new_page()
    masuk(anggota, cast.anggota)
    anggota.goto("/kelola/warta/tulis/")
    isian(anggota, "Judul").fill(JUDUL)
    isian(anggota, "Isi berita").fill("Warga bergotong royong **membersihkan saluran** irigasi sebelum musim tanam.")
    isian(anggota, "Kategori").select_option(label="Pertanian")
    isian(anggota, "Wilayah yang diberitakan").select_option(index=1)
    anggota.get_by_role("button", name="Simpan").click()
    expect(anggota.locator(".pesan")).to_contain_text("Berita disimpan")
    anggota.get_by_role("button", name="Ajukan untuk diperiksa").click()
    expect(anggota.locator(".pesan")).to_contain_text("diajukan")

    admin = konteks().new_page()
    masuk(admin, cast.admin)
    admin.goto("/kelola/warta/")
    admin.get_by_role("link", name=JUDUL).click()
    for label in [
        "Sumber informasi disebutkan",
        "Fakta sudah dicek dengan sumbernya",
        "Orang dalam foto sudah setuju difoto dan diterbitkan",
        "Tidak ada data pribadi yang terbuka (NIK, nomor telepon, alamat rumah)",
    ]:
        admin.get_by_label(label).check()
    admin.get_by_role("button", name="Terbitkan", exact=True).click()
    expect(admin.locator(".pesan")).to_contain_text("Berita diterbitkan")

    warga = konteks().new_page()
    warga.goto("/warta/")
    warga.get_by_role("link", name=JUDUL).first.click()
    expect(warga.locator(".terverifikasi")).to_contain_text("Terverifikasi")
    expect(warga.locator(".berita strong")).to_have_text("membersihkan saluran")
    isian(warga, "Nama").fill("Pak Rahman")
    isian(warga, "Komentar").fill("Semoga airnya lancar sampai ke sawah kami.")
    warga.get_by_role("button", name=re.compile("Kirim")).click()
    expect(warga.get_by_text("menunggu moderasi").first).to_be_visible()
    OUT.mkdir(exist_ok=True)
    warga.screenshot(path=str(OUT / "komentar-menunggu.png"), full_page=True)
