"""Open data of the catalogue: the API and the CSV, XLSX and GeoJSON downloads say what the page says, with its
filters, and never carry a phone number."""

import csv
import gzip
import io
import json
from datetime import timedelta

import brotli
import pytest
import time_machine
from django.utils import timezone

from jembatan.test import DESA_A, DESA_B, cocok_openapi
from kim.models import Kim
from potensi.models import Status
from potensi.tests.bantu import jenis, make_potensi

pytestmark = pytest.mark.django_db

NOMOR = "6281234567890"
NOMOR_KIM = "6281350001234"
# Every way the two numbers could be written out.
BENTUK_NOMOR = [NOMOR, "081234567890", "81234567890", "0812 3456 7890", NOMOR_KIM, "081350001234", "0813 5000 1234"]


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def _terbit(cast, **fields):
    return make_potensi(cast, status=Status.TERBIT, **fields)


def _katalog_bernomor(cast):
    """An item whose producer consented to their number, and one whose button goes to the KIM's public number."""
    Kim.objects.filter(pk=cast.kim_a.pk).update(telepon_kontak="0813 5000 1234", kontak_publik=True)
    setuju = _terbit(
        cast,
        nama="Madu kelulut",
        wa_produsen=NOMOR,
        wa_setuju_pada="2026-01-10",
        wa_setuju_dicatat_oleh=cast.anggota,
        harga_min=80000,
        harga_max=120000,
        satuan="botol",
    )
    lewat_kim = _terbit(cast, nama="Anyaman purun", wa_produsen=NOMOR, jenis=jenis("kerajinan"))
    return setuju, lewat_kim


def _tanpa_nomor(teks: str) -> None:
    for bentuk in BENTUK_NOMOR:
        assert bentuk not in teks, bentuk


def test_no_phone_number_leaves_through_the_api_or_any_download(client, cast):
    """GIVEN a producer who consented to their number, and an item whose button goes to the KIM's public number
    WHEN the catalogue is read through the API (list and item) and downloaded as CSV, XLSX and GeoJSON
    THEN neither number appears anywhere, in any writing; the item's contact is a link to its page's button."""
    from openpyxl import load_workbook

    setuju, lewat_kim = _katalog_bernomor(cast)

    daftar = client.get("/api/v1/potensi").content.decode()
    satu = client.get(f"/api/v1/potensi/{setuju.pk}").content.decode()
    csv_teks = b"".join(client.get("/potensi/unduh.csv").streaming_content).decode()
    geo = b"".join(client.get("/potensi/unduh.geojson").streaming_content).decode()
    buku = load_workbook(io.BytesIO(client.get("/potensi/unduh.xlsx").content))
    xlsx_teks = " ".join(str(c.value) for ws in buku for baris in ws.iter_rows() for c in baris if c.value is not None)

    for teks in (daftar, satu, csv_teks, geo, xlsx_teks):
        _tanpa_nomor(teks)
    assert "wa.me" not in daftar + satu + csv_teks + geo + xlsx_teks
    assert json.loads(satu)["kontak_url"] == f"http://testserver{setuju.get_absolute_url()}#kontak"
    lewat = client.get(f"/api/v1/potensi/{lewat_kim.pk}").json()  # the KIM's number is no more shown
    assert lewat["kontak_url"] == f"http://testserver{lewat_kim.get_absolute_url()}#kontak"
    # The page the link points at has the button there.
    assert 'id="kontak"' in client.get(setuju.get_absolute_url()).content.decode()


def test_an_item_without_a_chat_button_has_no_contact_link(client, cast):
    p = _terbit(cast, wa_produsen=NOMOR)  # no consent, and the KIM publishes no contact
    assert client.get(f"/api/v1/potensi/{p.pk}").json()["kontak_url"] is None


def test_api_list_matches_its_schema_and_pages_like_the_other_lists(client, cast, spec):
    for i in range(5):
        _terbit(cast, nama=f"Produk {i}", dikonfirmasi_pada=timezone.now() - timedelta(days=i))

    response = client.get("/api/v1/potensi", {"limit": 2, "offset": 1})

    cocok_openapi(spec, "/api/v1/potensi", response)
    data = response.json()
    assert data["count"] == 5
    assert [p["nama"] for p in data["items"]] == ["Produk 1", "Produk 2"]
    assert data["items"][0]["url"].startswith("http://testserver/potensi/")


def test_api_item_matches_its_schema_with_its_description_and_price(client, cast, spec):
    p = _terbit(cast, harga_min=25000, harga_max=40000, satuan="kg", bulan=0b000011110000, deskripsi="Gula **aren** cetak.")

    response = client.get(f"/api/v1/potensi/{p.pk}")

    cocok_openapi(spec, "/api/v1/potensi/{id}", response)
    d = response.json()
    assert d["teks_harga"] == "Rp25.000–Rp40.000 / kg"
    assert d["bulan"] == [5, 6, 7, 8] and d["teks_bulan"] == "Mei–Agustus"
    assert "<strong>aren</strong>" in d["deskripsi_html"]
    assert d["wilayah_kode"] == DESA_A and d["kim"] == cast.kim_a.nama


def test_api_gives_only_what_the_public_catalogue_shows(client, cast):
    draf = make_potensi(cast)
    diajukan = make_potensi(cast, status=Status.DIAJUKAN)
    basi = _terbit(cast, dikonfirmasi_pada=timezone.now() - timedelta(days=400))  # past the grace month

    assert client.get("/api/v1/potensi").json()["count"] == 0
    for p in (draf, diajukan, basi):
        assert client.get(f"/api/v1/potensi/{p.pk}").status_code == 404


def test_api_filters_as_the_page_does(client, cast):
    _terbit(cast, nama="Gula aren", bulan=1 << 4)  # May only
    _terbit(cast, nama="Purun", jenis=jenis("kerajinan"))
    _terbit(cast, nama="Ikan saluang", wilayah_id=DESA_B, kim=cast.kim_b)
    nama = lambda **q: sorted(p["nama"] for p in client.get("/api/v1/potensi", q).json()["items"])  # noqa: E731

    assert nama(jenis="kerajinan") == ["Purun"]
    assert nama(desa=DESA_B) == ["Ikan saluang"]
    assert nama(kecamatan=DESA_A.rsplit(".", 1)[0]) == ["Gula aren", "Purun"]
    assert nama(q="saluang") == ["Ikan saluang"]
    assert nama(desa="63.05.01.9999") == []  # an unknown village is no filter to drop
    with time_machine.travel("2026-05-10 10:00 +08:00", tick=False):
        assert nama(bulan_ini=True) == ["Gula aren", "Ikan saluang", "Purun"]
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        assert nama(bulan_ini=True) == ["Ikan saluang", "Purun"]
    assert client.get("/api/v1/potensi", {"kecamatan": "bukan kode"}).status_code == 422


def test_a_private_home_is_its_village_centre_in_the_api_and_geojson(client, cast):
    from wilayah.models import Wilayah

    desa = Wilayah.objects.get(pk=DESA_A)
    rumah = _terbit(cast, nama="Kue rumahan", lat=-2.9, lng=115.1, lokasi_publik=False)
    tempat = _terbit(cast, nama="Wisata sungai", lat=-2.95, lng=115.12, lokasi_publik=True)

    api = client.get(f"/api/v1/potensi/{rumah.pk}").json()
    assert (api["lat"], api["lng"], api["titik_tepat"]) == (desa.lat, desa.lng, False)

    response = client.get("/potensi/unduh.geojson")
    assert response["Content-Type"] == "application/geo+json"
    geo = json.loads(b"".join(response.streaming_content))
    assert geo["type"] == "FeatureCollection"
    titik = {f["properties"]["nama"]: f["geometry"] for f in geo["features"]}
    assert titik["Kue rumahan"] == {"type": "Point", "coordinates": [desa.lng, desa.lat]}
    assert titik["Wisata sungai"] == {"type": "Point", "coordinates": [115.12, -2.95]}
    assert "lat" not in geo["features"][0]["properties"]
    assert tempat.pk in {f["id"] for f in geo["features"]}


def test_csv_and_xlsx_hold_the_filtered_catalogue_with_indonesian_headings(client, cast):
    from openpyxl import load_workbook

    _terbit(cast, nama="Gula aren", harga_min=25000, harga_max=40000, satuan="kg")
    _terbit(cast, nama="Ikan saluang", wilayah_id=DESA_B, kim=cast.kim_b)

    response = client.get("/potensi/unduh.csv", {"desa": DESA_A})
    assert 'attachment; filename="potensi-desa-' in response["Content-Disposition"]
    baris = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert baris[0][:3] == ["ID", "Nama", "Jenis"]
    assert len(baris) == 2 and baris[1][1] == "Gula aren"
    rekam = dict(zip(baris[0], baris[1], strict=True))
    assert rekam["Harga"] == "Rp25.000–Rp40.000 / kg" and rekam["Tersedia"] == "Sepanjang tahun"
    assert rekam["Titik"] == "pusat desa"

    ws = load_workbook(io.BytesIO(client.get("/potensi/unduh.xlsx").content)).active
    nilai = [[c.value for c in r] for r in ws.iter_rows()]
    assert nilai[1][:2] == ["ID", "Nama"]
    assert sorted(r[1] for r in nilai[2:]) == ["Gula aren", "Ikan saluang"]


def test_the_catalogue_page_links_its_downloads_with_its_filters(client, cast):
    html = client.get("/potensi/", {"jenis": "kuliner"}).content.decode()
    assert 'href="/potensi/unduh.csv?jenis=kuliner"' in html
    assert 'href="/potensi/unduh.geojson?jenis=kuliner"' in html


def test_downloads_query_a_constant_number_of_times(client, cast, django_assert_max_num_queries):
    for i in range(30):
        _terbit(cast, nama=f"Produk {i}")
    with django_assert_max_num_queries(4):
        b"".join(client.get("/potensi/unduh.csv").streaming_content)
    with django_assert_max_num_queries(4):
        client.get("/api/v1/potensi", {"limit": 50})


def _unduh(client, fmt: str, **headers) -> tuple[bytes, dict[str, str]]:
    response = client.get(f"/potensi/unduh.{fmt}", **headers)
    assert response.status_code == 200
    isi = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip":
        isi = gzip.decompress(isi)
    elif response.get("Content-Encoding") == "br":
        isi = brotli.decompress(isi)
    return isi, {k: response[k] for k in ("Content-Type", "Content-Disposition")}


@pytest.mark.parametrize("fmt", ["csv", "geojson", "xlsx"])
def test_a_second_download_of_the_whole_catalogue_is_the_kept_file_without_a_query(client, cast, fmt, django_assert_num_queries):
    """GIVEN a published catalogue downloaded once
    WHEN the same file is downloaded again, by a browser taking gzip and by one that does not
    THEN no query reads the items, and the file and its type and name are those of the first download."""
    for i in range(3):
        _terbit(cast, nama=f"Produk {i}")
    pertama = _unduh(client, fmt)
    assert b"Produk 2" in (pertama[0] if fmt != "xlsx" else _teks_xlsx(pertama[0]))
    with django_assert_num_queries(0):
        kedua = _unduh(client, fmt)
    with django_assert_num_queries(0):
        ketiga = _unduh(client, fmt, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert kedua == pertama == ketiga


def test_a_filtered_download_is_computed_each_time(client, cast, django_assert_max_num_queries):
    _terbit(cast, nama="Gula aren")
    b"".join(client.get("/potensi/unduh.csv", {"jenis": "pertanian"}).streaming_content)
    with django_assert_max_num_queries(4) as q:
        isi = b"".join(client.get("/potensi/unduh.csv", {"jenis": "pertanian"}).streaming_content)
    assert "Gula aren" in isi.decode() and any("potensi_potensi" in s["sql"] for s in q.captured_queries)


def _teks_xlsx(isi: bytes) -> bytes:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(isi)).active
    return "\n".join(str(c) for baris in ws.iter_rows(values_only=True) for c in baris).encode()


def _nama_di(client, fmt: str) -> set[str]:
    isi, _ = _unduh(client, fmt)
    if fmt == "geojson":
        return {f["properties"]["nama"] for f in json.loads(isi)["features"]}
    if fmt == "xlsx":
        from openpyxl import load_workbook

        return {r[1] for r in list(load_workbook(io.BytesIO(isi)).active.iter_rows(values_only=True))[2:]}
    return {r["Nama"] for r in csv.DictReader(io.StringIO(isi.decode("utf-8-sig")))}


@pytest.mark.parametrize("fmt", ["csv", "geojson", "xlsx"])
def test_publishing_editing_and_deleting_an_item_shows_in_the_next_download(client, cast, fmt):
    """GIVEN the whole catalogue downloaded (and so kept)
    WHEN an item is approved, a published one edited, and one deleted
    THEN each next download has the change."""
    lama = _terbit(cast, nama="Gula aren")
    baru = make_potensi(cast, nama="Madu kelulut", status=Status.DIAJUKAN)
    assert _nama_di(client, fmt) == {"Gula aren"}
    baru.setujui(oleh=cast.editor, versi=baru.versi)
    assert _nama_di(client, fmt) == {"Gula aren", "Madu kelulut"}
    lama.nama = "Gula aren cetak"
    lama.simpan_perubahan(oleh=cast.editor, versi=lama.versi, alasan_perubahan="Nama lebih jelas")
    assert _nama_di(client, fmt) == {"Gula aren cetak", "Madu kelulut"}
    baru.delete()
    assert _nama_di(client, fmt) == {"Gula aren cetak"}


def test_an_item_that_goes_stale_leaves_the_kept_download_at_its_hour(client, cast):
    """No change bumps the generation when an unconfirmed item passes its grace month: the kept file knows
    when its first item does."""
    sekarang = timezone.now()
    with time_machine.travel(sekarang, tick=False):
        _terbit(cast, nama="Gula aren", dikonfirmasi_pada=sekarang - timedelta(days=395) + timedelta(hours=1))
        _terbit(cast, nama="Madu kelulut")
        assert _nama_di(client, "csv") == {"Gula aren", "Madu kelulut"}
        assert _nama_di(client, "csv") == {"Gula aren", "Madu kelulut"}
    with time_machine.travel(sekarang + timedelta(hours=2), tick=False):
        assert _nama_di(client, "csv") == {"Madu kelulut"}


def test_a_download_too_big_to_keep_is_sent_whole_and_not_held(client, cast, monkeypatch):
    """Past MAKS_SIMPAN the streamed file stops being gathered for the cache (each first download would
    otherwise hold its whole copy in memory): the visitor still gets all of it, and the next download is
    computed again from the items."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from potensi import ekspor

    for i in range(3):
        _terbit(cast, nama=f"Produk {i}")
    monkeypatch.setattr(ekspor, "MAKS_SIMPAN", 0)
    dipadatkan = []
    asli = ekspor.zlib.compressobj

    class Hitung:
        def __init__(self, *args):
            self.z = asli(*args)

        def compress(self, b):
            dipadatkan.append(len(b))
            return self.z.compress(b)

        def flush(self):
            return self.z.flush()

    monkeypatch.setattr(ekspor.zlib, "compressobj", Hitung)
    isi, _ = _unduh(client, "csv")
    assert b"Produk 0" in isi and b"Produk 2" in isi
    assert sum(dipadatkan) < len(isi)  # gathering stopped part-way
    with CaptureQueriesContext(connection) as kueri:
        lagi, _ = _unduh(client, "csv")
    assert lagi == isi and any("potensi_potensi" in q["sql"] for q in kueri.captured_queries)
