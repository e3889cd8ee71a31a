"""Statistics per kecamatan and topic: counts, overdue ones and the median working days to an answer."""

import pytest
import time_machine

from jembatan.test import DESA_B
from suarawarga.models import TopikAspirasi, Tujuan
from suarawarga.statistik import statistik_aspirasi
from suarawarga.tests.bantu import make_aspirasi

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
