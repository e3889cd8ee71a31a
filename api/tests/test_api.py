"""The public API, checked against its own OpenAPI document."""

import pytest

from jembatan.test import DESA_A, cocok_openapi, make_kim, make_pengurus

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _check(spec, path_template, response, status=200):
    cocok_openapi(spec, path_template, response, status)


def test_openapi_document_is_valid_and_lists_every_endpoint(spec):
    # Imported here: the validator takes a second to import, which every test worker paid while collecting.
    from openapi_spec_validator import validate as validate_spec

    validate_spec(spec)
    assert {"/api/v1/wilayah/{kode}", "/api/v1/kim", "/api/v1/kim/{kode}", "/api/v1/cakupan/{kode}"} <= set(spec["paths"])


def test_browsable_docs_are_served_without_outside_scripts(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger" in html.lower()
    assert "cdn." not in html and "unpkg" not in html


def test_region_with_its_children(client, spec):
    response = client.get("/api/v1/wilayah/63.05")
    _check(spec, "/api/v1/wilayah/{kode}", response)
    data = response.json()
    assert data["nama"] == "Kabupaten Tapin" and data["induk"]["kode"] == "63"
    assert len(data["anak"]) == 12 and data["anak"][0] == {"kode": "63.05.01", "nama": "Binuang", "tipe": "kecamatan", "level": 3}


def test_unknown_region_is_a_404_with_a_hint(client, spec):
    response = client.get("/api/v1/wilayah/99.99")
    assert response.status_code == 404
    _check(spec, "/api/v1/wilayah/{kode}", response, 404)
    assert "63.05.01" in response.json()["detail"]


def test_kim_list_and_detail_show_public_fields_only(client, spec):
    kim = make_kim(
        DESA_A, "aktif", nama="KIM Tungkap Bersinar", email_kontak="rahasia@uji.example", telepon_kontak="081200000000"
    )
    make_pengurus(kim, "Siti Rahmah", "ketua", telepon="081299998888", nik="6305010101010001")
    make_kim("63.05.03.2001", "sosialisasi")
    listing = client.get("/api/v1/kim", {"kecamatan": "63.05.01"})
    _check(spec, "/api/v1/kim", listing)
    assert [k["nama"] for k in listing.json()["items"]] == ["KIM Tungkap Bersinar"]
    detail = client.get(f"/api/v1/kim/{DESA_A}")
    _check(spec, "/api/v1/kim/{kode}", detail)
    body = detail.content.decode()
    assert detail.json()["pengurus"] == [{"nama": "Siti Rahmah", "jabatan": "ketua", "jabatan_lengkap": "Ketua"}]
    for secret in ["081299998888", "6305010101010001", "rahasia@uji.example", "081200000000"]:
        assert secret not in body


def test_coverage_of_a_kabupaten_and_a_kecamatan(client, spec):
    make_kim(DESA_A, "aktif")
    response = client.get("/api/v1/cakupan/63.05")
    _check(spec, "/api/v1/cakupan/{kode}", response)
    data = response.json()
    assert data["total"]["jumlah_wilayah"] == 135 and data["total"]["tercakup"] == 1
    assert len(data["rincian"]) == 12
    kec = client.get("/api/v1/cakupan/63.05.01").json()
    assert kec["total"]["jumlah_wilayah"] == 11 and kec["total"]["per_tahap"]["aktif"] == 1
    assert client.get("/api/v1/cakupan/63.05.01.2003").status_code == 404


def test_published_news_with_comment_counts(client, spec, cast):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from diskusi.models import Komentar
    from warta.models import Berita

    b = Berita.objects.create(
        judul="Posyandu Tungkap",
        isi="Posyandu **buka** Selasa.",
        kategori="kesehatan",
        wilayah_id=DESA_A,
        kim=cast.kim_a,
        penulis=cast.admin,
        status="terbit",
        terbit_pada=timezone.now(),
        diperiksa_oleh=cast.admin,
    )
    Berita.objects.create(judul="Draf", isi="x", kategori="lainnya", wilayah_id=DESA_A, penulis=cast.admin)
    ct = ContentType.objects.get_for_model(Berita)
    for i, status in enumerate(["tampil", "tampil", "menunggu"]):
        Komentar.objects.create(
            content_type=ct, object_id=b.pk, nama=f"W{i}", isi="ok", status=status, klien="x" * 32, kedalaman=1
        )
    listing = client.get("/api/v1/warta", {"wilayah": "63.05.01"})
    _check(spec, "/api/v1/warta", listing)
    [item] = listing.json()["items"]
    assert item["judul"] == "Posyandu Tungkap" and item["jumlah_komentar"] == 2 and item["kim"] == "KIM Tungkap Bersinar"
    detail = client.get(f"/api/v1/warta/{b.pk}")
    _check(spec, "/api/v1/warta/{id}", detail)
    assert "<strong>buka</strong>" in detail.json()["isi_html"] and detail.json()["diperiksa_oleh"] == cast.admin.nama
    assert client.get("/api/v1/warta/999999").status_code == 404
