"""Journey: a member reports an activity with a photo, the score's Diseminasi evidence links it, and Diskominfo's
page shows the KIM's new level."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.langkah import OUT, isian, masuk
from jembatan.test import DESA_A
from jembatan.tests.contoh_berkas import png

JUDUL = "Menyampaikan jadwal posyandu lewat pengumuman masjid"


@pytest.mark.browser
def test_member_reports_an_activity_and_diskominfo_sees_the_new_level(konteks, cast, tmp_path):
    """GIVEN a KIM member of Tungkap and Diskominfo's admin, and no score computed yet
    WHEN the member reports a dissemination activity of today with a photo, and the admin computes this month
    THEN the KIM's score page links the activity as Diseminasi evidence, and the regency page shows its level."""
    foto = tmp_path / "posyandu.png"
    foto.write_bytes(png(800, 600))
    anggota = konteks().new_page()
    masuk(anggota, cast.anggota)
    anggota.goto("/kelola/kegiatan/")
    anggota.get_by_role("link", name="Laporkan kegiatan").click()
    isian(anggota, "Tanggal kegiatan").fill(f"{timezone.localdate():%Y-%m-%d}")
    isian(anggota, "Jenis kegiatan").select_option(label="Diseminasi informasi")
    isian(anggota, "Nama kegiatan").fill(JUDUL)
    isian(anggota, "Tempat").fill("Masjid Al-Ikhlas Tungkap")
    isian(anggota, "Uraian singkat").fill("Jadwal posyandu dan imunisasi dibacakan sesudah salat Jumat.")
    isian(anggota, "Jumlah peserta").fill("80")
    anggota.get_by_role("button", name="Simpan").click()
    expect(anggota.locator(".pesan")).to_contain_text("Kegiatan disimpan")
    anggota.locator("input[name=foto]").set_input_files(str(foto))
    isian(anggota, "Keterangan foto").fill("Pengumuman sesudah salat Jumat")
    anggota.get_by_role("button", name="Unggah foto").click()
    expect(anggota.locator(".pesan")).to_contain_text("Foto ditambahkan")
    expect(anggota.get_by_alt_text("Pengumuman sesudah salat Jumat")).to_be_visible()

    admin = konteks().new_page()
    masuk(admin, cast.admin)
    admin.goto(f"/kelola/penilaian/?bulan={timezone.localdate():%Y-%m}")
    expect(admin.get_by_role("row", name=re.compile("KIM Tungkap Bersinar"))).to_contain_text("—")
    admin.get_by_role("button", name=re.compile("Hitung skor")).click()
    expect(admin.locator(".pesan")).to_contain_text("sedang dihitung")
    expect(admin.get_by_text("Terakhir dihitung")).to_contain_text(": 2 KIM.")
    baris = admin.get_by_role("row", name=re.compile("KIM Tungkap Bersinar"))
    expect(baris).to_contain_text("Pemula")
    OUT.mkdir(exist_ok=True)
    admin.screenshot(path=str(OUT / "penilaian-kabupaten.png"), full_page=True)

    baris.get_by_role("link", name="KIM Tungkap Bersinar").click()
    expect(admin).to_have_url(re.compile(rf"/kelola/penilaian/kim/{re.escape(DESA_A)}/"))
    admin.screenshot(path=str(OUT / "penilaian-skor.png"), full_page=True)
    bukti = admin.locator("section", has=admin.get_by_role("heading", name=re.compile("^Diseminasi — Kegiatan")))
    bukti.get_by_role("link", name=re.compile(JUDUL)).click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(JUDUL)
    expect(admin.get_by_alt_text("Pengumuman sesudah salat Jumat")).to_be_visible()

    kecil = konteks(viewport={"width": 360, "height": 740}).new_page()
    masuk(kecil, cast.anggota)
    kecil.goto(f"/kelola/kegiatan/kim/{DESA_A}/{timezone.localdate():%Y-%m}/")
    expect(kecil.get_by_role("link", name=JUDUL)).to_be_visible()
    kecil.screenshot(path=str(OUT / "penilaian-laporan-360.png"), full_page=True)
