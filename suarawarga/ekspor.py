"""The aspirations of a village as a Musrenbangdes list of proposals (usulan), in XLSX and DOCX."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from jembatan.lib.text import rupiah
from suarawarga.models import Aspirasi, StatusAspirasi

KOLOM = ["No", "Usulan", "Lokasi", "Volume", "Perkiraan biaya", "Pengusul", "Jumlah warga yang mendukung"]


def untuk_musrenbang(qs) -> list[Aspirasi]:
    """The proposals to bring: aspirations neither refused nor merged, most supported first."""
    qs = qs.exclude(status__in=[StatusAspirasi.DITOLAK, StatusAspirasi.DIGABUNG]).select_related("wilayah", "dicatat_oleh")
    return list(qs.order_by("-jumlah_pendukung", "diterima_pada"))


def _pengusul(a: Aspirasi) -> str:
    # The sender's name is never published, and a Musrenbangdes list is a public document.
    if a.dicatat_oleh_id is not None:
        return str(_("Warga, dicatat KIM"))
    return str(_("Warga (melalui Jembatan)"))


def baris(daftar: Iterable[Aspirasi]) -> list[list]:
    return [
        [
            i,
            f"{a.get_topik_display()}: {a.isi}",
            ", ".join(x for x in (a.lokasi, str(a.wilayah.nama_lengkap)) if x),
            a.volume,
            rupiah(a.perkiraan_biaya) if a.perkiraan_biaya is not None else "",
            _pengusul(a),
            a.jumlah_pendukung,
        ]
        for i, a in enumerate(daftar, start=1)
    ]


def musrenbang_xlsx(judul: str, daftar: list[Aspirasi]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Usulan"
    ws.append([judul])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(KOLOM)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in baris(daftar):
        ws.append(row)
    for kolom, lebar in zip("ABCDEFG", (5, 60, 28, 14, 18, 24, 14), strict=True):
        ws.column_dimensions[kolom].width = lebar
    for row in ws.iter_rows(min_row=3):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def musrenbang_docx(judul: str, daftar: list[Aspirasi]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = Document()
    bagian = doc.sections[0]
    bagian.orientation = WD_ORIENT.LANDSCAPE
    bagian.page_width, bagian.page_height = Mm(297), Mm(210)
    for sisi in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(bagian, sisi, Mm(15))
    doc.add_heading(judul, level=1)
    tabel = doc.add_table(rows=1, cols=len(KOLOM))
    tabel.style = "Table Grid"
    for sel, teks in zip(tabel.rows[0].cells, KOLOM, strict=True):
        sel.text = teks
        sel.paragraphs[0].runs[0].font.bold = True
    for row in baris(daftar):
        for sel, nilai in zip(tabel.add_row().cells, row, strict=True):
            sel.text = str(nilai)
    for row in tabel.rows:
        for sel in row.cells:
            for p in sel.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
