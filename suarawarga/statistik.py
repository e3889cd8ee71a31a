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
    Counted by the database in four queries, whatever the number of aspirations: the counts per village and
    topic, how many were answered after how many working days (`Aspirasi.hari_jawab`) per village and per topic,
    and the villages' kecamatan."""
    qs = (qs if qs is not None else Aspirasi.objects.all()).exclude(status=StatusAspirasi.DIGABUNG)
    hari_ini = timezone.localdate()
    terlambat = Q(status__in=BELUM_DITERUSKAN, batas_teruskan__lt=hari_ini) | Q(
        status=StatusAspirasi.DITERUSKAN, batas_tindak_lanjut__lt=hari_ini
    )
    selesai = Q(status__in=[StatusAspirasi.SELESAI, StatusAspirasi.DITOLAK])
    # Grouped by village, not kecamatan: no join with the region table (91,000 rows) in the counting queries.
    hitungan = list(
        qs.values_list("wilayah_id", "topik")
        .annotate(n=Count("id"), selesai=Count("id", filter=selesai), terlambat=Count("id", filter=terlambat))
        .order_by()
    )
    dijawab = qs.filter(hari_jawab__isnull=False)
    sebaran_desa = list(dijawab.values_list("wilayah_id", "hari_jawab").annotate(n=Count("id")).order_by())
    sebaran_topik = list(dijawab.values_list("topik", "hari_jawab").annotate(n=Count("id")).order_by())
    desa = (
        Wilayah.objects.filter(kode__in={k for k, *_r in hitungan})
        .select_related("parent")
        .only("kode", "parent__kode", "parent__nama")
    )
    kecamatan_desa = {d.kode: d.parent for d in desa}
    kecamatan: dict[str, Baris] = {}
    topik = {v: Baris(v, str(label)) for v, label in TopikAspirasi.choices}
    total = Baris("", "")

    def baris_kecamatan(kode_desa: str) -> list[Baris]:
        kec = kecamatan_desa.get(kode_desa)
        return [kecamatan.setdefault(kec.kode, Baris(kec.kode, kec.nama))] if kec else []

    for kode_desa, top, n, jumlah_selesai, jumlah_terlambat in hitungan:
        for b in [total, *baris_kecamatan(kode_desa), *([topik[top]] if top in topik else [])]:
            b.jumlah += n
            b.selesai += jumlah_selesai
            b.terlambat += jumlah_terlambat
    for kode_desa, hari, n in sebaran_desa:
        for b in [total, *baris_kecamatan(kode_desa)]:
            b.sebaran[hari] += n
    for top, hari, n in sebaran_topik:
        if top in topik:
            topik[top].sebaran[hari] += n
    return sorted(kecamatan.values(), key=lambda b: b.nama), [b for b in topik.values() if b.jumlah], total
