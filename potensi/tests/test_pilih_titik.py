"""Choosing an item's point: the village map on the form (clicks fill the coordinates in the page's script), typed
coordinates, the village centre by default; outside the village's outline a warning, outside the regency refused."""

import re

import pytest

from jembatan.lib.domain import DomainError
from jembatan.test import DESA_A, DESA_B, KAB
from potensi.models import Potensi, di_desa
from potensi.tests.bantu import make_potensi
from potensi.tests.test_tulis import _data, _galat
from wilayah.impor import Proyeksi, poligon_svg
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db


def _peta(html: str) -> str:
    m = re.search(r'<figure class="peta-wadah" data-pilih-titik hidden>(.*?)</figure>', html, re.S)
    assert m, "no village map on the form"
    return m[1]


def _proyeksi() -> Proyeksi:
    p = Proyeksi.dari_batas(Wilayah.objects.get(kode=KAB).peta_batas)
    assert p is not None
    return p


def test_a_new_item_opens_on_its_village_with_the_marker_on_its_centre(client, cast):
    """GIVEN a KIM member of village A (the only village they may choose)
    WHEN they open the new item form
    THEN the form holds village A's map, hidden until the script shows it, with the marker at its centre and the
    projection the script needs to turn a click into coordinates."""
    client.force_login(cast.anggota)
    peta = _peta(client.get("/kelola/potensi/tambah/").content.decode())
    desa = Wilayah.objects.get(kode=DESA_A)
    proj = _proyeksi()
    assert re.findall(r'data-kode="([^"]+)"', peta) == [DESA_A]
    x, y = proj(desa.lng, desa.lat)
    assert f'<circle class="pilihan" cx="{x:.1f}" cy="{y:.1f}"' in peta
    minx, maxy, kx, skala = (float(v) for v in re.search(r'data-proyeksi="([^"]+)"', peta)[1].split())
    # What the script computes from a click at (x, y) gives the village centre back.
    assert (minx + x / (kx * skala), maxy - y / skala) == (pytest.approx(desa.lng), pytest.approx(desa.lat))
    vx, vy, vw, vh = (float(v) for v in re.search(r'viewBox="([^"]+)"', peta)[1].split())
    assert vx <= x <= vx + vw and vy <= y <= vy + vh and vw < 300  # the village, not the whole regency


def test_an_item_with_a_point_shows_it_and_an_operator_sees_the_villages_of_their_kecamatan(client, cast):
    desa = Wilayah.objects.get(kode=DESA_A)
    p = make_potensi(cast, lat=desa.lat + 0.004, lng=desa.lng - 0.003, lokasi_publik=True)
    client.force_login(cast.operator)
    peta = _peta(client.get(f"/kelola/potensi/{p.pk}/").content.decode())
    x, y = _proyeksi()(p.lng, p.lat)
    assert f'cx="{x:.1f}" cy="{y:.1f}"' in peta
    kode = re.findall(r'data-kode="([^"]+)"', peta)
    assert DESA_A in kode and all(k.startswith("63.05.01.") for k in kode) and len(kode) > 5
    assert re.search(rf'class="desa dipilih" data-kode="{DESA_A}"', peta)


def test_a_point_inside_the_villages_outline_is_saved_without_a_warning(client, cast):
    """Near the village's edge, a point may be nearer another village's centre yet inside its own outline."""
    desa = Wilayah.objects.get(kode=DESA_A)
    proj = _proyeksi()
    area = poligon_svg(desa.peta_svg)
    x0, y0, x1, y1 = area.bounds
    # A point inside the outline, well away from its centre.
    from shapely.geometry import Point

    pusat = Point(*proj(desa.lng, desa.lat))
    dalam = max(
        (
            Point(x, y)
            for x in range(int(x0), int(x1), 2)
            for y in range(int(y0), int(y1), 2)
            if area.buffer(-2).contains(Point(x, y))
        ),
        key=pusat.distance,
    )
    lng = proj.minx + dalam.x / (proj.kx * proj.skala)
    lat = proj.maxy - dalam.y / proj.skala
    assert di_desa(desa, lat, lng)
    client.force_login(cast.anggota)
    response = client.post("/kelola/potensi/tambah/", _data(lat=f"{lat:.6f}", lng=f"{lng:.6f}"))
    assert response.status_code == 302, _galat(response.content.decode(), "lat")
    assert Potensi.objects.get().lat == pytest.approx(lat)


def test_the_model_refuses_a_point_outside_the_regency_whatever_saves_it(cast):
    p = Potensi(**{k: v for k, v in _model_fields(cast).items()}, lat=-6.2, lng=106.8)
    with pytest.raises(DomainError) as e:
        p.simpan_perubahan(oleh=cast.anggota, versi=0)
    assert e.value.field == "lat" and not Potensi.objects.exists()


def _model_fields(cast) -> dict:
    from potensi.tests.bantu import jenis

    return {
        "jenis": jenis(),
        "nama": "Gula aren",
        "deskripsi": "Gula aren cetak.",
        "wilayah_id": DESA_A,
        "nama_produsen": "Kelompok Tani Maju",
        "penulis": cast.anggota,
    }


def test_without_an_item_the_form_still_saves_at_the_village_centre(client, cast):
    client.force_login(cast.anggota)
    assert client.post("/kelola/potensi/tambah/", _data()).status_code == 302
    desa = Wilayah.objects.get(kode=DESA_A)
    assert (Potensi.objects.get().lat, Potensi.objects.get().lng) == (desa.lat, desa.lng)


def test_the_map_follows_the_coordinates_in_one_fieldset_and_is_ready_for_the_keyboard(client, cast):
    """GIVEN a KIM member on the new item form
    WHEN the page is read (as a screen reader or the page's script reads it)
    THEN one "Lokasi" fieldset holds latitude, longitude and, right after them, the map; the map takes focus, has a
    name and instructions for the arrow keys, Shift and Home, a "Kembali ke pusat desa" button, a polite live region
    and the texts the script reads out; each village carries its centre as coordinates for the arrow keys."""
    client.force_login(cast.anggota)
    html = client.get("/kelola/potensi/tambah/").content.decode()
    lokasi = re.search(r'<fieldset class="lokasi"><legend>Lokasi</legend>(.*?)</fieldset>', html, re.S)
    assert lokasi, "no location fieldset"
    isi = lokasi[1]
    urutan = [isi.index('name="lat"'), isi.index('name="lng"'), isi.index("data-pilih-titik"), isi.index('name="lokasi_publik"')]
    assert urutan == sorted(urutan)
    assert html.count('name="lat"') == 1 and html.count("data-pilih-titik") == 1
    assert '<label for="id_lat">Lintang (latitude)</label>' in isi and '<label for="id_lng">Bujur (longitude)</label>' in isi
    wadah = re.search(r'<div class="pilih-titik-wadah"([^>]*)>', isi)
    assert wadah
    atribut = dict(re.findall(r'([\w-]+)="([^"]*)"', wadah[1]))
    assert atribut["tabindex"] == "0" and atribut["role"] == "application"
    assert atribut["aria-label"] == "Peta desa untuk memilih titik lokasi"
    assert atribut["data-teks-posisi"] == "Titik: lintang {lat}, bujur {lng}."
    assert atribut["data-teks-pusat"] == "Kembali ke pusat desa."
    petunjuk = re.search(rf'<figcaption class="bantuan" id="{atribut["aria-describedby"]}">(.*?)</figcaption>', isi, re.S)
    assert petunjuk and all(k in petunjuk[1] for k in ("tombol panah", "50 m", "Shift+panah", "500 m", "Home"))
    assert re.search(r'<button type="button" class="tautan" data-ke-pusat>Kembali ke pusat desa</button>', isi)
    assert re.search(r'<p class="sr" aria-live="polite" data-umumkan></p>', isi)
    assert "data-luar-desa hidden>Titik ini di luar batas desa" in isi
    desa = Wilayah.objects.get(kode=DESA_A)
    assert f'data-kode="{DESA_A}" data-pusat="' in isi and f'data-pusat-ll="{desa.lat!r} {desa.lng!r}"' in isi


def test_the_rest_of_the_form_keeps_its_fields_once_around_the_location(client, cast):
    client.force_login(cast.anggota)
    html = client.get("/kelola/potensi/tambah/").content.decode()
    for nama in ("nama", "deskripsi", "harga_min", "tiket", "wa_produsen", "wa_setuju"):
        assert html.count(f'name="{nama}"') == 1, nama
    assert html.index('name="tiket"') < html.index('<fieldset class="lokasi">') < html.index('name="wa_produsen"')


def test_a_point_outside_the_village_asks_for_confirmation_inside_the_location_fieldset(client, cast):
    lain = Wilayah.objects.get(kode=DESA_B)
    client.force_login(cast.anggota)
    html = client.post("/kelola/potensi/tambah/", _data(lat=str(lain.lat), lng=str(lain.lng))).content.decode()
    lokasi = re.search(r'<fieldset class="lokasi">(.*?)</fieldset>', html, re.S)
    assert lokasi and 'type="checkbox" name="yakin_lokasi"' in lokasi[1] and "tampaknya di luar" in lokasi[1]
    assert f'value="{lain.lat}"' in lokasi[1]
