"""The list endpoints page in the database: the real total, any offset, and work for one page only."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from jembatan.lib import markup
from jembatan.test import DESA_A, KAB, cocok_openapi

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def _terbitkan(cast, n: int, judul=lambda i: f"Warta {i:03d}") -> list:
    """n published items, item 0 the newest, each with a body the summary must render from Markdown."""
    from warta.cari import pakai_fts, perbarui_vektor
    from warta.models import Berita

    sekarang = timezone.now()
    items = Berita.objects.bulk_create(
        Berita(
            judul=judul(i),
            slug=f"warta-{i}",
            isi=f"Kabar **nomor {i}** dari desa.\n\n- satu\n- dua",
            kategori="kesehatan",
            wilayah_id=DESA_A,
            kim=cast.kim_a,
            penulis=cast.admin,
            status="terbit",
            terbit_pada=sekarang - timedelta(minutes=i + 1),
        )
        for i in range(n)
    )
    if pakai_fts():
        for b in Berita.objects.all():
            perbarui_vektor(b.pk)
    return items


def _ringkasan_dihitung():
    """Patch the Markdown-to-text renderer the summaries use (as warta.models imported it), to count its calls."""
    return mock.patch("warta.models.to_text", wraps=markup.to_text)


def test_warta_list_counts_and_pages_beyond_five_hundred_items(client, cast, spec):
    from django.contrib.contenttypes.models import ContentType

    from diskusi.models import Komentar
    from warta.models import Berita

    _terbitkan(cast, 600)
    ke_595 = Berita.objects.get(judul="Warta 595")
    ct = ContentType.objects.get_for_model(Berita)
    for i in range(3):
        Komentar.objects.create(content_type=ct, object_id=ke_595.pk, nama=f"W{i}", isi="ok", status="tampil", klien="x" * 32)

    response = client.get("/api/v1/warta", {"limit": 10, "offset": 590})

    cocok_openapi(spec, "/api/v1/warta", response)
    data = response.json()
    assert data["count"] == 600
    assert [w["judul"] for w in data["items"]] == [f"Warta {i:03d}" for i in range(590, 600)]
    assert {w["judul"]: w["jumlah_komentar"] for w in data["items"]}["Warta 595"] == 3
    assert data["items"][0]["ringkasan"].startswith("Kabar nomor 590 dari desa.")
    assert client.get("/api/v1/warta", {"limit": 10, "offset": 600}).json() == {"items": [], "count": 600}


def test_warta_list_renders_and_queries_for_the_page_only(client, cast, django_assert_max_num_queries):
    _terbitkan(cast, 600)

    with _ringkasan_dihitung() as to_text, django_assert_max_num_queries(3):
        data = client.get("/api/v1/warta", {"limit": 10}).json()

    assert to_text.call_count == 10
    assert [w["judul"] for w in data["items"]] == [f"Warta {i:03d}" for i in range(10)]


def test_warta_search_counts_and_pages_in_the_database(client, cast, spec, django_assert_max_num_queries):
    _terbitkan(cast, 600, judul=lambda i: f"Posyandu keliling {i:03d}" if i % 20 else f"Pasar murah {i:03d}")
    cocok = [f"Posyandu keliling {i:03d}" for i in range(600) if i % 20]

    with _ringkasan_dihitung() as to_text, django_assert_max_num_queries(3):
        response = client.get("/api/v1/warta", {"q": "posyandu", "limit": 10, "offset": 560})

    cocok_openapi(spec, "/api/v1/warta", response)
    data = response.json()
    assert data["count"] == len(cocok) == 570
    assert [w["judul"] for w in data["items"]] == cocok[560:570]
    assert to_text.call_count == 10


def test_kim_list_counts_and_pages_in_the_database(client, spec, django_assert_max_num_queries):
    from api.views import _kim_ringkas
    from kim.models import Kim
    from wilayah.models import Level, Wilayah

    desa = list(Wilayah.objects.filter(level=Level.DESA, kode__startswith=KAB + ".").order_by("kode")[:40])
    Kim.objects.bulk_create(Kim(wilayah=w, nama=f"KIM {w.nama}", tahap="aktif") for w in desa)

    with mock.patch("api.views._kim_ringkas", wraps=_kim_ringkas) as ringkas, django_assert_max_num_queries(2):
        response = client.get("/api/v1/kim", {"limit": 5, "offset": 35})

    cocok_openapi(spec, "/api/v1/kim", response)
    data = response.json()
    assert data["count"] == 40 and ringkas.call_count == 5
    assert [k["wilayah_kode"] for k in data["items"]] == [w.kode for w in desa[35:]]
    assert data["items"][0]["kecamatan_kode"] == desa[35].kode.rsplit(".", 1)[0]
