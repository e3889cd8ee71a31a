"""Grouping: the desk is shown the running aspirations of the same village that say much the same, and merging
them counts their supporters on one item."""

import pytest

from jembatan.test import DESA_A, DESA_B
from suarawarga.models import Aspirasi, StatusAspirasi, kata_inti, kemiripan
from suarawarga.tests.bantu import make_aspirasi

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b", "serupa"),
    [
        ("jalan rusak di RT 3", "Jalan di RT 3 rusak berlubang sejak musim hujan", True),
        ("Jalan RT 3 rusak parah, mohon diperbaiki", "jalan rusak di RT 3", True),
        # Another RT is another place.
        ("jalan rusak di RT 3", "jalan rusak di RT 5", False),
        ("jalan rusak di RT 3", "Air bersih di RT 3 mati tiga hari seminggu", False),
        ("", "jalan rusak", False),
    ],
)
def test_what_counts_as_alike(a, b, serupa):
    assert (kemiripan(kata_inti(a), kata_inti(b)) >= 0.5) is serupa


def test_forty_times_the_same_road_becomes_one_item_with_forty_supporters(client, cast):
    """GIVEN "jalan rusak di RT 3" sent 40 times from village A, a different complaint of A, and the same text
    from village B WHEN the desk merges each copy into the suggestion its page shows THEN one public item of A
    carries 40 supporters; the other complaint and village B's copy are never suggested."""
    pertama = make_aspirasi(isi="Jalan rusak di RT 3, berlubang besar.", boleh_publik=True)
    salinan = [make_aspirasi(isi="jalan rusak di RT 3", boleh_publik=True) for _i in range(39)]
    lain = make_aspirasi(isi="Air bersih di RT 5 mati tiga hari seminggu.")
    desa_b = make_aspirasi(isi="jalan rusak di RT 3", wilayah_id=DESA_B)
    client.force_login(cast.pemdes)
    for a in salinan:
        saran = client.get(f"/kelola/aspirasi/{a.pk}/").context["serupa"]
        kode = {s.kode for s, _n in saran}
        assert lain.kode not in kode and desa_b.kode not in kode
        # The item that already gathered supporters comes first.
        induk = saran[0][0]
        response = client.post(f"/kelola/aspirasi/{a.pk}/", {"langkah": "gabung", "induk": induk.kode})
        assert response.status_code == 302
    terbuka = Aspirasi.objects.filter(wilayah_id=DESA_A, status=StatusAspirasi.DITERIMA)
    assert sorted(terbuka.values_list("jumlah_pendukung", flat=True)) == [1, 40]
    assert terbuka.get(jumlah_pendukung=40).pk in {pertama.pk, *(a.pk for a in salinan)}
    html = client.get("/aspirasi/").content.decode()
    assert html.count("jalan rusak di RT 3") + html.count("Jalan rusak di RT 3") == 1


def test_the_desk_says_when_nothing_alike_is_running(client, cast):
    a = make_aspirasi(isi="Lampu jalan di depan masjid mati sejak seminggu.")
    client.force_login(cast.pemdes)
    response = client.get(f"/kelola/aspirasi/{a.pk}/")
    assert response.context["serupa"] == [] and "Tidak ada aspirasi berjalan yang mirip" in response.content.decode()
