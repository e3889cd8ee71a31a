"""Coverage: how many villages have a KIM at each stage, per kecamatan or per kabupaten.

Each function runs a fixed number of queries whatever the number of villages: the counting
is one GROUP BY in the database.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet

from kim.models import TAHAP_TANPA_KIM, TAHAP_TERCAKUP, Kim, RiwayatTahap, Tahap, TargetCakupan
from wilayah.models import Level, Tipe, Wilayah

TAHAP_URUT = list(Tahap.values)


@dataclass
class Baris:
    """Coverage of one area (a kecamatan, a kabupaten, or the total)."""

    kode: str
    nama: str
    jumlah_desa: int = 0
    jumlah_kelurahan: int = 0
    per_tahap: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TAHAP_URUT, 0))

    @property
    def jumlah_wilayah(self) -> int:
        return sum(self.per_tahap.values())

    @property
    def tercakup(self) -> int:
        return sum(self.per_tahap[t] for t in TAHAP_TERCAKUP)

    @property
    def tanpa_kim(self) -> int:
        """Villages with no KIM (none on record, not begun, or dissolved): the same rule as `desa_tanpa_kim`."""
        return sum(self.per_tahap[t] for t in TAHAP_TANPA_KIM)

    @property
    def dalam_pembentukan(self) -> int:
        return self.jumlah_wilayah - self.tercakup - self.tanpa_kim - self.per_tahap[Tahap.TIDAK_AKTIF]

    @property
    def persen(self) -> float:
        return round(100 * self.tercakup / self.jumlah_wilayah, 1) if self.jumlah_wilayah else 0.0

    @property
    def tahap_list(self) -> list[int]:
        return [self.per_tahap[t] for t in TAHAP_URUT]

    def tambah(self, other: Baris) -> None:
        self.jumlah_desa += other.jumlah_desa
        self.jumlah_kelurahan += other.jumlah_kelurahan
        for t, n in other.per_tahap.items():
            self.per_tahap[t] += n

    def as_dict(self) -> dict:
        return {
            "kode": self.kode,
            "nama": self.nama,
            "jumlah_wilayah": self.jumlah_wilayah,
            "jumlah_desa": self.jumlah_desa,
            "jumlah_kelurahan": self.jumlah_kelurahan,
            "per_tahap": dict(self.per_tahap),
            "tercakup": self.tercakup,
            "tanpa_kim": self.tanpa_kim,
            "persen_tercakup": self.persen,
        }


@dataclass
class Cakupan:
    wilayah: Wilayah
    baris: list[Baris]
    total: Baris


def _hitung(desa_qs, group: str) -> dict[str, Baris]:
    """One GROUP BY over villages × (their KIM's stage) × village type."""
    rows = desa_qs.values(grup=F(group), tahap=F("kim__tahap"), jenis=F("tipe")).annotate(n=Count("kode")).order_by()
    result: dict[str, Baris] = {}
    for row in rows:
        baris = result.setdefault(row["grup"], Baris(kode=row["grup"], nama=""))
        baris.per_tahap[row["tahap"] or Tahap.BELUM_ADA] += row["n"]
        if row["jenis"] == Tipe.KELURAHAN:
            baris.jumlah_kelurahan += row["n"]
        else:
            baris.jumlah_desa += row["n"]
    return result


def cakupan(wilayah: Wilayah) -> Cakupan:
    """Coverage of a kabupaten (rows per kecamatan), a kecamatan (one row), a province
    (rows per kabupaten) or Indonesia when `wilayah` is None-like (see cakupan_nasional)."""
    desa = Wilayah.objects.filter(level=Level.DESA, berlaku=True)
    if wilayah.level == Level.KABUPATEN:
        desa, group, child_level, parent_field = (
            desa.filter(kabupaten_kode=wilayah.kode),
            "parent_id",
            Level.KECAMATAN,
            "parent_id",
        )
    elif wilayah.level == Level.KECAMATAN:
        desa, group, child_level, parent_field = desa.filter(parent_id=wilayah.kode), "parent_id", Level.KECAMATAN, "kode"
    elif wilayah.level == Level.PROVINSI:
        desa, group, child_level, parent_field = (
            desa.filter(provinsi_kode=wilayah.kode),
            "kabupaten_kode",
            Level.KABUPATEN,
            "parent_id",
        )
    else:
        raise ValueError("cakupan dihitung untuk provinsi, kabupaten/kota atau kecamatan")
    counts = _hitung(desa, group)
    children = Wilayah.objects.filter(level=child_level, berlaku=True, **{parent_field: wilayah.kode}).values_list("kode", "nama")
    baris = []
    for kode, nama in children:
        row = counts.get(kode) or Baris(kode=kode, nama=nama)
        row.nama = nama
        baris.append(row)
    total = Baris(kode=wilayah.kode, nama=wilayah.nama)
    for row in baris:
        total.tambah(row)
    return Cakupan(wilayah=wilayah, baris=baris, total=total)


def cakupan_nasional() -> list[Baris]:
    """Coverage of every kabupaten/kota of Indonesia: one GROUP BY plus the names."""
    counts = _hitung(Wilayah.objects.filter(level=Level.DESA, berlaku=True), "kabupaten_kode")
    names = dict(Wilayah.objects.filter(level=Level.KABUPATEN).values_list("kode", "nama"))
    for kode, row in counts.items():
        row.nama = names.get(kode, kode)
    return sorted(counts.values(), key=lambda r: r.kode)


def desa_tanpa_kim(wilayah: Wilayah):
    """Villages with no KIM yet (no record, not yet begun, or dissolved), by kecamatan."""
    qs = Wilayah.objects.filter(level=Level.DESA, berlaku=True)
    qs = qs.filter(kabupaten_kode=wilayah.kode) if wilayah.level == Level.KABUPATEN else qs.filter(parent_id=wilayah.kode)
    return (
        qs.filter(Q(kim__isnull=True) | Q(kim__tahap__in=TAHAP_TANPA_KIM))
        .select_related("parent")
        .order_by("parent__nama", "nama")
    )


# Which KIM need accompaniment ("perlu pendampingan": dormant, no activity reported for a while). `kim` does not
# know what a KIM does (its activities live in a module above it), so that module registers the one query that
# decides it: `fn(kabupaten, hari_ini)` returns the dormant KIM of the kabupaten. None: nobody records activities.
_PERLU_PENDAMPINGAN: Callable[[Wilayah, date], QuerySet[Kim]] | None = None


def daftarkan_perlu_pendampingan(fn: Callable[[Wilayah, date], QuerySet[Kim]] | None) -> None:
    global _PERLU_PENDAMPINGAN
    _PERLU_PENDAMPINGAN = fn


def perlu_pendampingan(kabupaten: Wilayah, hari_ini: date) -> list[Kim]:
    """The KIM of the kabupaten that need accompaniment, by kecamatan and name (one query, none when no module
    registered the rule)."""
    if _PERLU_PENDAMPINGAN is None:
        return []
    qs = _PERLU_PENDAMPINGAN(kabupaten, hari_ini).select_related("wilayah__parent")
    return list(qs.order_by("wilayah__parent__nama", "wilayah__nama", "pk"))


@dataclass
class TitikProgres:
    bulan: date  # last day of the month
    tercakup: int


@dataclass
class Progres:
    tahun: int
    titik: list[TitikProgres]
    target: TargetCakupan | None
    jumlah_wilayah: int

    @property
    def persen_target(self) -> float | None:
        if not self.target or not self.titik:
            return None
        return round(100 * self.titik[-1].tercakup / self.target.jumlah_desa, 1) if self.target.jumlah_desa else None


def progres_tahunan(kabupaten: Wilayah, tahun: int, today: date) -> Progres:
    """Villages with a registered or active KIM at the end of each month of `tahun` (up to
    today), replayed from the pipeline history, against that year's target."""
    steps = list(
        RiwayatTahap.objects.filter(
            kim__wilayah__kabupaten_kode=kabupaten.kode, kim__wilayah__level=Level.DESA, tanggal__lte=date(tahun, 12, 31)
        )
        .order_by("tanggal", "id")
        .values_list("kim_id", "tanggal", "ke")
    )
    month_ends = []
    for m in range(1, 13):
        end = date(tahun, m, calendar.monthrange(tahun, m)[1])
        if date(tahun, m, 1) > today:
            break
        month_ends.append(min(end, today))
    state: dict[int, str] = {}
    by_month: dict[date, int] = defaultdict(int)
    i = 0
    for end in month_ends:
        while i < len(steps) and steps[i][1] <= end:
            state[steps[i][0]] = steps[i][2]
            i += 1
        by_month[end] = sum(1 for t in state.values() if t in TAHAP_TERCAKUP)
    target = TargetCakupan.objects.filter(wilayah=kabupaten, tahun=tahun).first()
    jumlah = Wilayah.objects.filter(kabupaten_kode=kabupaten.kode, level=Level.DESA, berlaku=True).count()
    return Progres(tahun=tahun, titik=[TitikProgres(e, by_month[e]) for e in month_ends], target=target, jumlah_wilayah=jumlah)
