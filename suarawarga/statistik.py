"""Aspirations counted per kecamatan and per topic, with the median working days to an answer."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from django.utils import timezone

from suarawarga.models import Aspirasi, StatusAspirasi, TopikAspirasi
from wilayah.models import HariKhusus


@dataclass
class Baris:
    kode: str
    nama: str
    jumlah: int = 0
    selesai: int = 0
    terlambat: int = 0
    hari: list[int] = field(default_factory=list, repr=False)

    @property
    def median_hari(self) -> float | None:
        """Median working days from arrival to the answer (follow-up, or refusal), of those answered."""
        return statistics.median(self.hari) if self.hari else None


def statistik_aspirasi(qs=None) -> tuple[list[Baris], list[Baris], Baris]:
    """(per kecamatan, per topic, the total) over `qs` (every aspiration not merged into another, by default).

    An answer is the follow-up, or a refusal; merged aspirations count on the one they joined (its supporters)."""
    qs = (qs if qs is not None else Aspirasi.objects.all()).exclude(status=StatusAspirasi.DIGABUNG)
    kalender = HariKhusus.objects.kalender()
    hari_ini = timezone.localdate()
    kecamatan: dict[str, Baris] = {}
    topik = {v: Baris(v, str(label)) for v, label in TopikAspirasi.choices}
    total = Baris("", "")
    for a in qs.select_related("wilayah__parent"):
        kec = a.wilayah.parent
        baris_kec = kecamatan.setdefault(kec.kode, Baris(kec.kode, kec.nama)) if kec else None
        akhir = a.ditindaklanjuti_pada or (a.selesai_pada if a.status == StatusAspirasi.DITOLAK else None)
        hari = kalender.working_days_between(timezone.localdate(a.diterima_pada), timezone.localdate(akhir)) if akhir else None
        for b in (baris_kec, topik.get(a.topik), total):
            if b is None:
                continue
            b.jumlah += 1
            b.selesai += a.status in (StatusAspirasi.SELESAI, StatusAspirasi.DITOLAK)
            b.terlambat += a.terlambat(hari_ini)
            if hari is not None:
                b.hari.append(hari)
    return sorted(kecamatan.values(), key=lambda b: b.nama), [b for b in topik.values() if b.jumlah], total
