"""The figures of the Laporan Layanan Informasi Publik (Perki 1/2021 Ps. 56) for one badan publik and year,
counted from its registers: requests received and how they were decided, refusals by Ps. 17 ground, the
average and longest time to answer, objections and disputes. A handful of aggregate queries, whatever the
number of requests."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Max, Q, QuerySet

from ppid.models import (
    KEPUTUSAN_MENGECUALIKAN,
    AlasanKeberatan,
    AlasanPengecualian,
    Keberatan,
    Keputusan,
    KeputusanAtasan,
    LaporanTahunan,
    Permohonan,
    TahapSengketa,
)
from wilayah.models import Wilayah


@dataclass
class Rincian:
    """Requests of the year: each decision with its count (in the order of `Keputusan`), and the clock."""

    diterima: int = 0
    diproses: int = 0
    keputusan: list[tuple[str, int]] = field(default_factory=list)
    pengecualian: list[tuple[str, int]] = field(default_factory=list)
    rata_rata_hari: float | None = None
    terlama_hari: int | None = None
    tepat_waktu: int = 0
    terlambat: int = 0
    diperpanjang: int = 0
    dibantu_kim: int = 0


@dataclass
class RincianKeberatan:
    diterima: int = 0
    diproses: int = 0
    alasan: list[tuple[str, int]] = field(default_factory=list)
    keputusan: list[tuple[str, int]] = field(default_factory=list)
    sengketa: int = 0
    tahap_sengketa: list[tuple[str, int]] = field(default_factory=list)


def _urut(choices, hitungan: dict[str, int]) -> list[tuple[str, int]]:
    return [(str(label), hitungan.get(value, 0)) for value, label in choices]


def hitung(wilayah: Wilayah, tahun: int) -> tuple[Rincian, RincianKeberatan]:
    """The year's figures: requests received in `tahun`, and objections received in `tahun`."""
    qs = Permohonan.objects.filter(wilayah=wilayah, diterima__year=tahun)
    angka = qs.aggregate(
        diterima=Count("pk"),
        diproses=Count("pk", filter=Q(dijawab__isnull=True)),
        rata=Avg("lama_jawab"),
        terlama=Max("lama_jawab"),
        tepat=Count("pk", filter=Q(dijawab__isnull=False, dijawab__lte=F("batas_jawab"))),
        lambat=Count("pk", filter=Q(dijawab__gt=F("batas_jawab"))),
        panjang=Count("pk", filter=Q(perpanjangan_hari__isnull=False)),
        dibantu=Count("pk", filter=Q(dibantu_oleh__isnull=False)),
    )
    keputusan = dict(qs.exclude(keputusan="").values_list("keputusan").annotate(n=Count("pk")))
    dasar = dict(qs.filter(keputusan__in=KEPUTUSAN_MENGECUALIKAN).values_list("alasan_pengecualian").annotate(n=Count("pk")))
    rincian = Rincian(
        diterima=angka["diterima"],
        diproses=angka["diproses"],
        keputusan=_urut(Keputusan.choices, keputusan),
        pengecualian=[(label, n) for label, n in _urut(AlasanPengecualian.choices, dasar) if n],
        rata_rata_hari=round(angka["rata"], 1) if angka["rata"] is not None else None,
        terlama_hari=angka["terlama"],
        tepat_waktu=angka["tepat"],
        terlambat=angka["lambat"],
        diperpanjang=angka["panjang"],
        dibantu_kim=angka["dibantu"],
    )
    kb = Keberatan.objects.filter(permohonan__wilayah=wilayah, diterima__year=tahun)
    angka = kb.aggregate(
        diterima=Count("pk"),
        diproses=Count("pk", filter=Q(tanggal_tanggapan__isnull=True)),
        sengketa=Count("pk", filter=~Q(nomor_sengketa="")),
    )
    keberatan = RincianKeberatan(
        diterima=angka["diterima"],
        diproses=angka["diproses"],
        alasan=_urut(AlasanKeberatan.choices, dict(kb.values_list("alasan").annotate(n=Count("pk")))),
        keputusan=_urut(KeputusanAtasan.choices, dict(kb.exclude(keputusan="").values_list("keputusan").annotate(n=Count("pk")))),
        sengketa=angka["sengketa"],
        tahap_sengketa=_urut(
            TahapSengketa.choices, dict(kb.exclude(tahap_sengketa="").values_list("tahap_sengketa").annotate(n=Count("pk")))
        ),
    )
    return rincian, keberatan


def belum_menyusun(badan: QuerySet[Wilayah], tahun: int) -> QuerySet[Wilayah]:
    """The badan publik among `badan` that have not produced their report on `tahun`."""
    return badan.exclude(kode__in=LaporanTahunan.objects.filter(tahun=tahun).values("wilayah_id"))
