"""Journey: a KIM member adds a village product with a photo, the KIM's pengurus approves it, and it is on the village
page and in the API."""

import re

import pytest
from playwright.sync_api import expect

from e2e.langkah import OUT, isian, masuk
from jembatan.test import DESA_A
from jembatan.tests.contoh_berkas import png

NAMA = "Anyaman purun Tungkap"


@pytest.mark.browser
def test_member_adds_item_with_photo_pengurus_approves_it_is_public_and_in_the_api(konteks, cast, tmp_path):
    """GIVEN a KIM member of Tungkap and the pengurus of its KIM
    WHEN the member adds a craft with a price and a photo and submits it, and the pengurus approves it
    THEN the village page lists it with its photo, its page says who verified it, and the API gives it, with no
    phone number."""
    foto = tmp_path / "purun.png"
    foto.write_bytes(png(800, 600))
    anggota = konteks().new_page()
    masuk(anggota, cast.anggota)
    anggota.goto("/kelola/potensi/")
    anggota.get_by_role("link", name="Tambah potensi").click()
    isian(anggota, "Jenis").select_option(label="Kerajinan")
    isian(anggota, "Nama").fill(NAMA)
    isian(anggota, "Deskripsi").fill("Tikar dan tas dari **purun** rawa, dianyam ibu-ibu kelompok.")
    isian(anggota, "Desa/kelurahan").select_option(value=DESA_A)
    isian(anggota, "Nama produsen/pengelola").fill("Kelompok Purun Sejahtera")
    isian(anggota, "Harga terendah (Rp)").fill("25000")
    isian(anggota, "Harga tertinggi (Rp)").fill("75000")
    isian(anggota, "Satuan").fill("buah")
    anggota.get_by_label("Sepanjang tahun").check()
    anggota.get_by_role("button", name="Simpan", exact=True).click()
    expect(anggota.locator(".pesan")).to_contain_text("Potensi disimpan")
    anggota.locator("input[name=foto]").set_input_files(str(foto))
    isian(anggota, "Keterangan foto").fill("Tas purun motif tapin")
    anggota.get_by_role("button", name="Unggah foto").click()
    expect(anggota.locator(".pesan")).to_contain_text("Foto ditambahkan")
    anggota.get_by_role("button", name="Ajukan untuk diperiksa").click()
    expect(anggota.locator(".pesan")).to_contain_text("diajukan")

    pengurus = konteks().new_page()
    masuk(pengurus, cast.editor)
    pengurus.goto("/kelola/potensi/")
    pengurus.get_by_role("link", name=NAMA).click()
    pengurus.get_by_role("button", name="Setujui dan terbitkan").click()
    expect(pengurus.locator(".pesan")).to_contain_text("disetujui dan terbit")

    warga = konteks().new_page()
    warga.goto(f"/wilayah/{DESA_A}/")
    bagian = warga.locator("section", has=warga.get_by_role("heading", name="Potensi desa"))
    expect(bagian.get_by_alt_text("Tas purun motif tapin")).to_be_attached()
    bagian.get_by_role("link", name=NAMA).click()
    expect(warga.get_by_role("heading", level=1)).to_have_text(NAMA)
    expect(warga.locator(".terverifikasi")).to_contain_text(f"Diverifikasi oleh {cast.kim_a.nama}")
    expect(warga.locator(".fakta")).to_contain_text("Rp25.000–Rp75.000 / buah")
    OUT.mkdir(exist_ok=True)
    warga.screenshot(path=str(OUT / "potensi-halaman.png"), full_page=True)

    daftar = warga.request.get(f"/api/v1/potensi?desa={DESA_A}").json()
    assert [p["nama"] for p in daftar["items"]] == [NAMA]
    satu = warga.request.get(f"/api/v1/potensi/{daftar['items'][0]['id']}").json()
    assert satu["pemverifikasi"] == cast.kim_a.nama and satu["harga_min"] == 25000
    assert [f["keterangan"] for f in satu["foto"]] == ["Tas purun motif tapin"]
    assert re.search(r"<strong>purun</strong>", satu["deskripsi_html"])
    assert satu["kontak_url"] is None and "wa.me" not in str(satu)
