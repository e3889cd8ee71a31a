"""The monthly activity report of a KIM, assembled from its activity reports (so volunteers write each
activity once): shown as a printable page and written as DOCX."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Cm, Pt

from kim.models import Kim
from penilaian.models import Kegiatan


@dataclass
class LaporanBulanan:
    kim: Kim
    bulan: date
    kegiatan: list[Kegiatan]
    per_jenis: list[tuple[str, int]] = field(default_factory=list)

    @property
    def judul_bulan(self) -> str:
        return formats.date_format(self.bulan, "F Y")

    @property
    def jumlah_peserta(self) -> int:
        return sum(k.jumlah_peserta or 0 for k in self.kegiatan)

    @property
    def peserta_laki(self) -> int:
        return sum(k.peserta_laki or 0 for k in self.kegiatan)

    @property
    def peserta_perempuan(self) -> int:
        return sum(k.peserta_perempuan or 0 for k in self.kegiatan)


def susun(kim: Kim, bulan: date) -> LaporanBulanan:
    """The month's activities in date order, with their photos and partner KIM, and a count per kind."""
    kegiatan = list(
        Kegiatan.objects.pada_bulan(bulan)
        .filter(kim=kim)
        .select_related("jenis", "pelapor")
        .prefetch_related("foto", "kim_mitra")
        .order_by("tanggal", "id")
    )
    per_jenis = Counter(k.jenis.nama for k in kegiatan)
    return LaporanBulanan(kim, bulan, kegiatan, sorted(per_jenis.items(), key=lambda x: (-x[1], x[0])))


def docx(laporan: LaporanBulanan) -> bytes:
    """The report as a Word document: heading, summary, one section per activity, and a signature block."""
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.5)
    gaya = doc.styles["Normal"]
    gaya.font.name = "Arial"
    gaya.font.size = Pt(11)
    kim = laporan.kim
    doc.add_heading(_("Laporan Kegiatan Bulanan"), level=0)
    doc.add_paragraph(f"{kim.nama} — {kim.wilayah.nama_lengkap}")
    doc.add_paragraph(_("Bulan: %(bulan)s") % {"bulan": laporan.judul_bulan})

    doc.add_heading(_("Ringkasan"), level=1)
    if not laporan.kegiatan:
        doc.add_paragraph(_("Tidak ada kegiatan yang dilaporkan pada bulan ini."))
    else:
        doc.add_paragraph(
            _("%(n)s kegiatan, %(p)s peserta (%(l)s laki-laki, %(w)s perempuan yang tercatat).")
            % {"n": len(laporan.kegiatan), "p": laporan.jumlah_peserta, "l": laporan.peserta_laki, "w": laporan.peserta_perempuan}
        )
        tabel = doc.add_table(rows=1, cols=2)
        tabel.style = "Table Grid"
        tabel.rows[0].cells[0].text, tabel.rows[0].cells[1].text = _("Jenis kegiatan"), _("Jumlah")
        for nama, n in laporan.per_jenis:
            sel = tabel.add_row().cells
            sel[0].text, sel[1].text = nama, str(n)

    for i, k in enumerate(laporan.kegiatan, 1):
        doc.add_heading(f"{i}. {k.judul}", level=2)
        baris = [
            (_("Tanggal"), formats.date_format(k.tanggal, "j F Y")),
            (_("Jenis"), k.jenis.nama),
            (_("Tempat"), k.tempat),
            (_("Peserta"), k.teks_peserta or "—"),
        ]
        mitra = ", ".join(m.nama for m in k.kim_mitra.all())
        if mitra:
            baris.append((_("Bersama"), mitra))
        tabel = doc.add_table(rows=0, cols=2)
        for label, nilai in baris:
            sel = tabel.add_row().cells
            sel[0].text, sel[1].text = label, nilai
        doc.add_paragraph(k.uraian)
        if k.hadir:
            doc.add_paragraph(_("Daftar hadir: %(nama)s") % {"nama": ", ".join(k.hadir)})
        if k.daftar_tautan:
            doc.add_paragraph(_("Tautan: %(t)s") % {"t": " · ".join(k.daftar_tautan)})
        foto = [f.keterangan or _("tanpa keterangan") for f in k.foto.all()]
        if foto:
            doc.add_paragraph(_("Foto (%(n)s): %(ket)s") % {"n": len(foto), "ket": "; ".join(foto)})

    doc.add_paragraph()
    doc.add_paragraph(_("Ketua %(kim)s") % {"kim": kim.nama})
    doc.add_paragraph("\n\n(................................)")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
