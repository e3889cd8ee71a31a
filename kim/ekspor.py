"""Coverage exports: CSV for any tool, XLSX for the office's spreadsheets."""

from __future__ import annotations

import csv
import io

from django.utils import translation

from kim.cakupan import TAHAP_URUT, Cakupan
from kim.models import Tahap


def _judul() -> list[str]:
    # Exports are official tables: always in Indonesian, whatever the page language.
    with translation.override("id"):
        labels = [str(Tahap(t).label) for t in TAHAP_URUT]
    return ["Kode", "Kecamatan", "Desa", "Kelurahan", "Jumlah desa/kelurahan", *labels, "Terdaftar/aktif", "% terdaftar/aktif"]


def _rows(data: Cakupan):
    for b in [*data.baris, data.total]:
        kode = b.kode if b is not data.total else ""
        nama = b.nama if b is not data.total else f"Jumlah {data.wilayah.nama}"
        yield [kode, nama, b.jumlah_desa, b.jumlah_kelurahan, b.jumlah_wilayah, *b.tahap_list, b.tercakup, b.persen]


def _tanpa_rows(tanpa):
    for d in tanpa:
        with translation.override("id"):
            yield [d.kode, d.parent.nama, d.nama, str(d.get_tipe_display())]


_JUDUL_PENDAMPINGAN = ["Kode", "Kecamatan", "Desa/kelurahan", "KIM perlu pendampingan (tanpa kegiatan dilaporkan)"]


def _pendampingan_rows(pendampingan):
    for k in pendampingan:
        yield [k.wilayah_id, k.wilayah.parent.nama if k.wilayah.parent else "", k.wilayah.nama, k.nama]


def cakupan_csv(data: Cakupan, tanpa, pendampingan=()) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    w = csv.writer(out)
    w.writerow(_judul())
    w.writerows(_rows(data))
    w.writerow([])
    w.writerow(["Kode", "Kecamatan", "Desa/kelurahan tanpa KIM", "Jenis"])
    w.writerows(_tanpa_rows(tanpa))
    w.writerow([])
    w.writerow(_JUDUL_PENDAMPINGAN)
    w.writerows(_pendampingan_rows(pendampingan))
    return out.getvalue()


def cakupan_xlsx(data: Cakupan, tanpa, kabupaten, pendampingan=()) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Cakupan per kecamatan"
    ws.append([f"Cakupan KIM {kabupaten.nama}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(_judul())
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in _rows(data):
        ws.append(row)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "C3"
    ws.column_dimensions["B"].width = 24
    ws2 = wb.create_sheet("Belum ada KIM")
    ws2.append(["Kode", "Kecamatan", "Desa/kelurahan", "Jenis"])
    for cell in ws2[1]:
        cell.font = Font(bold=True)
    for row in _tanpa_rows(tanpa):
        ws2.append(row)
    ws2.column_dimensions["B"].width = 20
    ws2.column_dimensions["C"].width = 28
    ws3 = wb.create_sheet("Perlu pendampingan")
    ws3.append(_JUDUL_PENDAMPINGAN)
    for cell in ws3[1]:
        cell.font = Font(bold=True)
    for row in _pendampingan_rows(pendampingan):
        ws3.append(row)
    ws3.column_dimensions["B"].width = 20
    ws3.column_dimensions["C"].width = 28
    ws3.column_dimensions["D"].width = 32
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
