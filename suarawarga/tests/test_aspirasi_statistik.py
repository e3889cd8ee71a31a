"""Statistics per kecamatan and topic: counts, overdue ones and the median working days to an answer."""

import random
import statistics
from datetime import date, timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from jembatan.test import DESA_A, DESA_B
from suarawarga.models import BELUM_DITERUSKAN, Aspirasi, StatusAspirasi, TopikAspirasi, Tujuan
from suarawarga.statistik import statistik_aspirasi
from suarawarga.tests.bantu import make_aspirasi
from wilayah.models import Level, Wilayah

pytestmark = pytest.mark.django_db


def _dijawab(cast, hari: str, **fields):
    """An aspiration received Monday 4 May 2026, answered (followed up) on `hari`."""
    with time_machine.travel("2026-05-04 09:00 +08:00", tick=True):
        a = make_aspirasi(**fields)
        a.verifikasi(oleh=cast.editor)
        a.teruskan(oleh=cast.pemdes, tujuan=Tujuan.DESA)
    with time_machine.travel(f"{hari} 09:00 +08:00", tick=True):
        a.tindak_lanjuti(oleh=cast.pemdes, catatan="Sudah.")
    return a


def test_counts_and_median_working_days_per_kecamatan_and_topic(client, cast):
    # 4 May (Mon) → 6 May: 2 working days; → 8 May: 4; → 12 May: 6 (11, 12 after the weekend); across Ascension
    # (14 May) and its cuti bersama (15 May) → 18 May: 8 working days.
    _dijawab(cast, "2026-05-06")
    _dijawab(cast, "2026-05-08")
    _dijawab(cast, "2026-05-18", topik=TopikAspirasi.KESEHATAN)
    _dijawab(cast, "2026-05-12", wilayah_id=DESA_B)
    with time_machine.travel("2026-05-04 09:00 +08:00", tick=True):
        terlambat = make_aspirasi(wilayah_id=DESA_B)
        gabung = make_aspirasi(wilayah_id=DESA_B)
    gabung.gabung_ke(terlambat, oleh=cast.admin)  # counted on the one it joined, not twice
    with time_machine.travel("2026-06-01 09:00 +08:00", tick=True):
        kecamatan, topik, total = statistik_aspirasi()
        page = client.get("/aspirasi/statistik/").content.decode()
    assert [(b.nama, b.jumlah, b.terlambat, b.median_hari) for b in kecamatan] == [
        ("Binuang", 3, 0, 4),
        ("Tapin Tengah", 2, 1, 6),
    ]
    assert {b.kode: (b.jumlah, b.median_hari) for b in topik} == {"infrastruktur": (4, 4), "kesehatan": (1, 8)}
    assert (total.jumlah, total.selesai, total.terlambat, total.median_hari) == (5, 0, 1, 5)
    assert "Tapin Tengah" in page and '<td class="angka">6</td>' in page


def test_the_stored_kecamatan_follows_a_change_of_village():
    """GIVEN an aspiration of a village in Binuang
    WHEN its village is changed to one in Tapin Tengah, by a full save or one naming only the village
    THEN the kecamatan the statistics group by follows it."""
    a = make_aspirasi()
    assert Aspirasi.objects.get(pk=a.pk).kecamatan_id == "63.05.01"
    a.wilayah = Wilayah.objects.get(kode=DESA_B)
    a.save()
    assert Aspirasi.objects.get(pk=a.pk).kecamatan_id == "63.05.03"
    a.wilayah_id = DESA_A
    a.save(update_fields=["wilayah"])
    assert Aspirasi.objects.get(pk=a.pk).kecamatan_id == "63.05.01"


def test_the_migration_gives_existing_aspirations_their_kecamatan():
    a, b = make_aspirasi(), make_aspirasi(wilayah_id=DESA_B)
    Aspirasi.objects.update(kecamatan=None)
    import_module("suarawarga.migrations.0004_aspirasi_kecamatan").isi_kecamatan(apps, None)
    assert dict(Aspirasi.objects.filter(pk__in=[a.pk, b.pk]).values_list("pk", "kecamatan_id")) == {
        a.pk: "63.05.01",
        b.pk: "63.05.03",
    }


def _dihitung_satu_satu(hari_ini: date) -> tuple[dict, dict, tuple]:
    """The statistics counted aspiration by aspiration in Python, through each one's village and its parent."""
    kecamatan: dict[str, list] = {}
    topik: dict[str, list] = {}
    semua: list = [0, 0, 0, []]
    for a in Aspirasi.objects.exclude(status=StatusAspirasi.DIGABUNG).select_related("wilayah"):
        terlambat = (a.status in BELUM_DITERUSKAN and a.batas_teruskan < hari_ini) or (
            a.status == StatusAspirasi.DITERUSKAN and a.batas_tindak_lanjut is not None and a.batas_tindak_lanjut < hari_ini
        )
        for b in (kecamatan.setdefault(str(a.wilayah.parent_id), [0, 0, 0, []]), topik.setdefault(a.topik, [0, 0, 0, []]), semua):
            b[0] += 1
            b[1] += a.status in (StatusAspirasi.SELESAI, StatusAspirasi.DITOLAK)
            b[2] += terlambat
            if a.hari_jawab is not None:
                b[3].append(a.hari_jawab)

    def ringkas(b: list) -> tuple:
        return (b[0], b[1], b[2], statistics.median(b[3]) if b[3] else None)

    return {k: ringkas(b) for k, b in kecamatan.items()}, {k: ringkas(b) for k, b in topik.items()}, ringkas(semua)


def test_statistics_equal_counting_each_aspiration_on_a_random_sample():
    """GIVEN 80 aspirations across villages of several kecamatan, in every status, some past their deadlines,
    some answered after a number of working days
    WHEN the statistics are counted
    THEN every count and median equals the one counted aspiration by aspiration through each village's parent."""
    rng = random.Random(12)
    desa = list(Wilayah.objects.filter(level=Level.DESA).order_by("kode")[:8]) + list(
        Wilayah.objects.filter(kode__in=[DESA_A, DESA_B])
    )
    assert len({d.parent_id for d in desa}) >= 2
    hari_ini = timezone.localdate()
    for i in range(80):
        status = rng.choice(StatusAspirasi.values)
        Aspirasi.objects.create(
            kode=f"ASP-TEST-{i:04d}",
            topik=rng.choice(TopikAspirasi.values),
            isi="Lampu jalan mati.",
            wilayah=rng.choice(desa),
            status=status,
            hari_jawab=rng.choice([None, rng.randint(1, 15)]),
            batas_teruskan=hari_ini + timedelta(days=rng.randint(-5, 5)),
            batas_tindak_lanjut=rng.choice([None, hari_ini + timedelta(days=rng.randint(-5, 5))]),
        )
    kecamatan, topik, total = statistik_aspirasi()
    harapan_kecamatan, harapan_topik, harapan_total = _dihitung_satu_satu(hari_ini)
    assert {b.kode: (b.jumlah, b.selesai, b.terlambat, b.median_hari) for b in kecamatan} == harapan_kecamatan
    assert {b.kode: (b.jumlah, b.selesai, b.terlambat, b.median_hari) for b in topik} == harapan_topik
    assert (total.jumlah, total.selesai, total.terlambat, total.median_hari) == harapan_total
    assert [b.nama for b in kecamatan] == sorted(b.nama for b in kecamatan)
