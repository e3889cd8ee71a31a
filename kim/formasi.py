"""Formation kit: editable DOCX drafts a village uses to form its KIM.

Three documents, each built from the village's real names (and its KIM and pengurus when it
already has them): a draft decree of the village head (SK), the minutes of the formation
meeting (berita acara) and a template of the KIM's statutes (AD/ART). They are starting points
written in formal Indonesian; every page footer says they must be edited and checked against
local rules before use. Blanks the community fills in are dotted lines.

The wording lives in `templates/kim/formasi/*.txt`, which a Diskominfo staff member edits
without touching Python (docs/kit-pembentukan.md). A template is rendered with Django's template
engine (autoescape off: the text goes into DOCX, not HTML), then each line becomes one paragraph,
its start saying which shape: `# ` heading, `## BAB`/`## Pasal` numbered chapter and article,
`1. `/`a. ` list item, `Label : ` decree column, `>`/`>>` indented signature block, `| … |`
table row, `[…]` page break, side-by-side signatures, footer or letterhead formatting. This
module holds only the data (names, pengurus) and that line syntax.

Only regulations whose number, year and title are certain are cited; a local regulation is
left as a blank line for the village to fill in rather than guessed.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.template import Context, Engine
from django.template.loaders import filesystem
from django.utils.text import slugify
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from jembatan.lib.text import BULAN
from kim.models import Jabatan, Kim
from wilayah.models import Tipe, Wilayah

DOKUMEN: dict[str, str] = {
    "sk": "Rancangan Keputusan Pembentukan KIM",
    "berita-acara": "Berita Acara Musyawarah Pembentukan KIM",
    "adart": "Templat Anggaran Dasar dan Anggaran Rumah Tangga KIM",
}
# Each document's template under templates/kim/formasi/ and the start of its download filename.
_BERKAS = {
    "sk": ("sk.txt", "rancangan-sk-pembentukan-kim"),
    "berita-acara": ("berita_acara.txt", "berita-acara-musyawarah-pembentukan-kim"),
    "adart": ("adart.txt", "templat-adart-kim"),
}

TITIK = "……"
TITIK_PANJANG = "……………………………"
# Fixed Indonesian wording: the model's labels are translatable, a formal document is not.
NAMA_JABATAN = {
    Jabatan.KETUA: "Ketua",
    Jabatan.WAKIL_KETUA: "Wakil Ketua",
    Jabatan.SEKRETARIS: "Sekretaris",
    Jabatan.BENDAHARA: "Bendahara",
    Jabatan.SEKSI: "Seksi",
}


def tanggal_indonesia(d: date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


class NamaJabatan(NamedTuple):
    nama: str
    jabatan: str


@dataclass
class Desa:
    """The names a document needs, read once from the region tree and the village's KIM."""

    jenis: str  # "Desa", "Kelurahan" or "Desa Adat"
    nama: str  # "Tungkap"
    kecamatan: str  # "Binuang"
    kabupaten: str  # "Kabupaten Tapin"
    provinsi: str  # "Kalimantan Selatan"
    kode_pos: str  # "71183", or "" when the region data has none
    kim_inti: str  # the KIM's own name without the "KIM" prefix: "Tungkap Bersinar"
    kim: Kim | None
    pengurus: list[NamaJabatan]  # empty when none are on record

    @property
    def is_desa(self) -> bool:
        return self.jenis != "Kelurahan"

    @property
    def lengkap(self) -> str:
        return f"{self.jenis} {self.nama}"

    @property
    def kepala(self) -> str:
        return f"Lurah {self.nama}" if self.jenis == "Kelurahan" else f"Kepala {self.lengkap}"

    @property
    def kim_pendek(self) -> str:
        return f"KIM {self.kim_inti}"

    @property
    def kim_panjang(self) -> str:
        return f"Kelompok Informasi Masyarakat (KIM) {self.kim_inti}"

    @property
    def letak(self) -> str:
        return f"{self.lengkap}, Kecamatan {self.kecamatan}, {self.kabupaten}"

    @property
    def bupati(self) -> str:
        """The regional head's title: Bupati, or Wali Kota in a city."""
        return "Wali Kota" if self.kabupaten.startswith("Kota ") else "Bupati"

    @property
    def kepala_daerah(self) -> str:
        """The regional head by office: "Bupati Tapin", "Wali Kota Banjarmasin"."""
        return f"{self.bupati} {self.kabupaten.partition(' ')[2]}"


def _tanpa_awalan(nama: str, *awalan: str) -> str:
    for a in awalan:
        if nama.lower().startswith(a.lower() + " "):
            return nama[len(a) + 1 :].strip()
    return nama.strip()


def _pengurus(kim: Kim | None, today: date) -> list[NamaJabatan]:
    if kim is None:
        return []
    rows = [p for p in kim.pengurus_menjabat(today) if p.jabatan != Jabatan.ANGGOTA]
    rows.sort(key=lambda p: (p.jabatan_urut, p.nama.lower()))
    return [NamaJabatan(p.nama, _jabatan(p)) for p in rows]


def _jabatan(p) -> str:
    return f"Seksi {p.nama_seksi}" if p.jabatan == Jabatan.SEKSI and p.nama_seksi else NAMA_JABATAN[p.jabatan]


def baca_desa(wilayah: Wilayah, today: date) -> Desa:
    kecamatan = wilayah.parent
    kabupaten = kecamatan.parent if kecamatan else None
    provinsi = kabupaten.parent if kabupaten else None
    if kecamatan is None or kabupaten is None or provinsi is None:
        raise ValueError(f"{wilayah.kode} is not a village with a kecamatan, kabupaten and provinsi above it")
    nama_kab = kabupaten.nama
    if not nama_kab.startswith(("Kabupaten ", "Kota ")):
        nama_kab = f"{'Kota' if kabupaten.tipe == Tipe.KOTA else 'Kabupaten'} {nama_kab}"
    kim = Kim.objects.filter(wilayah=wilayah).first()
    jenis_wilayah: dict[str, str] = {Tipe.KELURAHAN: "Kelurahan", Tipe.DESA_ADAT: "Desa Adat"}
    jenis = jenis_wilayah.get(wilayah.tipe, "Desa")
    return Desa(
        jenis=jenis,
        nama=wilayah.nama,
        kecamatan=_tanpa_awalan(kecamatan.nama, "Kecamatan"),
        kabupaten=nama_kab,
        provinsi=_tanpa_awalan(provinsi.nama, "Provinsi"),
        kode_pos=wilayah.kode_pos,
        kim_inti=_tanpa_awalan(kim.nama, "KIM", "Kelompok Informasi Masyarakat") if kim else wilayah.nama,
        kim=kim,
        pengurus=_pengurus(kim, today),
    )


def konteks(d: Desa, today: date) -> dict[str, object]:
    """What a kit template can write with {{ … }}; docs/kit-pembentukan.md lists it for editors."""
    kim = d.kim
    return {
        "desa": d,
        "pengurus": d.pengurus,
        "nomor_sk": kim.nomor_sk if kim else "",
        "tanggal_berdiri": tanggal_indonesia(kim.tanggal_berdiri) if kim and kim.tanggal_berdiri else "",
        "hari_ini": tanggal_indonesia(today),
        "titik": TITIK,
        "titik_panjang": TITIK_PANJANG,
    }


# --- Templates: Django fills them, then each line becomes a paragraph -------------------------

# A line holding only {% … %} tags or {# … #} comments loses its line break, so that `{% if %}`
# and `{% for %}` on lines of their own leave no empty paragraph behind.
_TAG = r"(?:\{%.*?%\}|\{#.*?#\})"
_BARIS_TAG = re.compile(rf"^[ \t]*({_TAG}(?:[ \t]*{_TAG})*)[ \t]*\n", re.MULTILINE)


def rapikan(sumber: str) -> str:
    """A template's source as the engine reads it: tag-only lines gone, Windows line ends and BOM undone."""
    sumber = sumber.removeprefix("\ufeff").replace("\r\n", "\n")
    if not sumber.endswith("\n"):
        sumber += "\n"
    return _BARIS_TAG.sub(r"\1", sumber)


class PemuatTemplat(filesystem.Loader):
    def get_contents(self, origin) -> str:
        return rapikan(super().get_contents(origin))


@functools.cache
def _mesin() -> Engine:
    """The project's template directories, read afresh on every render (an edited template shows at once).

    A misspelt variable shows as `[?nama]` in the document instead of vanishing.
    """
    return Engine(
        dirs=Engine.get_default().dirs,
        loaders=["kim.formasi.PemuatTemplat"],
        autoescape=False,
        string_if_invalid="[?%s]",
    )


def isi_templat(nama: str, data: dict[str, object]) -> str:
    """The text of templates/kim/formasi/`nama` filled with `data`, before it is split into paragraphs."""
    return _mesin().get_template(f"kim/formasi/{nama}").render(Context(data, autoescape=False))


@dataclass
class Baris:
    """One line of a filled template, recognised by how it starts."""

    jenis: str  # kosong, paragraf, judul, bab, pasal, geser, butir, label, tabel, halaman, berdampingan, kaki
    teks: str = ""
    label: str = ""  # label: the word in the left column
    nomor: int = 0  # butir: its position as written, from 0 (a. or 1. is 0, c. or 3. is 2)
    huruf: bool = False  # butir: a., b., c. rather than 1., 2., 3.
    kiri: float = 0.0  # geser: the left indent in cm
    opsi: list[str] = field(default_factory=list)  # paragraf: [tengah tebal 14pt garis]
    sel: list[list[str]] = field(default_factory=list)  # tabel: rows of cells; berdampingan: one row


_PERINTAH = re.compile(r"\[(halaman baru|tanda tangan berdampingan|catatan kaki)(?::(.*))?\]", re.IGNORECASE | re.DOTALL)
_DENGAN_OPSI = re.compile(r"\[([^\]]*)\]\s*(.*)", re.DOTALL)
_OPSI = re.compile(r"tengah|tebal|garis|\d+(?:[.,]\d+)?pt")
_BUTIR = re.compile(r"(\d+|[a-z])\.\s+(.*)", re.DOTALL)
_LABEL = re.compile(r"(\S+) :(?:\s+(.*))?", re.DOTALL)
_LEBAR = re.compile(r"(\d+(?:[.,]\d+)?)\s*cm")
_GESER = {">>": 8.5, ">": 4.5}  # left indent in cm: the signature column, and a signature in the middle
LEBAR_LABEL = 3.2  # cm: the left column of an SK ("Menimbang", "KESATU")


def urai(teks: str) -> list[Baris]:
    """A filled template as paragraphs: one per line, table lines grouped into one table."""
    hasil: list[Baris] = []
    for line in _gabung_lanjutan(teks.splitlines()):
        b = _kenali(line)
        if b.jenis == "tabel" and hasil and hasil[-1].jenis == "tabel":
            hasil[-1].sel += b.sel
        else:
            hasil.append(b)
    return hasil


def _gabung_lanjutan(lines: list[str]) -> list[str]:
    """A line ending in a backslash goes on in the next one, after a line break inside the same paragraph.

    The next line may repeat the first one's `>` or `>>`, so that a block reads as it will print.
    """
    hasil: list[str] = []
    lanjut = False
    for line in lines:
        line = line.strip()
        if lanjut:
            penanda = next((p for p in _GESER if hasil[-1].startswith(p)), None)
            if penanda and line.startswith(penanda):
                line = line[len(penanda) :].strip()
            hasil[-1] += "\n" + line
        else:
            hasil.append(line)
        lanjut = hasil[-1].endswith("\\")
        if lanjut:
            hasil[-1] = hasil[-1][:-1].rstrip()
    return hasil


def _kenali(line: str) -> Baris:
    if not line:
        return Baris("kosong")
    if m := _PERINTAH.fullmatch(line):
        perintah, isi = m[1].lower(), (m[2] or "").strip()
        if perintah == "halaman baru":
            return Baris("halaman")
        if perintah == "catatan kaki":
            return Baris("kaki", isi)
        return Baris("berdampingan", sel=[[s.strip() for s in isi.split("|")]])
    if (m := _DENGAN_OPSI.fullmatch(line)) and m[1].split() and all(_OPSI.fullmatch(k) for k in m[1].lower().split()):
        return Baris("paragraf", m[2], opsi=m[1].lower().split())
    if line.startswith("|"):
        return Baris("tabel", sel=[[s.strip() for s in line.strip("|").split("|")]])
    if line.startswith("## "):
        judul = line[3:].strip()
        if judul.lower() == "pasal":
            return Baris("pasal")
        if judul[:4].lower() == "bab ":
            return Baris("bab", judul[4:].strip())
        return Baris("judul", judul)
    if line == "#" or line.startswith("# "):
        return Baris("judul", line[1:].strip())
    for penanda, cm in _GESER.items():
        if line.startswith(penanda):
            return Baris("geser", line[len(penanda) :].strip(), kiri=cm)
    if m := _BUTIR.fullmatch(line):
        huruf = not m[1].isdigit()
        return Baris("butir", m[2], nomor=ord(m[1]) - ord("a") if huruf else int(m[1]) - 1, huruf=huruf)
    if m := _LABEL.fullmatch(line):
        return Baris("label", (m[2] or "").strip(), label=m[1])
    return Baris("paragraf", line)


def susun(doc, baris: list[Baris]) -> None:
    """Write the paragraphs of `urai` into `doc`.

    BAB and Pasal are numbered through, starting again after a page break. A Pasal with more than
    one paragraph numbers them (1), (2). A list is numbered on from its first item, and sits under
    the text of the line above it when that line is a label or a numbered paragraph.
    """
    bab = pasal = 0
    ayat: int | None = None  # in a Pasal with several paragraphs: how many are written so far
    kiri_daftar = 0.0  # where a list starting here is indented, set by the line above it
    label: str | None = None  # a label with no text of its own, written before its first item
    daftar: list | None = None  # the list being written: [huruf, index of its next item]
    for i, b in enumerate(baris):
        if b.jenis != "butir":
            daftar, kiri_daftar = None, 0.0
            label = b.label if b.jenis == "label" and not b.teks else None
        if b.jenis not in ("paragraf", "butir"):
            ayat = None
        if b.jenis == "kosong":
            _para(doc)
        elif b.jenis == "halaman":
            _halaman_baru(doc)
            bab = pasal = 0
        elif b.jenis == "kaki":
            _catatan_kaki(doc, b.teks)
        elif b.jenis == "berdampingan":
            _tanda_tangan_berdampingan(doc, b.sel[0])
        elif b.jenis == "tabel":
            _tabel(doc, b.sel)
        elif b.jenis == "judul":
            _para(doc, _bintang(b.teks)[0], tebal=True, tengah=True)
        elif b.jenis == "bab":
            bab += 1
            _para(doc, f"BAB {romawi(bab)}", tebal=True, tengah=True)
            _para(doc, b.teks, tebal=True, tengah=True)
        elif b.jenis == "pasal":
            pasal += 1
            _para(doc, f"Pasal {pasal}", tebal=True, tengah=True)
            ayat = 0 if _jumlah_ayat(baris[i + 1 :]) > 1 else None
        elif b.jenis == "geser":
            teks, tebal = _bintang(b.teks)
            _para(doc, teks, tebal=tebal, kiri=b.kiri)
        elif b.jenis == "label" and not b.teks and baris[i + 1 : i + 2] and baris[i + 1].jenis == "butir":
            pass  # written on the row of its first item
        elif b.jenis == "label" and b.teks:
            kiri = LEBAR_LABEL + 0.5
            _para(doc, f"{b.label}\t:\t{b.teks}", kiri=kiri, gantung=kiri, rata=True, tab=(LEBAR_LABEL, kiri))
            kiri_daftar = kiri
        elif b.jenis == "butir":
            if daftar is None or daftar[0] != b.huruf:
                daftar = [b.huruf, b.nomor]
            penanda = _penanda(daftar[1], b.huruf)
            daftar[1] += 1
            if label is not None:
                kiri = LEBAR_LABEL + 0.5 + 0.8
                awal = f"{label}\t:\t" if label else "\t\t"
                _para(doc, f"{awal}{penanda}\t{b.teks}", kiri=kiri, gantung=kiri, rata=True, tab=(LEBAR_LABEL, kiri - 0.8, kiri))
                label = ""
            else:
                _para(doc, f"{penanda}\t{b.teks}", kiri=kiri_daftar + 0.8, gantung=0.8, rata=True)
        elif b.jenis == "paragraf" and ayat is not None and not b.opsi:
            ayat += 1
            _para(doc, f"({ayat})\t{b.teks}", kiri=0.8, gantung=0.8, rata=True)
            kiri_daftar = 0.8
        else:  # a plain paragraph, or a label written like one
            _paragraf(doc, b)


def _jumlah_ayat(berikut: list[Baris]) -> int:
    """How many paragraphs an article has: those right below its heading, lists between them not counted."""
    jumlah = 0
    for b in berikut:
        if b.jenis not in ("paragraf", "butir") or b.opsi:
            break
        jumlah += b.jenis == "paragraf"
    return jumlah


def _paragraf(doc, b: Baris) -> None:
    teks, tebal = _bintang(b.teks if b.jenis == "paragraf" else f"{b.label} :")
    ukuran = next((float(k[:-2].replace(",", ".")) for k in b.opsi if k.endswith("pt")), None)
    tengah = "tengah" in b.opsi
    p = _para(doc, teks, tebal=tebal or "tebal" in b.opsi, tengah=tengah, rata=not tengah, ukuran=ukuran)
    if "garis" in b.opsi:
        _garis_bawah(p)


def _bintang(teks: str) -> tuple[str, bool]:
    """`**teks**` is bold."""
    if len(teks) > 4 and teks.startswith("**") and teks.endswith("**"):
        return teks[2:-2].strip(), True
    return teks, False


_ROMAWI = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL")]
_ROMAWI += [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def romawi(n: int) -> str:
    hasil = ""
    for nilai, angka in _ROMAWI:
        jumlah, n = divmod(n, nilai)
        hasil += angka * jumlah
    return hasil


def _penanda(i: int, huruf: bool) -> str:
    return f"{chr(ord('a') + i % 26)}." if huruf else f"{i + 1}."


# --- Building blocks --------------------------------------------------------------------------


def _dokumen() -> DocxDocument:
    """An A4 document in Times New Roman 12."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(4)
    return doc


def _catatan_kaki(doc, catatan: str) -> None:
    """`catatan` in the footer of every page, small and italic."""
    run = doc.sections[0].footer.paragraphs[0].add_run(catatan)
    run.italic, run.font.size, run.font.name = True, Pt(8), "Arial"


def _para(
    doc,
    teks: str = "",
    *,
    tebal: bool = False,
    tengah: bool = False,
    kiri: float = 0,
    gantung: float = 0,
    rata: bool = False,
    ukuran: float | None = None,
    tab: tuple[float, ...] = (),
):
    """One paragraph; `kiri` is the left indent and `gantung` the hanging indent, in cm."""
    p = doc.add_paragraph()
    if teks:
        run = p.add_run(teks)
        run.bold = tebal
        if ukuran:
            run.font.size = Pt(ukuran)
    fmt = p.paragraph_format
    if tengah:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif rata:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if kiri or gantung:
        fmt.left_indent, fmt.first_line_indent = Cm(kiri), Cm(-gantung)
    for posisi in tab:
        fmt.tab_stops.add_tab_stop(Cm(posisi))
    return p


def _garis_bawah(p) -> None:
    """A thick rule under a paragraph: the line that closes a letterhead."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "thick", "w:sz": "12", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)


def _tabel(doc, baris: list[list[str]]) -> None:
    """A bordered table with a bold header row; a second row of widths (`| 1,2 cm | 8 cm |`) sizes the columns."""
    judul, isi = baris[0], baris[1:]
    lebar = None
    cocok = [_LEBAR.fullmatch(s) for s in isi[0]] if isi else None
    if cocok is not None and all(cocok):
        lebar = [float(m[1].replace(",", ".")) for m in cocok if m is not None]
        isi = isi[1:]
    table = doc.add_table(rows=1 + len(isi), cols=len(judul))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, values in zip(table.rows, [judul, *isi], strict=True):
        for j, (cell, teks) in enumerate(zip(row.cells, (values + [""] * len(judul))[: len(judul)], strict=True)):
            if lebar and j < len(lebar):
                cell.width = Cm(lebar[j])
            cell.text = teks
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _tanda_tangan_berdampingan(doc, jabatan: list[str]) -> None:
    """Signatures side by side, in a table without borders: office, room to sign, a dotted line for the name."""
    for cell, teks in zip(doc.add_table(rows=1, cols=len(jabatan)).rows[0].cells, jabatan, strict=True):
        cell.text = f"{teks}\n\n\n\n{TITIK_PANJANG}"
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _halaman_baru(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _simpan(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def buat(dokumen: str, wilayah: Wilayah, *, today: date) -> tuple[bytes, str]:
    """The DOCX bytes and download filename of one kit document for a level-4 `wilayah`.

    `dokumen` is a key of DOKUMEN (KeyError otherwise). `today` picks the pengurus in office
    and dates the footer note.
    """
    templat, awalan = _BERKAS[dokumen]
    d = baca_desa(wilayah, today)
    doc = _dokumen()
    susun(doc, urai(isi_templat(templat, konteks(d, today))))
    return _simpan(doc), f"{awalan}-{slugify(wilayah.nama) or wilayah.kode}.docx"
