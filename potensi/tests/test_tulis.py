"""Adding and editing an item through the form: bad input gets a message beside its field and loses nothing."""

import re

import pytest

from jembatan.test import DESA_A, DESA_B
from jembatan.tests.contoh_berkas import png
from potensi.models import SEPANJANG_TAHUN, Potensi, Status
from potensi.tests.bantu import jenis, make_potensi
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db


def _data(**extra) -> dict:
    return {
        "jenis": jenis("pertanian").pk,
        "nama": "Gula aren Tungkap",
        "deskripsi": "Gula aren **cetak** dari nira.",
        "wilayah": DESA_A,
        "nama_produsen": "Kelompok Tani Maju",
        "harga_min": "25000",
        "harga_max": "40000",
        "satuan": "kg",
        "bulan_tersedia": ["5", "6", "7", "8"],
        "versi": 0,
        **extra,
    }


def _galat(html: str, field: str) -> str:
    m = re.search(rf'id="id_{field}_galat">(.*?)</div>', html, re.S)
    return m[1] if m else ""


def test_member_adds_an_item_of_their_village(client, cast):
    client.force_login(cast.anggota)
    response = client.post("/kelola/potensi/tambah/", _data(wa_produsen="0812-3456-7890", wa_setuju="on"))
    assert response.status_code == 302
    p = Potensi.objects.get()
    assert (p.status, p.kim, p.penulis, p.harga_min, p.harga_max) == (Status.DRAF, cast.kim_a, cast.anggota, 25000, 40000)
    assert p.teks_bulan == "Mei–Agustus" and p.wa_produsen == "6281234567890"
    assert p.wa_setuju_pada is not None and p.wa_setuju_dicatat_oleh == cast.anggota


def test_a_member_cannot_add_for_another_village(client, cast):
    client.force_login(cast.anggota)
    response = client.post("/kelola/potensi/tambah/", _data(wilayah=DESA_B))
    assert response.status_code == 400 and _galat(response.content.decode(), "wilayah")
    assert not Potensi.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field", "pesan"),
    [
        ({"harga_min": "-5000"}, "harga_min", "tidak boleh negatif"),
        ({"harga_min": "-Rp5.000"}, "harga_min", "tidak boleh negatif"),
        ({"harga_min": "dua puluh ribu"}, "harga_min", "Tulis harga dalam rupiah"),
        ({"harga_max": "Rp 40.000,-"}, "harga_max", "Tulis harga dalam rupiah"),
        ({"harga_min": "40.000", "harga_max": "Rp25.000"}, "harga_max", "lebih kecil dari harga terendah"),
        ({"harga_min": "40000", "harga_max": "25000"}, "harga_max", "lebih kecil dari harga terendah"),
        ({"wa_produsen": "+60 12 345 6789"}, "wa_produsen", "bukan nomor seluler Indonesia"),
        ({"wa_produsen": "0511 4781234"}, "wa_produsen", "bukan nomor seluler Indonesia"),
        ({"lat": "-6.2", "lng": "106.8"}, "lat", "di luar Kabupaten Tapin"),
        ({"lat": "-2.9"}, "lat", "bersama-sama"),
        ({"bulan_tersedia": []}, "bulan_tersedia", "Sepanjang tahun"),
        ({"nib": "12345"}, "nib", "13 angka"),
        ({"nomor_pirt": "P-IRT 12345"}, "nomor_pirt", "15 angka"),
        ({"nomor_halal": "HALAL-1"}, "nomor_halal", "17 angka"),
    ],
)
def test_bad_input_is_refused_beside_its_field_with_the_input_kept(client, cast, extra, field, pesan):
    client.force_login(cast.anggota)
    response = client.post("/kelola/potensi/tambah/", _data(**extra))
    html = response.content.decode()
    assert response.status_code == 400
    assert pesan in _galat(html, field)
    assert 'value="Gula aren Tungkap"' in html  # what was typed is still there
    if isinstance(extra[field], str):
        assert f'value="{extra[field]}"' in html  # and the refused value itself
    assert not Potensi.objects.exists()


@pytest.mark.parametrize(
    ("harga_min", "harga_max", "disimpan"),
    [
        ("25.000", "40.000", (25000, 40000)),  # not twenty-five rupiah, as a plain number field would read it
        ("Rp25.000", "Rp 1.250.000,00", (25000, 1250000)),
        ("25000", "", (25000, None)),
    ],
)
def test_prices_are_read_as_rupiah_are_written(client, cast, harga_min, harga_max, disimpan):
    client.force_login(cast.anggota)
    response = client.post("/kelola/potensi/tambah/", _data(harga_min=harga_min, harga_max=harga_max))
    assert response.status_code == 302
    p = Potensi.objects.get()
    assert (p.harga_min, p.harga_max) == disimpan


def test_a_coordinate_that_is_not_a_number_gets_that_message_alone(client, cast):
    client.force_login(cast.anggota)
    html = client.post("/kelola/potensi/tambah/", _data(lat="-2,98x", lng="115.06")).content.decode()
    galat = _galat(html, "lat")
    assert "bilangan" in galat and "bersama-sama" not in galat
    assert 'value="-2,98x"' in html


def test_a_point_outside_the_village_is_a_warning_that_can_be_confirmed(client, cast):
    """GIVEN a point at the centre of another village of the regency
    WHEN the member saves the item for village A
    THEN the form warns beside the point and asks to confirm; confirmed, the item is saved with that point."""
    b = Wilayah.objects.get(kode=DESA_B)
    client.force_login(cast.anggota)
    data = _data(lat=str(b.lat), lng=str(b.lng))
    response = client.post("/kelola/potensi/tambah/", data)
    html = response.content.decode()
    assert response.status_code == 400 and "tampaknya di luar Desa Tungkap" in _galat(html, "lat")
    assert 'type="checkbox" name="yakin_lokasi"' in html
    response = client.post("/kelola/potensi/tambah/", {**data, "yakin_lokasi": "on"})
    assert response.status_code == 302, re.findall(r"pesan-galat.*?</div>", response.content.decode(), re.S)
    assert Potensi.objects.get().lat == pytest.approx(b.lat)


def test_all_year_and_the_pirt_and_halal_numbers_are_stored_tidy(client, cast):
    client.force_login(cast.anggota)
    data = _data(sepanjang_tahun="on", nomor_pirt="P-IRT No. 2063505010123-27", nomor_halal="ID 3111 0000 0229 90421", nib="")
    del data["bulan_tersedia"]
    response = client.post("/kelola/potensi/tambah/", data)
    assert response.status_code == 302, response.context["form"].errors
    p = Potensi.objects.get()
    assert (p.bulan, p.nomor_pirt, p.nomor_halal) == (SEPANJANG_TAHUN, "2063505010123-27", "ID31110000022990421")


def test_unticking_consent_forgets_it_and_a_new_number_asks_again(client, cast):
    p = make_potensi(cast, wa_produsen="6281234567890")
    client.force_login(cast.anggota)
    url = f"/kelola/potensi/{p.pk}/"
    client.post(url, _data(versi=p.versi, wa_produsen="081234567890", wa_setuju="on"))
    p.refresh_from_db()
    assert p.wa_boleh
    client.post(url, _data(versi=p.versi, wa_produsen="081234567890"))
    p.refresh_from_db()
    assert not p.wa_boleh and p.wa_setuju_dicatat_oleh is None


def test_a_file_that_is_not_an_image_is_refused_beside_the_photo_field(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    p = make_potensi(cast)
    client.force_login(cast.anggota)
    palsu = SimpleUploadedFile("foto.jpg", b"<html>bukan foto</html>", content_type="image/jpeg")
    response = client.post(f"/kelola/potensi/{p.pk}/foto/", {"foto": palsu, "keterangan": "Gula aren dicetak"})
    html = response.content.decode()
    assert response.status_code == 400 and _galat(html, "foto")
    assert 'value="Gula aren dicetak"' in html and not p.foto.exists()


def test_a_photo_is_saved_without_metadata_in_several_sizes(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    p = make_potensi(cast)
    client.force_login(cast.anggota)
    foto = SimpleUploadedFile("aren.png", png(1000, 600), content_type="image/png")
    assert client.post(f"/kelola/potensi/{p.pk}/foto/", {"foto": foto}).status_code == 302
    assert sorted(p.foto.get().varian, key=int) == ["400", "800"]  # never wider than the original


def test_reviewer_approves_and_returns_through_the_review_page(client, cast):
    p = make_potensi(cast, status=Status.DIAJUKAN)
    client.force_login(cast.pemdes)
    response = client.post(f"/kelola/potensi/{p.pk}/periksa/", {"versi": p.versi, "kembalikan": "1", "alasan": ""})
    assert response.status_code == 200 and "alasan pengembalian" in _galat(response.content.decode(), "alasan")
    client.post(f"/kelola/potensi/{p.pk}/periksa/", {"versi": p.versi, "setujui": "1"})
    p.refresh_from_db()
    assert p.is_terbit and p.pemverifikasi == "Pemerintah Desa Tungkap"


def test_the_editor_of_another_village_cannot_review(client, cast):
    p = make_potensi(cast, status=Status.DIAJUKAN)
    client.force_login(cast.editor_lain)
    assert client.post(f"/kelola/potensi/{p.pk}/periksa/", {"versi": p.versi, "setujui": "1"}).status_code == 404
    assert Potensi.objects.get(pk=p.pk).status == Status.DIAJUKAN


def test_all_year_and_some_months_together_are_refused_with_the_input_kept(client, cast):
    """ "Sepanjang tahun" with a few months ticked cannot be stored as both: the form says so beside the months
    instead of silently keeping one."""
    client.force_login(cast.anggota)
    response = client.post("/kelola/potensi/tambah/", _data(sepanjang_tahun="on"))
    assert response.status_code == 400
    assert "tidak keduanya" in str(response.context["form"].errors["bulan_tersedia"])
    assert response.context["form"]["bulan_tersedia"].value() == ["5", "6", "7", "8"]
    assert not Potensi.objects.exists()
