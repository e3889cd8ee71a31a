"""Computing a month's scores, and reading them back for the pages.

The formula, per KIM and month, with the scheme (`Skema`) of that month:
- each weighed indicator's value is min(raw / target, 1) × 100: a KIM that reaches the target gets 100;
- an indicator that does not apply this month (raw None, e.g. no siaran was sent to the KIM) is left out and
  the remaining weights are renormalised, so a KIM is never marked down for what it could not do;
- an axis's score is the weighted mean of its indicators; the total is the weighted mean of all of them, so
  weights that do not add up to 100 are normalised;
- the level is the scheme's level whose range holds the total.
A month already computed is recomputed with the scheme it was computed with, so a scheme added later never
rewrites the past.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import cast

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Field, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.audit import catat
from jembatan.lib.domain import DomainError
from jembatan.lib.pagecache import invalidate
from kim.models import Kim
from penilaian import indikator
from penilaian.models import (
    NilaiIndikator,
    Pengaturan,
    PenilaianAksi,
    Skema,
    SkorBulanan,
    Sumbu,
    awal_bulan,
    tingkat_untuk,
)

# KIM handled per round of queries: the indicators' queries stay bounded whatever the regency's size.
UKURAN_KELOMPOK = 500


@dataclass(frozen=True)
class Baris:
    indikator: str
    sumbu: str
    label: str
    mentah: float | None
    target: float
    bobot: Decimal
    nilai: float | None
    keterangan: str
    bukti: list[dict[str, str]]


def nilai_indikator(mentah: float | None, target: float) -> float | None:
    if mentah is None:
        return None
    return round(min(max(mentah, 0) / target, 1.0) * 100, 2)


def rerata_berbobot(baris: Sequence[Baris]) -> float | None:
    """The weighted mean of the indicators that apply (None when none does, or all weigh nothing)."""
    berlaku = [(float(b.bobot), b.nilai) for b in baris if b.nilai is not None and b.bobot > 0]
    jumlah = sum(w for w, _n in berlaku)
    if not jumlah:
        return None
    return round(sum(w * n for w, n in berlaku) / jumlah, 2)


def kim_dinilai():
    """The KIM that get a score: registered or active ones in this deployment's regency."""
    return Kim.objects.di_kabupaten(settings.JEMBATAN_KABUPATEN).tercakup().order_by("pk")


def batas_tidur(hari_ini: date) -> date:
    """A KIM whose last reported activity is before this day is dormant ("perlu pendampingan")."""
    return hari_ini - timedelta(days=settings.JEMBATAN_KIM_TIDUR_HARI)


def tidur(terakhir: date | None, hari_ini: date) -> bool:
    """Whether a KIM whose last reported activity was on `terakhir` (None: never) is dormant on `hari_ini`."""
    return terakhir is None or terakhir < batas_tidur(hari_ini)


def kim_tidur(hari_ini: date, kims=None):
    """The dormant KIM among `kims` (default: every scored KIM), each annotated with `terakhir`: the same rule
    as `tidur`, in one query (Diskominfo's page, the reminders and the coverage page all use it)."""
    qs = kims if kims is not None else kim_dinilai()
    return qs.annotate(terakhir=Max("kegiatan__tanggal")).filter(Q(terakhir__isnull=True) | Q(terakhir__lt=batas_tidur(hari_ini)))


def kim_tidur_di(kabupaten, hari_ini: date):
    """The dormant registered or active KIM of a kabupaten (the hook of kim's coverage page)."""
    return kim_tidur(hari_ini, Kim.objects.di_kabupaten(kabupaten.kode).tercakup())


def skema_bulan(bulan: date) -> Skema:
    """The scheme a month is computed with: the one it was computed with before, else the one in force."""
    lama = SkorBulanan.objects.filter(bulan=bulan).select_related("skema").first()
    skema = lama.skema if lama else Skema.objects.berlaku_untuk(bulan)
    if skema is None:
        raise DomainError(_("Belum ada skema penilaian yang berlaku untuk bulan ini. Diskominfo mengaturnya di halaman admin."))
    return skema


def periksa_bulan(bulan: date) -> Skema:
    """The scheme a month would be computed with, or DomainError when it cannot be: a month not yet begun (the
    current month can be computed as it stands), or no scheme for it."""
    if awal_bulan(bulan) > awal_bulan(timezone.localdate()):
        raise DomainError(_("Bulan ini belum berjalan; skor hanya dapat dihitung untuk bulan ini atau sebelumnya."))
    return skema_bulan(awal_bulan(bulan))


def hitung_bulan(bulan: date, *, kims=None, oleh=None, progres: Callable[[int, int], None] | None = None) -> int:
    """Compute and store the scores of `kims` (default: every scored KIM) for the month of `bulan`; returns how
    many were stored. A month not yet begun is refused; the current month can be computed as it stands."""
    bulan = awal_bulan(bulan)
    skema = periksa_bulan(bulan)
    bobot = [b for b in skema.bobot.all() if indikator.cari(b.indikator) is not None]
    tingkat = list(skema.tingkat.all())
    semua_kim = list(kims if kims is not None else kim_dinilai())
    periode = indikator.Periode(bulan)
    selesai = 0
    for i in range(0, len(semua_kim), UKURAN_KELOMPOK):
        kelompok = semua_kim[i : i + UKURAN_KELOMPOK]
        hasil = {b.indikator: indikator._REGISTRI[b.indikator].hitung(kelompok, periode) for b in bobot}
        label = {b.indikator: str(indikator._REGISTRI[b.indikator].label)[:200] for b in bobot}  # translated once
        with transaction.atomic():
            SkorBulanan.objects.filter(bulan=bulan, kim__in=kelompok).delete()
            skor_baru, nilai_baru = [], []
            for kim in kelompok:
                baris = [_baris(b, label[b.indikator], hasil[b.indikator].get(kim.pk)) for b in bobot]
                total = rerata_berbobot(baris) or 0.0
                per_sumbu = {s: v for s in Sumbu.values if (v := rerata_berbobot([b for b in baris if b.sumbu == s])) is not None}
                skor = SkorBulanan(
                    kim=kim, bulan=bulan, skema=skema, total=total, per_sumbu=per_sumbu, tingkat=tingkat_untuk(tingkat, total)
                )
                skor_baru.append(skor)
                nilai_baru.append(baris)
            SkorBulanan.objects.bulk_create(skor_baru)
            simpan_nilai((skor.pk, baris) for skor, baris in zip(skor_baru, nilai_baru, strict=True))
        selesai += len(kelompok)
        if progres:
            progres(selesai, len(semua_kim))
    invalidate()  # levels shown on village pages (bulk writes send no signals)
    if oleh is not None:
        catat(oleh, PenilaianAksi.HITUNG_SKOR, skema, f"Skor {selesai} KIM untuk {bulan:%m/%Y} dihitung ({skema.nama[:60]})")
    return selesai


_KOLOM_NILAI = ("indikator", "sumbu", "label", "mentah", "target", "bobot", "nilai", "keterangan", "bukti")


def simpan_nilai(per_skor: Iterable[tuple[int, Sequence[Baris]]]) -> None:
    """Store the indicator values of freshly created scores. On PostgreSQL with COPY: a nationwide month is more
    than a million rows, and COPY takes them several times faster than INSERT, on both sides of the connection."""
    if connection.vendor != "postgresql":
        NilaiIndikator.objects.bulk_create(
            NilaiIndikator(skor_id=skor_id, **vars(b)) for skor_id, baris in per_skor for b in baris
        )
        return
    meta = NilaiIndikator._meta
    kolom = ", ".join(connection.ops.quote_name(str(cast(Field, meta.get_field(n)).column)) for n in ("skor", *_KOLOM_NILAI))
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    perintah = f"COPY {connection.ops.quote_name(meta.db_table)} ({kolom}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(perintah) as copy:
        for skor_id, baris in per_skor:
            for b in baris:
                copy.write_row(
                    (skor_id, b.indikator, b.sumbu, b.label, b.mentah, b.target, b.bobot, b.nilai, b.keterangan, dumps(b.bukti))
                )


def _baris(b, label: str, h: indikator.Hasil | None) -> Baris:
    ind = indikator._REGISTRI[b.indikator]
    h = h or indikator.Hasil(0)
    return Baris(
        indikator=b.indikator,
        sumbu=ind.sumbu,
        label=label,
        mentah=h.mentah,
        target=b.target,
        bobot=b.bobot,
        nilai=nilai_indikator(h.mentah, b.target),
        keterangan=h.keterangan[:300],
        bukti=[{"label": str(x.label)[:300], "url": x.url} for x in h.bukti],
    )


# --- Reading scores back -------------------------------------------------------------------------------

# Months the regency overview's trend line covers.
BULAN_TREN = 6
_URL_SKOR = indikator.PolaUrl("penilaian:skor", "zzkodezz")
_URL_BUNDEL = indikator.PolaUrl("penilaian:bundel", "zzkodezz")


def bulan_terakhir() -> date | None:
    """The latest month with computed scores."""
    return SkorBulanan.objects.order_by("-bulan").values_list("bulan", flat=True).first()


@dataclass
class BarisKabupaten:
    kim: Kim
    skor: SkorBulanan | None
    tren: list[float | None]
    terakhir: date | None
    tidur: bool

    @property
    def titik(self) -> list[tuple[str, str]]:
        """The months with a score as SVG points in a 60×20 box (score 0 at the bottom, 100 at the top)."""
        langkah = 60 / max(len(self.tren) - 1, 1)
        return [(f"{i * langkah:.1f}", f"{20 - v / 5:.1f}") for i, v in enumerate(self.tren) if v is not None]

    @property
    def teks_skor(self) -> str:
        return f"{self.skor.total:.0f}" if self.skor else "—"

    @property
    def label_tren(self) -> str:
        return ", ".join("–" if v is None else f"{v:.0f}" for v in self.tren)

    @property
    def url_skor(self) -> str:
        return _URL_SKOR(self.kim.wilayah_id)

    @property
    def url_bundel(self) -> str:
        return _URL_BUNDEL(self.kim.wilayah_id)

    @property
    def titik_tren(self) -> str:
        return " ".join(f"{x},{y}" for x, y in self.titik)


@dataclass
class RingkasanKabupaten:
    bulan: date
    baris: list[BarisKabupaten]
    bulan_tren: list[date]

    @property
    def jumlah_tidur(self) -> int:
        return sum(1 for b in self.baris if b.tidur)

    @property
    def per_tingkat(self) -> list[tuple[str, int]]:
        hitung: dict[str, int] = {}
        for b in self.baris:
            if b.skor is not None:
                nama = b.skor.tingkat or "—"
                hitung[nama] = hitung.get(nama, 0) + 1
        return sorted(hitung.items())


def ringkasan_kabupaten(bulan: date, hari_ini: date) -> RingkasanKabupaten:
    """Every scored KIM with its score and level in `bulan`, the trend over the months up to it, its last
    activity, and whether it is dormant: no activity reported for JEMBATAN_KIM_TIDUR_HARI days (three queries,
    whatever the number of KIM)."""
    bulan_tren = [bulan]
    while len(bulan_tren) < BULAN_TREN:
        bulan_tren.insert(0, awal_bulan(bulan_tren[0] - timedelta(days=1)))
    kims = list(kim_dinilai().select_related("wilayah__parent").annotate(terakhir=Max("kegiatan__tanggal")))
    skor: dict[tuple[int, date], SkorBulanan] = {
        (s.kim_id, s.bulan): s for s in SkorBulanan.objects.filter(kim__in=kims, bulan__gte=bulan_tren[0], bulan__lte=bulan)
    }
    baris = [
        BarisKabupaten(
            kim=k,
            skor=skor.get((k.pk, bulan)),
            tren=[s.total if (s := skor.get((k.pk, b))) else None for b in bulan_tren],
            terakhir=k.terakhir,  # type: ignore[attr-defined]
            tidur=tidur(k.terakhir, hari_ini),  # type: ignore[attr-defined]
        )
        for k in kims
    ]
    baris.sort(key=lambda b: (-(b.skor.total if b.skor else -1), b.kim.nama))
    return RingkasanKabupaten(bulan, baris, bulan_tren)


def skor_terbit(kims) -> dict[int, SkorBulanan]:
    """The latest score of each KIM of a month already over, when Diskominfo publishes levels (else none):
    what the village page and the API may show."""
    if not Pengaturan.ambil().terbitkan_tingkat:
        return {}
    bulan_ini = awal_bulan(timezone.localdate())
    out: dict[int, SkorBulanan] = {}
    for s in SkorBulanan.objects.filter(kim__in=kims, bulan__lt=bulan_ini).order_by("kim_id", "-bulan"):
        out.setdefault(s.kim_id, s)
    return out
