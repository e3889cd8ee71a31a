"""The figures of the Laporan Layanan Informasi Publik (Perki 1/2021 Ps. 56) for one badan publik and year,
counted from its registers: requests received and how they were decided, refusals by Ps. 17 ground, the
average and longest time to answer, objections and disputes. A handful of aggregate queries, whatever the
number of requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from django.db.models import Avg, Count, F, Max, Q, QuerySet
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

from ppid.models import (
    KEPUTUSAN_MENGECUALIKAN,
    AlasanKeberatan,
    AlasanPengecualian,
    Keberatan,
    Keputusan,
    KeputusanAtasan,
    LaporanPembantu,
    LaporanTahunan,
    Permohonan,
    PpidPembantu,
    TahapSengketa,
    badan_publik_qs,
    batas_laporan,
    is_kabupaten,
    nama_badan,
    nama_ppid,
)
from ppid.surat import baris_kanan, dokumen_a4, isi_docx, paragraf_tengah
from wilayah.models import Level, Wilayah


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


def hitung(wilayah: Wilayah, tahun: int, pembantu: PpidPembantu | None = None) -> tuple[Rincian, RincianKeberatan]:
    """The year's figures: requests received in `tahun`, and objections received in `tahun` (of the requests
    forwarded to `pembantu` alone, when given)."""
    qs = Permohonan.objects.filter(wilayah=wilayah, diterima__year=tahun)
    kb = Keberatan.objects.filter(permohonan__wilayah=wilayah, diterima__year=tahun)
    if pembantu is not None:
        qs, kb = qs.filter(pembantu=pembantu), kb.filter(permohonan__pembantu=pembantu)
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


# --- The recap of the village PPID (in the regency's report) -----------------------------------------------


@dataclass
class BarisRekap:
    """One village PPID's year, as the regency's report lists it."""

    badan: Wilayah
    diterima: int
    dijawab: int
    tepat_waktu: int
    terlambat: int
    rata_rata_hari: float | None
    laporan_disusun: bool


def rekap_desa(tahun: int) -> list[BarisRekap]:
    """Every village PPID of the regency with its year's requests counted (one grouped query, whatever the number
    of requests) and whether it produced its own report."""
    desa = list(badan_publik_qs().filter(level=Level.DESA).select_related("parent").order_by("parent__nama", "nama"))
    angka: dict[str, Any] = {
        row["wilayah_id"]: row
        for row in Permohonan.objects.filter(wilayah__in=[d.kode for d in desa], diterima__year=tahun)
        .order_by()
        .values("wilayah_id")
        .annotate(
            masuk=Count("pk"),
            terjawab=Count("pk", filter=Q(dijawab__isnull=False)),
            tepat=Count("pk", filter=Q(dijawab__isnull=False, dijawab__lte=F("batas_jawab"))),
            lambat=Count("pk", filter=Q(dijawab__gt=F("batas_jawab"))),
            rata=Avg("lama_jawab"),
        )
    }
    sudah = set(LaporanTahunan.objects.filter(tahun=tahun, wilayah__in=desa).values_list("wilayah_id", flat=True))
    kosong: dict[str, Any] = {"masuk": 0, "terjawab": 0, "tepat": 0, "lambat": 0, "rata": None}
    baris = []
    for d in desa:
        a = angka.get(d.kode, kosong)
        rata = round(a["rata"], 1) if a["rata"] is not None else None
        baris.append(BarisRekap(d, a["masuk"], a["terjawab"], a["tepat"], a["lambat"], rata, d.kode in sudah))
    return baris


# --- The report as an editable DOCX -------------------------------------------------------------------------


def _tabel(doc: DocxDocument, kepala: list[str], baris: list[list[str]], lebar: list[float]) -> None:
    """A grid table, its rows written as one piece of XML: python-docx's cell objects cost about a millisecond
    a cell, and the regency's recap has over a thousand."""
    table = doc.add_table(rows=0, cols=len(kepala))
    table.style = doc.styles["Table Grid"]
    twips = [Cm(w).twips for w in lebar]
    for kolom, w in zip(table._tbl.tblGrid.gridCol_lst, lebar, strict=True):
        kolom.w = Cm(w)

    def sel(teks: str, w: int, tebal: bool) -> str:
        tanda = "<w:rPr><w:b/></w:rPr>" if tebal else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:r>{tanda}'
            f'<w:t xml:space="preserve">{escape(teks)}</w:t></w:r></w:p></w:tc>'
        )

    baris_xml = "".join(
        "<w:tr>" + "".join(sel(str(t), w, r == 0) for t, w in zip(isi, twips, strict=True)) + "</w:tr>"
        for r, isi in enumerate([kepala, *baris])
    )
    for tr in list(parse_xml(f"<w:tbl {nsdecls('w')}>{baris_xml}</w:tbl>")):
        table._tbl.append(tr)


def _angka(n: float | int | None, satuan: str = "") -> str:
    if n is None:
        return "—"
    return f"{number_format(n)}{satuan}"


def laporan_docx(wilayah: Wilayah, tahun: int, pembantu: PpidPembantu | None = None) -> bytes:
    """The Laporan Layanan Informasi Publik of `tahun` (Perki 1/2021 Ps. 56) as an editable DOCX: the PPID's own
    words (kept in `LaporanTahunan`, "—" where not yet written) around the figures counted from the registers; the
    regency's report also recaps every village PPID and PPID Pembantu. With `pembantu`, that unit's part: its
    figures around its own words (`LaporanPembantu`)."""
    narasi: LaporanTahunan | LaporanPembantu | None = (
        LaporanPembantu.objects.filter(pembantu=pembantu, tahun=tahun).first()
        if pembantu
        else LaporanTahunan.objects.filter(wilayah=wilayah, tahun=tahun).first()
    )
    r, k = hitung(wilayah, tahun, pembantu)
    doc = dokumen_a4()
    paragraf_tengah(doc, _("LAPORAN LAYANAN INFORMASI PUBLIK"), tebal=True)
    paragraf_tengah(doc, _("TAHUN %(tahun)s") % {"tahun": tahun}, tebal=True)
    paragraf_tengah(doc, (pembantu.nama_ppid if pembantu else nama_ppid(wilayah)).upper(), tebal=True)
    paragraf_tengah(doc, nama_badan(wilayah))
    catatan = (
        _("Disusun %(tgl)s.") % {"tgl": date_format(narasi.disusun_pada, "j F Y")}
        if narasi
        else _("Draf: uraian belum disusun PPID.")
    )
    paragraf_tengah(
        doc, f"{catatan} " + _("Disampaikan paling lambat %(batas)s.") % {"batas": date_format(batas_laporan(tahun), "j F Y")}
    )

    def bab(judul: str, teks: str | None) -> None:
        doc.add_heading(judul, level=2)
        for alinea in (teks or "—").strip().splitlines() or ["—"]:
            doc.add_paragraph(alinea)

    bab(_("1. Gambaran umum kebijakan pelayanan informasi publik"), narasi.kebijakan if narasi else None)
    bab(_("2. Gambaran umum pelaksanaan pelayanan"), narasi.pelaksanaan if narasi else None)

    doc.add_heading(_("3. Rincian pelayanan informasi publik"), level=2)
    hari = " " + _("hari kerja")
    _tabel(
        doc,
        [_("Uraian"), _("Jumlah")],
        [
            [_("Permohonan diterima"), _angka(r.diterima)],
            *[[label, _angka(n)] for label, n in r.keputusan],
            [_("Masih diproses"), _angka(r.diproses)],
            [_("Rata-rata waktu menjawab"), _angka(r.rata_rata_hari, hari)],
            [_("Waktu menjawab terlama"), _angka(r.terlama_hari, hari)],
            [_("Dijawab tepat waktu"), _angka(r.tepat_waktu)],
            [_("Dijawab terlambat"), _angka(r.terlambat)],
            [_("Jangka waktu diperpanjang"), _angka(r.diperpanjang)],
            [_("Diisikan dengan bantuan KIM"), _angka(r.dibantu_kim)],
        ],
        [11, 4.5],
    )
    doc.add_paragraph(_("Penolakan menurut dasar pengecualian (UU 14/2008 Pasal 17):"))
    if r.pengecualian:
        _tabel(doc, [_("Dasar"), _("Jumlah")], [[label, _angka(n)] for label, n in r.pengecualian], [11, 4.5])
    else:
        doc.add_paragraph(_("Tidak ada permohonan yang ditolak."))

    doc.add_heading(_("4. Keberatan"), level=2)
    _tabel(
        doc,
        [_("Uraian"), _("Jumlah")],
        [
            [_("Keberatan diterima"), _angka(k.diterima)],
            [_("Belum ditanggapi"), _angka(k.diproses)],
            *[[label, _angka(n)] for label, n in k.keputusan],
            *[[_("Alasan %(alasan)s") % {"alasan": label}, _angka(n)] for label, n in k.alasan if n],
        ],
        [11, 4.5],
    )
    doc.add_heading(_("5. Sengketa informasi"), level=2)
    _tabel(
        doc,
        [_("Uraian"), _("Jumlah")],
        [[_("Sengketa di Komisi Informasi"), _angka(k.sengketa)], *[[label, _angka(n)] for label, n in k.tahap_sengketa]],
        [11, 4.5],
    )
    bab(_("6. Kendala"), narasi.kendala if narasi else None)
    bab(_("7. Rekomendasi dan rencana tindak lanjut"), narasi.rekomendasi if narasi else None)

    if is_kabupaten(wilayah) and pembantu is None and PpidPembantu.objects.exists():
        doc.add_heading(_("Lampiran: rekapitulasi layanan PPID Pembantu"), level=2)
        unit = PpidPembantu.objects.annotate(
            masuk=Count("permohonan", filter=Q(permohonan__diterima__year=tahun)),
            terjawab=Count("permohonan", filter=Q(permohonan__diterima__year=tahun, permohonan__dijawab__isnull=False)),
            lambat=Count(
                "permohonan", filter=Q(permohonan__diterima__year=tahun, permohonan__dijawab__gt=F("permohonan__batas_jawab"))
            ),
        ).order_by("nama")
        _tabel(
            doc,
            [_("PPID Pembantu"), _("Diteruskan"), _("Dijawab"), _("Terlambat")],
            [[u.nama, _angka(u.masuk), _angka(u.terjawab), _angka(u.lambat)] for u in unit],
            [7.5, 2.7, 2.7, 2.7],
        )
    if is_kabupaten(wilayah) and pembantu is None:
        rekap = rekap_desa(tahun)
        doc.add_heading(_("Lampiran: rekapitulasi layanan PPID Desa"), level=2)
        _tabel(
            doc,
            [
                _("PPID Desa"),
                _("Kecamatan"),
                _("Diterima"),
                _("Dijawab"),
                _("Tepat waktu"),
                _("Terlambat"),
                _("Rata-rata (hari kerja)"),
                _("Laporan"),
            ],
            [
                [
                    b.badan.nama,
                    b.badan.parent.nama if b.badan.parent else "",
                    _angka(b.diterima),
                    _angka(b.dijawab),
                    _angka(b.tepat_waktu),
                    _angka(b.terlambat),
                    _angka(b.rata_rata_hari),
                    _("sudah") if b.laporan_disusun else _("belum"),
                ]
                for b in rekap
            ],
            [3.2, 2.6, 1.6, 1.6, 1.6, 1.6, 2, 1.6],
        )
        doc.add_paragraph(
            _("%(n)s dari %(semua)s PPID Desa sudah menyusun laporan tahunan.")
            % {"n": sum(b.laporan_disusun for b in rekap), "semua": len(rekap)}
        )

    penutup = pembantu.nama_ppid if pembantu else nama_ppid(wilayah)
    for teks in (f"{wilayah.nama}, {date_format(narasi.disusun_pada, 'j F Y')}" if narasi else "", penutup, "", ""):
        baris_kanan(doc, teks)
    return isi_docx(doc)
