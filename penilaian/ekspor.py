"""The regency overview as CSV and XLSX (one row per KIM)."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from penilaian.models import Sumbu
from penilaian.skor import RingkasanKabupaten


def _kepala() -> list[str]:
    return [
        _("Kode wilayah"),
        _("KIM"),
        _("Kecamatan"),
        _("Bulan"),
        _("Skor"),
        _("Tingkat"),
        *[str(s.label) for s in Sumbu],
        _("Kegiatan terakhir"),
        _("Perlu pendampingan"),
    ]


def _baris(data: RingkasanKabupaten):
    for b in data.baris:
        kec = b.kim.wilayah.parent.nama if b.kim.wilayah.parent else ""
        sumbu = [b.skor.per_sumbu.get(s.value, "") if b.skor else "" for s in Sumbu]
        yield [
            b.kim.wilayah_id,
            b.kim.nama,
            kec,
            f"{data.bulan:%Y-%m}",
            b.skor.total if b.skor else "",
            b.skor.tingkat if b.skor else "",
            *sumbu,
            b.terakhir.isoformat() if b.terakhir else "",
            _("ya") if b.tidur else _("tidak"),
        ]


def kabupaten_csv(data: RingkasanKabupaten) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(_kepala())
    w.writerows(_baris(data))
    return out.getvalue()


def kabupaten_xlsx(data: RingkasanKabupaten) -> bytes:
    from openpyxl import Workbook  # loaded only for this download: a large library most requests never need
    from openpyxl.styles import Font  # same reason

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"{data.bulan:%Y-%m}"
    ws.append(_kepala())
    for sel in ws[1]:
        sel.font = Font(bold=True)
    for baris in _baris(data):
        ws.append(baris)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
