"""Statistics of the verification desk for Diskominfo: by week, topic, channel, outcome and kecamatan.

Every breakdown is one GROUP BY query, so the page costs the same number of queries whatever
the number of reports. Weeks are ISO weeks in the deployment's time zone, counted in Python
from a GROUP BY on the local date (the same on SQLite and PostgreSQL). Nothing here reads a
reporter's contact or message: only counts leave this module.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cekfakta.models import Hasil, JenisSalah, Klaim, Laporan, Saluran, Topik
from wilayah.models import Level, Wilayah

HARI_BAWAAN = 90
JUMLAH_MINGGU = 12
# Village shades on the map: class 0 is "no report", then up to four classes of counts.
JUMLAH_KELAS = 4
# Dates outside these years are typing mistakes (and year 1 or 9999 overflow in time-zone arithmetic).
TAHUN_MIN, TAHUN_MAKS = 2000, 2100


@dataclass
class Rentang:
    """An inclusive range of local dates, and why the asked one was not used (if it was not)."""

    dari: date
    sampai: date
    pesan: str = ""

    @property
    def awal(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.dari, time.min))

    @property
    def akhir(self) -> datetime:  # exclusive
        return timezone.make_aware(datetime.combine(self.sampai + timedelta(days=1), time.min))


def _klaim_sendiri():
    """Claims this desk handled: imported verdicts (another checker's work) and demo data do not count."""
    return Klaim.objects.filter(demo=False, sumber_url="")


def _laporan_sendiri():
    return Laporan.objects.exclude(klaim__demo=True)


def rentang_tanggal(params, hari_ini: date | None = None) -> Rentang:
    """The `?dari=YYYY-MM-DD&sampai=YYYY-MM-DD` range; the last 90 days when absent or unreadable."""
    hari_ini = hari_ini or timezone.localdate()
    bawaan = Rentang(hari_ini - timedelta(days=HARI_BAWAAN - 1), hari_ini)
    teks_dari, teks_sampai = (params.get("dari") or "").strip(), (params.get("sampai") or "").strip()
    if not teks_dari and not teks_sampai:
        return bawaan
    try:
        sampai = parse_date(teks_sampai) if teks_sampai else hari_ini
        dari = parse_date(teks_dari) if teks_dari else (sampai and sampai - timedelta(days=HARI_BAWAAN - 1))
    except ValueError:  # well-formed but impossible, like 2025-02-30
        dari = sampai = None
    if dari is None or sampai is None or not (dari.year >= TAHUN_MIN and sampai.year <= TAHUN_MAKS):
        bawaan.pesan = _("Tanggal tidak dapat dibaca (gunakan format TTTT-BB-HH). Ditampilkan 90 hari terakhir.")
        return bawaan
    if dari > sampai:
        bawaan.pesan = _("Tanggal awal jatuh sesudah tanggal akhir. Ditampilkan 90 hari terakhir.")
        return bawaan
    return Rentang(dari, sampai)


@dataclass
class Baris:
    label: str
    n: int = 0
    kode: str = ""
    lebar: int = 0  # bar width in percent of the table's largest value
    sub: bool = False  # a Mafindo type under "Salah"
    laporan: int = 0  # by topic: n counts claims, this their reports


@dataclass
class Minggu:
    tahun: int
    minggu: int
    mulai: date
    laporan: int = 0
    klaim: int = 0
    terbit: int = 0
    lebar: int = 0

    @property
    def akhir(self) -> date:
        return self.mulai + timedelta(days=6)

    @property
    def label(self) -> str:
        return f"{self.tahun}-W{self.minggu:02d}"


@dataclass
class Statistik:
    kabupaten: Wilayah
    rentang: Rentang
    jumlah_laporan: int
    jumlah_klaim: int
    jumlah_terbit: int
    minggu: list[Minggu]
    topik: list[Baris]
    saluran: list[Baris]
    hasil: list[Baris]
    kecamatan: list[Baris]
    desa_teratas: list[Baris]
    peta: SafeString
    legenda: list[tuple[int, str]] = field(default_factory=list)


def _lebar(rows: list, attr: str = "n") -> list:
    maks = max((getattr(r, attr) for r in rows), default=0)
    for r in rows:
        r.lebar = round(100 * getattr(r, attr) / maks) if maks else 0
    return rows


def _per_minggu(rentang: Rentang) -> list[Minggu]:
    """The last 12 ISO weeks of the range (fewer for a short range), zeros included."""
    senin_akhir = rentang.sampai - timedelta(days=rentang.sampai.weekday())
    senin_awal = max(senin_akhir - timedelta(weeks=JUMLAH_MINGGU - 1), rentang.dari - timedelta(days=rentang.dari.weekday()))
    minggu = {}
    senin = senin_awal
    while senin <= senin_akhir:
        tahun, ke, _hari = senin.isocalendar()
        minggu[senin] = Minggu(tahun, ke, senin)
        senin += timedelta(weeks=1)
    awal = max(rentang.awal, timezone.make_aware(datetime.combine(senin_awal, time.min)))
    tz = timezone.get_current_timezone()

    def per_hari(qs, kolom):
        rows = (
            qs.filter(**{f"{kolom}__gte": awal, f"{kolom}__lt": rentang.akhir})
            .annotate(hari=TruncDate(kolom, tzinfo=tz))
            .order_by()
            .values("hari")
            .annotate(n=Count("id"))
        )
        for row in rows:
            yield row["hari"] - timedelta(days=row["hari"].weekday()), row["n"]

    for senin, n in per_hari(_laporan_sendiri(), "dibuat"):
        minggu[senin].laporan += n
    for senin, n in per_hari(_klaim_sendiri(), "pertama_dilihat"):
        minggu[senin].klaim += n
    for senin, n in per_hari(_klaim_sendiri().terbit(), "diterbitkan"):
        minggu[senin].terbit += n
    return _lebar(list(minggu.values()), "laporan")


def _per_topik(laporan, klaim) -> list[Baris]:
    n_klaim = dict(klaim.order_by().values_list("topik").annotate(n=Count("id")))
    n_laporan = dict(laporan.order_by().values_list("klaim__topik").annotate(n=Count("id")))
    rows = [Baris(str(t.label), n_klaim.get(t.value, 0), kode=t.value, laporan=n_laporan.get(t.value, 0)) for t in Topik]
    return _lebar(rows)


def _per_saluran(laporan) -> list[Baris]:
    n = dict(laporan.order_by().values_list("saluran").annotate(n=Count("id")))
    return _lebar([Baris(str(s.label), n.get(s.value, 0), kode=s.value) for s in Saluran])


def _per_hasil(rentang: Rentang) -> list[Baris]:
    """Verdicts published in the range by outcome, with Mafindo's type under "Salah"."""
    terbit = _klaim_sendiri().terbit().filter(diterbitkan__gte=rentang.awal, diterbitkan__lt=rentang.akhir)
    n = {(h, j): c for h, j, c in terbit.order_by().values_list("hasil", "jenis_salah").annotate(c=Count("id"))}
    rows = []
    for h in Hasil:
        rows.append(Baris(str(h.label), sum(c for (hh, _j), c in n.items() if hh == h.value), kode=h.value))
        if h == Hasil.SALAH:
            rows += [Baris(str(j.label), n.get((h.value, j.value), 0), kode=j.value, sub=True) for j in JenisSalah]
            if n.get((h.value, "")):
                rows.append(Baris(_("Jenis tidak dicatat"), n[(h.value, "")], sub=True))
    lain = sum(c for (h, _j), c in n.items() if h not in Hasil.values)
    if lain:
        rows.append(Baris(_("Lainnya"), lain))
    return _lebar(rows)


def kelas_batas(maks: int) -> list[tuple[int, int]]:
    """Count ranges for the shaded classes 1..4 (class 0 is no report): equal steps up to `maks`."""
    batas, bawah = [], 1
    for i in range(1, JUMLAH_KELAS + 1):
        atas = math.ceil(maks * i / JUMLAH_KELAS)
        if atas >= bawah:
            batas.append((bawah, atas))
            bawah = atas + 1
    return batas


def _kelas(n: int, batas: list[tuple[int, int]]) -> int:
    for i, (_bawah, atas) in enumerate(batas, start=1):
        if n <= atas:
            return i if n else 0
    return len(batas)


def _peta(kabupaten: Wilayah, desa: list[Wilayah], kecamatan: list[Wilayah], per_desa: dict[str, int], batas) -> SafeString:
    judul = _("Peta sebaran laporan hoaks di %(nama)s") % {"nama": kabupaten.nama}
    parts = [
        f'<svg class="peta peta-hoaks" viewBox="{escape(kabupaten.peta_viewbox)}" role="img" aria-labelledby="peta-hoaks-judul" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="peta-hoaks-judul">{escape(judul)}</title>'
    ]
    for d in desa:
        if d.peta_svg and d.berlaku:  # a region retired by a newer decree keeps its reports, not its outline
            n = per_desa.get(d.kode, 0)
            title = ngettext("%(nama)s — %(n)s laporan", "%(nama)s — %(n)s laporan", n) % {"nama": d.nama_lengkap, "n": n}
            parts.append(f'<path class="lapor-{_kelas(n, batas)}" d="{d.peta_svg}"><title>{escape(title)}</title></path>')
    for k in kecamatan:
        if k.peta_svg and k.berlaku:
            parts.append(f'<path class="kec" d="{k.peta_svg}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _legenda(batas) -> list[tuple[int, str]]:
    items = [(0, _("Tidak ada laporan"))]
    for i, (bawah, atas) in enumerate(batas, start=1):
        items.append((i, f"{bawah}" if bawah == atas else f"{bawah}–{atas}"))
    return items


def hitung(kabupaten: Wilayah, rentang: Rentang) -> Statistik:
    laporan = _laporan_sendiri().filter(dibuat__gte=rentang.awal, dibuat__lt=rentang.akhir)
    klaim = _klaim_sendiri().filter(pertama_dilihat__gte=rentang.awal, pertama_dilihat__lt=rentang.akhir)

    wilayah = list(
        Wilayah.objects.filter(kabupaten_kode=kabupaten.kode, level__in=[Level.KECAMATAN, Level.DESA])
        .only("kode", "nama", "tipe", "level", "parent_id", "peta_svg", "berlaku")
        .order_by("nama")
    )
    kecamatan = [w for w in wilayah if w.level == Level.KECAMATAN]
    desa = [w for w in wilayah if w.level == Level.DESA]
    induk = {w.kode: (w.parent_id if w.level == Level.DESA else w.kode) for w in wilayah}

    per_wilayah = dict(laporan.order_by().values_list("wilayah_id").annotate(n=Count("id")))
    per_kec = dict.fromkeys((k.kode for k in kecamatan), 0)
    tidak_diketahui = 0
    for kode, n in per_wilayah.items():
        kec = induk.get(kode)
        if kec is not None and kec in per_kec:
            per_kec[kec] += n
        else:  # no village given (or one outside the kabupaten)
            tidak_diketahui += n
    baris_kec = sorted((Baris(k.nama, per_kec[k.kode], kode=k.kode) for k in kecamatan), key=lambda b: (-b.n, b.label))
    baris_kec.append(Baris(_("Tidak diketahui"), tidak_diketahui))
    nama_kec: dict[str | None, str] = {k.kode: k.nama for k in kecamatan}
    teratas = sorted(
        (
            Baris(f"{d.nama_lengkap} ({nama_kec.get(d.parent_id, '')})", per_wilayah[d.kode], kode=d.kode)
            for d in desa
            if per_wilayah.get(d.kode)
        ),
        key=lambda b: (-b.n, b.label),
    )
    batas = kelas_batas(max((per_wilayah.get(d.kode, 0) for d in desa), default=0))

    topik, hasil = _per_topik(laporan, klaim), _per_hasil(rentang)
    return Statistik(
        kabupaten=kabupaten,
        rentang=rentang,
        jumlah_laporan=sum(per_wilayah.values()),
        jumlah_klaim=sum(b.n for b in topik),
        jumlah_terbit=sum(b.n for b in hasil if not b.sub),
        minggu=_per_minggu(rentang),
        topik=topik,
        saluran=_per_saluran(laporan),
        hasil=hasil,
        kecamatan=_lebar(baris_kec),
        desa_teratas=_lebar(teratas[:10]),
        peta=_peta(kabupaten, desa, kecamatan, per_wilayah, batas),
        legenda=_legenda(batas),
    )


def ke_csv(stat: Statistik) -> str:
    """The statistics as one CSV with a section per breakdown; counts only, never contacts or messages."""
    out = io.StringIO()
    out.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    w = csv.writer(out)
    r = stat.rentang
    # Exports are official tables: always in Indonesian, whatever the page language.
    with translation.override("id"):
        w.writerow([f"Statistik cek fakta {stat.kabupaten.nama}"])
        w.writerow(["Periode", r.dari.isoformat(), r.sampai.isoformat()])
        w.writerow(["Jumlah laporan", stat.jumlah_laporan])
        w.writerow(["Klaim baru", stat.jumlah_klaim])
        w.writerow(["Putusan terbit", stat.jumlah_terbit])
        w.writerow([])
        w.writerow(["Per minggu (ISO)"])
        w.writerow(["Minggu", "Mulai", "Sampai", "Laporan", "Klaim baru", "Putusan terbit"])
        for m in stat.minggu:
            w.writerow([m.label, m.mulai.isoformat(), m.akhir.isoformat(), m.laporan, m.klaim, m.terbit])
        w.writerow([])
        w.writerow(["Per topik"])
        w.writerow(["Topik", "Klaim baru", "Laporan"])
        w.writerows([str(Topik(b.kode).label), b.n, b.laporan] for b in stat.topik)
        w.writerow([])
        w.writerow(["Per saluran"])
        w.writerow(["Saluran", "Laporan"])
        w.writerows([str(Saluran(b.kode).label), b.n] for b in stat.saluran)
        w.writerow([])
        w.writerow(["Per hasil putusan"])
        w.writerow(["Hasil", "Jenis (Mafindo)", "Putusan"])
        for b in stat.hasil:
            if b.sub:
                w.writerow([str(Hasil.SALAH.label), str(JenisSalah(b.kode).label) if b.kode else "Tidak dicatat", b.n])
            else:
                w.writerow([str(Hasil(b.kode).label) if b.kode else "Lainnya", "", b.n])
        w.writerow([])
        w.writerow(["Per kecamatan"])
        w.writerow(["Kode", "Kecamatan", "Laporan"])
        w.writerows([b.kode, b.label if b.kode else "Tidak diketahui", b.n] for b in stat.kecamatan)
    return out.getvalue()
