"""Journey: a citizen asks the village for public information, its PPID answers with the written notice, and the
citizen's tracking page shows it."""

import re

import pytest
from playwright.sync_api import expect

from e2e.langkah import OUT, isian, masuk
from jembatan.test import DESA_A
from jembatan.tests.contoh_berkas import pdf_sah

RINCIAN = "Salinan APBDes Tungkap tahun berjalan beserta realisasinya"


@pytest.mark.browser
def test_citizen_requests_ppid_answers_citizen_sees_the_notice(konteks, cast):
    """GIVEN the PPID page of village Tungkap
    WHEN a citizen files a request on a phone-sized screen, and the village government answers it as granted with
    the information as a PDF
    THEN the citizen gets a number and tracking code, and their tracking page shows the deadline, then the notice
    and the file, which downloads."""
    warga = konteks(viewport={"width": 360, "height": 740}).new_page()
    warga.goto(f"/ppid/{DESA_A}/")
    warga.get_by_role("link", name="Ajukan permohonan informasi").click()
    isian(warga, "Nama lengkap").fill("Siti Aminah")
    isian(warga, "Nomor identitas (NIK/KTP)").fill("6305014501900001")
    isian(warga, "Nomor telepon/WhatsApp").fill("0812 3456 7890")
    isian(warga, "Rincian informasi yang dibutuhkan").fill(RINCIAN)
    isian(warga, "Tujuan penggunaan informasi").fill("Mengetahui penggunaan dana desa.")
    warga.get_by_label("Mengambil langsung").check()
    warga.get_by_role("button", name="Kirim permohonan").click()
    expect(warga.get_by_role("heading", level=1)).to_have_text("Permohonan Anda diterima")
    kode = warga.locator(".kode-lacak").inner_text()
    warga.get_by_role("link", name="Buka halaman pelacakan").click()
    expect(warga.locator(".fakta")).to_contain_text("Sedang diproses")
    expect(warga.locator("main")).not_to_contain_text("6305014501900001")

    ppid = konteks().new_page()
    masuk(ppid, cast.pemdes)
    ppid.get_by_role("link", name=re.compile("Permohonan informasi sedang diproses")).click()
    ppid.get_by_role("link", name=re.compile(r"^001\WPPID-DESA-63\.05\.01\.2003")).click()
    ppid.get_by_label("Dikabulkan seluruhnya").check()
    isian(ppid, "Isi pemberitahuan tertulis").fill("Salinan APBDes dapat diambil di kantor desa pada jam kerja.")
    isian(ppid, "Nama PPID penanda tangan").fill("Rahmadi, Sekretaris Desa")
    ppid.get_by_label("Berkas informasi").set_input_files(
        files=[{"name": "APBDes Tungkap.pdf", "mimeType": "application/pdf", "buffer": pdf_sah()}]
    )
    ppid.get_by_role("button", name="Simpan pemberitahuan").click()
    expect(ppid.locator(".pesan")).to_contain_text("Pemberitahuan tertulis tersimpan")

    warga.goto(f"/ppid/lacak/{kode}/")
    notice = warga.locator("section", has=warga.get_by_role("heading", name="Pemberitahuan tertulis"))
    expect(notice).to_contain_text("Dikabulkan seluruhnya")
    expect(notice).to_contain_text("Rahmadi, Sekretaris Desa")
    berkas = notice.get_by_role("link", name="APBDes Tungkap.pdf")
    with warga.expect_download() as unduhan:
        berkas.click()
    assert unduhan.value.suggested_filename == "APBDes Tungkap.pdf"
    OUT.mkdir(exist_ok=True)
    warga.screenshot(path=str(OUT / "ppid-pemberitahuan.png"), full_page=True)
