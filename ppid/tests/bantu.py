"""Small helpers for ppid's tests."""

import datetime as dt

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from jembatan.lib.uploads import clean_upload
from jembatan.test import DESA_A
from jembatan.tests.contoh_berkas import pdf_sah
from ppid.models import Informasi, Kategori, Permohonan


def make_permohonan(kode: str = DESA_A, tanggal: dt.date | None = None, **fields) -> Permohonan:
    """A request to village A's PPID (or the badan publik `kode`), registered the way the form does."""
    fields.setdefault("nama", "Siti Aminah")
    fields.setdefault("nomor_identitas", "6305014501900001")
    fields.setdefault("alamat", "RT 02 Desa Tungkap")
    fields.setdefault("email", "siti@contoh.example")
    fields.setdefault("rincian", "Salinan APBDes Tungkap tahun 2026 beserta realisasinya.")
    fields.setdefault("tujuan", "Mengetahui penggunaan dana desa.")
    if tanggal is None:
        return Permohonan.ajukan(Permohonan(wilayah_id=kode, **fields))
    # Filed on that day: a request cannot be dated after the day it is entered.
    with time_machine.travel(f"{tanggal.isoformat()} 09:00 +08:00", tick=False):
        return Permohonan.ajukan(Permohonan(wilayah_id=kode, **fields), tanggal=tanggal)


def make_informasi(kode: str = DESA_A, **fields) -> Informasi:
    """A periodic entry of village A's list of public information, updated today."""
    fields.setdefault("kategori", Kategori.BERKALA)
    fields.setdefault("judul", "APBDes Tungkap 2026")
    fields.setdefault("ringkasan", "Anggaran pendapatan dan belanja desa tahun 2026.")
    fields.setdefault("penanggung_jawab", "Kaur Keuangan")
    fields.setdefault("retensi", "5 tahun")
    fields.setdefault("tanggal", dt.date(2026, 1, 15))
    fields.setdefault("diperbarui", fields["tanggal"])
    return Informasi.objects.create(wilayah_id=kode, **fields)


def berkas_pdf(nama: str = "apbdes-2026.pdf"):
    """A real one-page PDF, cleaned the way the answer form cleans uploads."""
    return clean_upload(SimpleUploadedFile(nama, pdf_sah(), content_type="application/pdf"))
