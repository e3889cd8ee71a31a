"""Aspirations counted per kecamatan and per topic, with the median working days to an answer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from suarawarga.models import BELUM_DITERUSKAN, Aspirasi, StatusAspirasi, TopikAspirasi
from wilayah.models import Wilayah


def median_sebaran(sebaran: Counter[int]) -> float | None:
    """The median of values given as {value: how many times} (as `statistics.median` of the values listed out)."""
    n = sum(sebaran.values())
    if not n:
        return None

    def ke(i: int) -> int:
        sejauh = 0
        for nilai in sorted(sebaran):
            sejauh += sebaran[nilai]
            if i < sejauh:
                return nilai
        raise IndexError(i)

    return ke(n // 2) if n % 2 else (ke(n // 2 - 1) + ke(n // 2)) / 2


@dataclass
class Baris:
    kode: str
    nama: str
    jumlah: int = 0
    selesai: int = 0
    terlambat: int = 0
    sebaran: Counter[int] = field(default_factory=Counter, repr=False)  # working days to an answer: how many

    @property
    def median_hari(self) -> float | None:
        """Median working days from arrival to the answer (follow-up, or refusal), of those answered."""
        return median_sebaran(self.sebaran)


def statistik_aspirasi(qs=None) -> tuple[list[Baris], list[Baris], Baris]:
    """(per kecamatan, per topic, the total) over `qs` (every aspiration not merged into another, by default).

    An answer is the follow-up, or a refusal; merged aspirations count on the one they joined (its supporters).
    Counted by the database in two queries, whatever the number of aspirations: one pass over the aspirations
    grouped by kecamatan (kept on each aspiration, `Aspirasi.kecamatan`), topic and working days to an answer
    (`Aspirasi.hari_jawab`), a few thousand groups at most, from which every count and median is summed here;
    and the kecamatan's names."""
    qs = (qs if qs is not None else Aspirasi.objects.all()).exclude(status=StatusAspirasi.DIGABUNG)
    hari_ini = timezone.localdate()
    terlambat = Q(status__in=BELUM_DITERUSKAN, batas_teruskan__lt=hari_ini) | Q(
        status=StatusAspirasi.DITERUSKAN, batas_tindak_lanjut__lt=hari_ini
    )
    selesai = Q(status__in=[StatusAspirasi.SELESAI, StatusAspirasi.DITOLAK])
    # Rows counted by `status` (never null), not by id: every column read is in the index suarawarga_aspirasi_statistik,
    # so PostgreSQL answers from the index alone.
    hitungan = list(
        qs.values_list("kecamatan_id", "topik", "hari_jawab")
        .annotate(n=Count("status"), selesai=Count("status", filter=selesai), terlambat=Count("status", filter=terlambat))
        .order_by()
    )
    kecamatan = {
        k.kode: Baris(k.kode, k.nama)
        for k in Wilayah.objects.filter(kode__in={kec for kec, *_r in hitungan if kec}).only("kode", "nama")
    }
    topik = {v: Baris(v, str(label)) for v, label in TopikAspirasi.choices}
    total = Baris("", "")
    for kode_kecamatan, top, hari, n, jumlah_selesai, jumlah_terlambat in hitungan:
        kec = kecamatan.get(kode_kecamatan)
        top_baris = topik.get(top)
        for b in [total, *([kec] if kec else []), *([top_baris] if top_baris else [])]:
            b.jumlah += n
            b.selesai += jumlah_selesai
            b.terlambat += jumlah_terlambat
            if hari is not None:
                b.sebaran[hari] += n
    return sorted(kecamatan.values(), key=lambda b: b.nama), [b for b in topik.values() if b.jumlah], total
