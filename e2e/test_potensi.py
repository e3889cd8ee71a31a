"""Journey: a member picks an item's point on the village map, with the pointer and with the keyboard, sees a warning
for a point outside the village, saves, and the published item is on the catalogue's map."""

import math
import re

import pytest
from playwright.sync_api import expect

from e2e.langkah import OUT, isian, masuk
from jembatan.test import DESA_A, DESA_B
from potensi.models import Potensi, di_desa
from wilayah.models import Wilayah


@pytest.mark.browser
def test_member_picks_the_point_on_the_village_map(konteks, cast):
    """GIVEN a KIM member of Tungkap on the new item form
    WHEN they click the village map near its middle, then type the coordinates of another village
    AND then, from the keyboard, tab from the longitude to the map, press Home, two up arrows and Shift+right
    THEN the click fills latitude and longitude inside Tungkap without a warning, the typed point moves the marker
    and shows the warning; Home empties the point (the village centre) and says so, each arrow moves the point
    ~50 m north and Shift+arrow ~500 m east, filling the fields and reading the point out; saving stores it."""
    page = konteks().new_page()
    galat: list[str] = []
    page.on("pageerror", lambda e: galat.append(str(e)))
    masuk(page, cast.anggota)
    page.goto("/kelola/potensi/tambah/")
    peta = page.locator("[data-pilih-titik]")
    expect(peta).to_be_visible()
    page.locator("circle.pilihan").scroll_into_view_if_needed()
    # The village's centre as drawn (its marker), clicked a few pixels off so the click sets a new point.
    titik = page.locator("circle.pilihan").bounding_box()
    assert titik
    page.mouse.click(titik["x"] + titik["width"] / 2 + 3, titik["y"] + titik["height"] / 2 + 3)
    assert not galat, galat
    lat, lng = float(isian(page, "Lintang (latitude)").input_value()), float(isian(page, "Bujur (longitude)").input_value())
    tungkap = Wilayah.objects.get(kode=DESA_A)
    assert abs(lat - tungkap.lat) < 0.01 and abs(lng - tungkap.lng) < 0.01 and di_desa(tungkap, lat, lng)
    expect(page.locator("[data-luar-desa]")).to_be_hidden()

    lain = Wilayah.objects.get(kode=DESA_B)
    isian(page, "Lintang (latitude)").fill(str(lain.lat))
    isian(page, "Bujur (longitude)").fill(str(lain.lng))
    expect(page.locator("[data-luar-desa]")).to_be_visible()
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "potensi-pilih-titik.png"), full_page=True)

    isian(page, "Lintang (latitude)").fill(f"{lat:.6f}")
    isian(page, "Bujur (longitude)").fill(f"{lng:.6f}")
    expect(page.locator("[data-luar-desa]")).to_be_hidden()

    # The keyboard: the map comes right after the longitude in the tab order.
    isian(page, "Bujur (longitude)").focus()
    page.keyboard.press("Tab")
    pemilih = page.get_by_role("application", name="Peta desa untuk memilih titik lokasi")
    expect(pemilih).to_be_focused()
    umumkan = page.locator("[data-umumkan]")
    page.keyboard.press("Home")
    expect(isian(page, "Lintang (latitude)")).to_have_value("")
    expect(umumkan).to_have_text(f"Kembali ke pusat desa. Titik: lintang {tungkap.lat:.5f}, bujur {tungkap.lng:.5f}.")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Shift+ArrowRight")
    lat, lng = float(isian(page, "Lintang (latitude)").input_value()), float(isian(page, "Bujur (longitude)").input_value())
    assert lat - tungkap.lat == pytest.approx(100 / 111320, abs=2e-6)  # two steps of ~50 m north
    assert (lng - tungkap.lng) * 111320 * math.cos(math.radians(lat)) == pytest.approx(500, abs=1)  # ~500 m east
    expect(umumkan).to_have_text(f"Titik: lintang {lat:.5f}, bujur {lng:.5f}.")
    expect(page.locator("[data-luar-desa]")).to_be_hidden()
    assert di_desa(tungkap, lat, lng)
    x, y = page.locator("circle.pilihan").get_attribute("cx"), page.locator("circle.pilihan").get_attribute("cy")
    page.get_by_role("button", name="Kembali ke pusat desa").click()
    expect(isian(page, "Lintang (latitude)")).to_have_value("")
    assert (page.locator("circle.pilihan").get_attribute("cx"), page.locator("circle.pilihan").get_attribute("cy")) != (x, y)
    pemilih.focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Shift+ArrowRight")
    expect(isian(page, "Lintang (latitude)")).to_have_value(f"{lat:.6f}")
    expect(isian(page, "Bujur (longitude)")).to_have_value(f"{lng:.6f}")
    isian(page, "Jenis").select_option(label="Pertanian")
    isian(page, "Desa/kelurahan").select_option(DESA_A)
    isian(page, "Nama").fill("Gula aren Tungkap")
    isian(page, "Deskripsi").fill("Gula aren cetak dari nira.")
    isian(page, "Nama produsen/pengelola").fill("Kelompok Tani Maju")
    page.get_by_label("Sepanjang tahun").check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".pesan")).to_contain_text("Potensi disimpan")
    p = Potensi.objects.get()
    assert (round(p.lat, 6), round(p.lng, 6)) == (round(lat, 6), round(lng, 6))
    assert re.match(r".*/kelola/potensi/\d+/$", page.url)
