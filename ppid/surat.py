"""The pemberitahuan tertulis (written notice, UU 14/2008 Ps. 22(7); the form of Perki 1/2021) as an editable
DOCX: the PPID downloads it, adjusts it if needed, signs and sends it. The tracking page shows the same notice."""

from __future__ import annotations

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ppid.models import Permohonan, nama_badan, nama_ppid


def _tanggal(d) -> str:
    return date_format(d, "j F Y")


def dokumen_a4() -> DocxDocument:
    """An empty A4 document in the letter style of the PPID's papers: Times New Roman 12, office margins."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Cm(3), Cm(2.5), Cm(2.5), Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    return doc


def paragraf_tengah(doc: DocxDocument, teks: str, tebal: bool = False) -> None:
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(teks).bold = tebal


def pemberitahuan_docx(p: Permohonan) -> bytes:
    """The notice of an answered request, A4, Times New Roman 12."""
    doc = dokumen_a4()

    def tengah(teks: str, tebal: bool = False) -> None:
        paragraf_tengah(doc, teks, tebal)

    tengah(nama_badan(p.wilayah).upper(), tebal=True)
    tengah((p.pembantu.nama_ppid if p.pembantu else nama_ppid(p.wilayah)).upper(), tebal=True)
    tengah(_("PEMBERITAHUAN TERTULIS"), tebal=True)
    tengah(_("Nomor pendaftaran: %(nomor)s") % {"nomor": p.nomor})

    doc.add_paragraph(
        _("Berdasarkan permohonan informasi pada tanggal %(tgl)s, dengan ini kami sampaikan:") % {"tgl": _tanggal(p.diterima)}
    )
    baris = [
        (_("Nama"), p.nama),
        (_("Alamat"), p.alamat or "—"),
        (_("Nomor telepon/e-mail"), " / ".join(x for x in (p.telepon, p.email) if x) or "—"),
        (_("Rincian informasi yang dibutuhkan"), p.rincian),
        (_("Tujuan penggunaan informasi"), p.tujuan),
        (_("Keputusan"), p.get_keputusan_display()),
    ]
    if p.alasan_pengecualian:
        baris += [
            (_("Dasar pengecualian"), _("UU 14/2008 Pasal 17 huruf %(huruf)s") % {"huruf": p.get_alasan_pengecualian_display()}),
            (_("Uji konsekuensi"), p.uji_konsekuensi),
        ]
    if p.penguasa_informasi:
        baris.append((_("Informasi dikuasai oleh"), p.penguasa_informasi))
    baris += [
        (
            _("Cara memperoleh"),
            p.get_cara_memperoleh_display() + (f" — {p.get_cara_salinan_display()}" if p.cara_salinan else ""),
        ),
        (_("Biaya"), f"Rp{p.biaya:,}".replace(",", ".") if p.biaya else _("gratis")),
    ]
    if p.tautan_informasi:
        baris.append((_("Tautan informasi"), p.tautan_informasi))
    table = doc.add_table(rows=len(baris), cols=2)
    table.style = doc.styles["Table Grid"]
    for row, (label, nilai) in zip(table.rows, baris, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(5.5), Cm(10)
        row.cells[0].text, row.cells[1].text = str(label), str(nilai)
        row.cells[0].paragraphs[0].runs[0].bold = True

    doc.add_paragraph()
    doc.add_paragraph(p.isi_jawaban)
    doc.add_paragraph(
        _(
            "Apabila Anda tidak puas dengan keputusan ini, Anda dapat mengajukan keberatan kepada atasan PPID "
            "paling lambat 30 hari kerja sejak pemberitahuan ini diterima (UU 14/2008 Pasal 35 dan 36)."
        )
    )
    for teks in (
        f"{p.wilayah.nama}, {_tanggal(p.dijawab)}" if p.dijawab else "",
        p.pembantu.nama_ppid if p.pembantu else nama_ppid(p.wilayah),
        "",
        "",
        p.penandatangan,
    ):
        baris_kanan(doc, teks)
    return isi_docx(doc)


def baris_kanan(doc: DocxDocument, teks: str) -> None:
    """One line of the signature block, set at the right half of the page."""
    para = doc.add_paragraph(teks)
    para.paragraph_format.left_indent = Cm(9)
    para.paragraph_format.space_after = Pt(0)


def isi_docx(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
