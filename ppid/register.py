"""The registers a badan publik keeps (Perki 1/2021): register permohonan and register keberatan, as XLSX.

These are the PPID's own books, opened only by those who follow the badan publik; they carry the requester's
name and how to reach them, never their identity number."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ppid.models import Informasi, Keberatan, Permohonan, PpidPembantu, nama_ppid
from wilayah.models import Wilayah


def _hari_tanggal(tanggal) -> str:
    return date_format(tanggal, "l, j F Y") if tanggal else ""


def _buku(judul: str, sub: str, kolom: Sequence[str], baris: Iterable[Sequence[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = judul[:31]
    ws.append([judul])
    ws.append([sub])
    ws.append([])
    ws.append(list(kolom))
    ws["A1"].font = Font(bold=True, size=13)
    for sel in ws[4]:
        sel.font = Font(bold=True)
        sel.alignment = Alignment(wrap_text=True, vertical="top")
    for b in baris:
        ws.append(list(b))
    for i, nama in enumerate(kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(nama) + 4))
    ws.freeze_panes = "A5"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _kontak(p: Permohonan) -> str:
    return " / ".join(x for x in (p.telepon, p.email) if x)


def register_permohonan(wilayah: Wilayah, tahun: int, pembantu: PpidPembantu | None = None) -> bytes:
    """The year's requests of the badan publik, or only those forwarded to the PPID Pembantu `pembantu`."""
    kolom = [
        _("No."),
        _("Nomor pendaftaran"),
        _("Tanggal diterima"),
        _("Nama pemohon"),
        _("Alamat"),
        _("Nomor kontak"),
        _("Pekerjaan"),
        _("Informasi yang diminta"),
        _("Tujuan penggunaan"),
        _("Cara memperoleh"),
        _("Cara mendapatkan salinan"),
        _("Dibantu KIM"),
        _("Batas waktu"),
        _("Diperpanjang (hari kerja)"),
        _("Keputusan"),
        _("Dasar pengecualian (Pasal 17)"),
        _("Hari dan tanggal pemberitahuan tertulis"),
        _("Lama (hari kerja)"),
        _("Tepat waktu"),
        _("Biaya (Rp)"),
        _("Keberatan"),
    ]
    qs = Permohonan.objects.filter(wilayah=wilayah).tahun(tahun).select_related("keberatan").order_by("diterima", "urut")
    if pembantu is not None:
        qs = qs.filter(pembantu=pembantu)
    baris = (
        [
            i,
            p.nomor,
            p.diterima,
            p.nama,
            p.alamat,
            _kontak(p),
            p.pekerjaan,
            p.rincian,
            p.tujuan,
            p.get_cara_memperoleh_display(),
            p.get_cara_salinan_display(),
            _("ya") if p.dibantu_oleh_id else "",
            p.batas_jawab,
            p.perpanjangan_hari or "",
            p.get_keputusan_display() if p.keputusan else _("sedang diproses"),
            p.get_alasan_pengecualian_display(),
            _hari_tanggal(p.dijawab),
            p.lama_jawab if p.lama_jawab is not None else "",
            "" if p.tepat_waktu is None else (_("ya") if p.tepat_waktu else _("terlambat")),
            p.biaya if p.dijawab else "",
            getattr(getattr(p, "keberatan", None), "nomor", ""),
        ]
        for i, p in enumerate(qs, start=1)
    )
    judul = _("Register permohonan informasi publik")
    return _buku(judul, f"{pembantu.nama_ppid if pembantu else nama_ppid(wilayah)} — {tahun}", kolom, baris)


def register_keberatan(wilayah: Wilayah, tahun: int, pembantu: PpidPembantu | None = None) -> bytes:
    kolom = [
        _("No."),
        _("Nomor registrasi keberatan"),
        _("Tanggal diterima"),
        _("Nama pemohon"),
        _("Alamat"),
        _("Nomor kontak"),
        _("Nomor pendaftaran permohonan"),
        _("Informasi yang diminta"),
        _("Tujuan penggunaan"),
        _("Alasan keberatan"),
        _("Uraian"),
        _("Batas waktu tanggapan"),
        _("Keputusan atasan PPID"),
        _("Hari dan tanggal tanggapan"),
        _("Nama dan jabatan atasan PPID"),
        _("Tanggapan pemohon"),
        _("Nomor sengketa di Komisi Informasi"),
        _("Tahap sengketa"),
    ]
    qs = (
        Keberatan.objects.filter(permohonan__wilayah=wilayah, diterima__year=tahun)
        .filter(**({"permohonan__pembantu": pembantu} if pembantu is not None else {}))
        .select_related("permohonan")
        .order_by("diterima", "urut")
    )
    baris = (
        [
            i,
            k.nomor,
            k.diterima,
            k.permohonan.nama,
            k.permohonan.alamat,
            _kontak(k.permohonan),
            k.permohonan.nomor,
            k.permohonan.rincian,
            k.permohonan.tujuan,
            k.get_alasan_display(),
            k.uraian,
            k.batas_tanggapan,
            k.get_keputusan_display() if k.keputusan else _("sedang diproses"),
            _hari_tanggal(k.tanggal_tanggapan),
            f"{k.nama_atasan}, {k.jabatan_atasan}" if k.nama_atasan else "",
            k.tanggapan_pemohon,
            k.nomor_sengketa,
            k.get_tahap_sengketa_display(),
        ]
        for i, k in enumerate(qs, start=1)
    )
    judul = _("Register keberatan")
    return _buku(judul, f"{pembantu.nama_ppid if pembantu else nama_ppid(wilayah)} — {tahun}", kolom, baris)


def daftar_informasi(wilayah: Wilayah, informasi: Iterable[Informasi]) -> bytes:
    """The Daftar Informasi Publik as published: every entry, and for excluded ones the uji konsekuensi."""
    kolom = [
        _("No."),
        _("Kategori"),
        _("Judul informasi"),
        _("Ringkasan"),
        _("Pejabat/unit yang menguasai"),
        _("Bentuk informasi"),
        _("Jangka waktu penyimpanan"),
        _("Tanggal"),
        _("Tautan"),
        _("Dasar pengecualian (Pasal 17)"),
        _("Konsekuensi bila dibuka"),
        _("Uji kepentingan publik"),
        _("Diputuskan oleh"),
        _("Tanggal uji konsekuensi"),
        _("Dikecualikan sampai"),
        _("Terakhir diperbarui"),
    ]
    baris = (
        [
            i,
            x.get_kategori_display(),
            x.judul,
            x.ringkasan,
            x.penanggung_jawab,
            x.get_bentuk_display(),
            x.retensi,
            x.tanggal,
            x.tautan,
            x.get_alasan_pengecualian_display(),
            x.konsekuensi,
            x.kepentingan_umum,
            x.diputuskan_oleh,
            x.tanggal_uji,
            x.dikecualikan_sampai,
            x.diperbarui,
        ]
        for i, x in enumerate(informasi, start=1)
    )
    return _buku(_("Daftar informasi publik"), nama_ppid(wilayah), kolom, baris)
