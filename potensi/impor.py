"""Importing a village's products from OpenSID's lapak (market) module.

The layout followed is OpenSID's own download of its product list, "DATA PRODUK", as its code writes it:
`resources/views/admin/lapak/produk/cetak.blade.php`, rendered by `Lapak_admin::aksi('unduh')`
(OpenSID/OpenSID, the 2024 releases, 24xx; the same columns as the product table of
`donjo-app/views/lapak_admin/produk/index.php` in the 22xx–23xx releases):

    NO | PELAPAK | PRODUK | KATEGORI | HARGA | SATUAN | POTONGAN | DESKRIPSI

saved as CSV (comma or semicolon, as a spreadsheet in an Indonesian locale saves it). The title lines
OpenSID puts above the table ("PEMERINTAH KABUPATEN …", "DATA PRODUK") are skipped up to the heading row;
HARGA may be written as OpenSID prints it ("Rp 25.000", "Rp. 25.000,00") or as a plain number. PELAPAK
becomes the producer, KATEGORI must name one of our kinds (by name or slug), POTONGAN (a discount) has
no place in a catalogue and is ignored. Rows become drafts of the chosen village, written by the importer,
only when they confirm the preview; nothing is saved before that.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akun.akses import wajib
from potensi import akses
from potensi.forms import MAKS_DESKRIPSI, baca_harga
from potensi.models import JenisPotensi, Potensi
from wilayah.models import Wilayah

WAJIB = ("PELAPAK", "PRODUK", "KATEGORI", "HARGA", "SATUAN", "DESKRIPSI")
SEMUA = ("NO", "PELAPAK", "PRODUK", "KATEGORI", "HARGA", "SATUAN", "POTONGAN", "DESKRIPSI")
MAKS_BARIS = 500
MAKS_BYTE = 1_000_000
# Title lines OpenSID writes above the table; the heading is looked for within this many lines.
MAKS_BARIS_JUDUL = 15


class BerkasDitolak(Exception):
    """The file as a whole cannot be read as OpenSID's product list (nothing is saved)."""


@dataclass
class BarisImpor:
    """One product line of the file: its line number, what it says, and what will happen to it."""

    nomor: int
    produk: str
    kategori: str
    harga_teks: str
    potensi: Potensi | None = None
    alasan: list[str] = field(default_factory=list)

    @property
    def diterima(self) -> bool:
        return not self.alasan


@dataclass
class HasilBaca:
    baris: list[BarisImpor]

    @property
    def diterima(self) -> list[BarisImpor]:
        return [b for b in self.baris if b.diterima]

    @property
    def ditolak(self) -> list[BarisImpor]:
        return [b for b in self.baris if not b.diterima]


def _teks(data: bytes) -> str:
    if len(data) > MAKS_BYTE:
        raise BerkasDitolak(_("Berkas terlalu besar (paling banyak 1 MB, sekitar %(n)s baris).") % {"n": MAKS_BARIS})
    for kode in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(kode)
        except UnicodeDecodeError:
            continue
    raise BerkasDitolak(_("Berkas tidak terbaca sebagai teks CSV."))


def _baris_csv(teks: str) -> list[list[str]]:
    contoh = teks[:4096]
    pemisah = ";" if contoh.count(";") > contoh.count(",") else ","
    return list(csv.reader(io.StringIO(teks), delimiter=pemisah))


def _kepala(baris: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The heading row's index and each OpenSID column's position; BerkasDitolak when there is none."""
    for i, sel in enumerate(baris[:MAKS_BARIS_JUDUL]):
        nama = [s.strip().upper() for s in sel]
        if "PRODUK" in nama and "HARGA" in nama:
            posisi = {n: nama.index(n) for n in SEMUA if n in nama}
            kurang = [n for n in WAJIB if n not in posisi]
            if kurang:
                raise BerkasDitolak(
                    _("Kolom %(kurang)s tidak ada. Berkas harus memakai kolom unduhan produk lapak OpenSID: %(kolom)s.")
                    % {"kurang": ", ".join(kurang), "kolom": ", ".join(SEMUA)}
                )
            return i, posisi
    raise BerkasDitolak(
        _("Baris judul kolom tidak ditemukan. Berkas harus memakai kolom unduhan produk lapak OpenSID: %(kolom)s.")
        % {"kolom": ", ".join(SEMUA)}
    )


def _jenis_dikenal() -> dict[str, JenisPotensi]:
    kenal: dict[str, JenisPotensi] = {}
    for j in JenisPotensi.objects.all():
        kenal[j.nama.strip().lower()] = j
        kenal[j.slug] = j
    return kenal


def baca(data: bytes, *, desa, penulis) -> HasilBaca:
    """Read an OpenSID product list for `desa`: every product line with the draft it would become, or the
    reasons it is refused. Saves nothing."""
    baris = _baris_csv(_teks(data))
    mulai, posisi = _kepala(baris)
    jenis = _jenis_dikenal()
    nama_ada = {n.lower() for n in Potensi.objects.filter(wilayah=desa).values_list("nama", flat=True)}
    dilihat: dict[str, int] = {}
    hasil: list[BarisImpor] = []
    for nomor, sel in enumerate(baris[mulai + 1 :], start=mulai + 2):
        nilai = {n: (sel[i].strip() if i < len(sel) else "") for n, i in posisi.items()}
        if not any(nilai.values()) or (nilai.get("PELAPAK", "").lower() == "tidak ada data" and not nilai["PRODUK"]):
            continue
        if len(hasil) == MAKS_BARIS:
            raise BerkasDitolak(_("Terlalu banyak baris: paling banyak %(n)s produk sekali impor.") % {"n": MAKS_BARIS})
        b = BarisImpor(nomor=nomor, produk=nilai["PRODUK"], kategori=nilai["KATEGORI"], harga_teks=nilai["HARGA"])
        hasil.append(b)
        _periksa(b, nilai, jenis, nama_ada, dilihat, desa=desa, penulis=penulis)
    if not hasil:
        raise BerkasDitolak(_("Tidak ada baris produk di bawah judul kolom."))
    return HasilBaca(hasil)


def _periksa(b: BarisImpor, nilai: dict[str, str], jenis, nama_ada: set[str], dilihat: dict[str, int], *, desa, penulis) -> None:
    nama, pelapak, deskripsi, satuan = nilai["PRODUK"], nilai["PELAPAK"], nilai["DESKRIPSI"], nilai["SATUAN"]
    if not nama:
        b.alasan.append(_("Nama produk kosong."))
    elif len(nama) > 150:
        b.alasan.append(_("Nama produk lebih dari 150 karakter."))
    elif nama.lower() in dilihat:
        b.alasan.append(_("Produk yang sama sudah ada di baris %(n)s.") % {"n": dilihat[nama.lower()]})
    elif nama.lower() in nama_ada:
        b.alasan.append(_("Potensi bernama ini sudah ada di desa ini."))
    if nama:
        dilihat.setdefault(nama.lower(), b.nomor)
    j = jenis.get(b.kategori.lower()) or jenis.get(slugify(b.kategori))
    if j is None:
        b.alasan.append(
            _("Jenis “%(k)s” tidak dikenal; pakai salah satu: %(daftar)s.")
            % {"k": b.kategori, "daftar": ", ".join(sorted({x.nama for x in jenis.values()}))}
        )
    try:
        harga = baca_harga(b.harga_teks)
    except ValueError:
        harga = None
        b.alasan.append(_("Harga “%(h)s” tidak terbaca sebagai rupiah (mis. 25000 atau Rp 25.000).") % {"h": b.harga_teks})
    if not pelapak:
        b.alasan.append(_("Nama pelapak (produsen) kosong."))
    elif len(pelapak) > 150:
        b.alasan.append(_("Nama pelapak lebih dari 150 karakter."))
    if len(satuan) > 30:
        b.alasan.append(_("Satuan lebih dari 30 karakter."))
    if not deskripsi:
        b.alasan.append(_("Deskripsi kosong."))
    elif len(deskripsi) > MAKS_DESKRIPSI:
        b.alasan.append(_("Deskripsi lebih dari 10.000 karakter."))
    if b.diterima:
        b.potensi = Potensi(
            jenis=j,
            nama=nama,
            deskripsi=deskripsi,
            wilayah=desa,
            nama_produsen=pelapak,
            harga_min=harga,
            harga_max=harga,
            satuan=satuan,
            penulis=penulis,
        )


def simpan(hasil: HasilBaca, *, oleh) -> list[Potensi]:
    """Save the accepted lines as drafts, all or none, through the write flow's own save."""
    with transaction.atomic():
        for b in hasil.diterima:
            assert b.potensi is not None
            b.potensi.simpan_perubahan(oleh=oleh, versi=0)
    return [b.potensi for b in hasil.diterima if b.potensi is not None]


# --- The page: upload → preview → confirm -----------------------------------------------------------------

# The preview carries the file itself, signed for this user and village, so that nothing is stored before
# the confirmation and nothing but what was previewed can be confirmed.
UMUR_PRATINJAU = 3600  # seconds


class ImporForm(forms.Form):
    desa = forms.ModelChoiceField(label=gettext_lazy("Desa/kelurahan"), queryset=Wilayah.objects.none(), to_field_name="kode")
    berkas = forms.FileField(
        label=gettext_lazy("Berkas CSV produk lapak OpenSID"),
        help_text=gettext_lazy("Kolom: NO, PELAPAK, PRODUK, KATEGORI, HARGA, SATUAN, POTONGAN, DESKRIPSI (paling banyak 1 MB)."),
    )

    def __init__(self, *args, desa_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].queryset = desa_qs.select_related("parent").order_by("parent__nama", "nama")
        self.fields["desa"].label_from_instance = lambda w: f"{w.nama_lengkap}, {w.parent.nama_lengkap}"


def _garam(request: HttpRequest, kode: str) -> str:
    return f"potensi.impor:{request.user.pk}:{kode}"


@login_required
def impor(request: HttpRequest) -> HttpResponse:
    desa_qs = akses.desa_untuk_impor(request.user)
    wajib(desa_qs.exists())
    if request.method == "POST" and "token" in request.POST:
        return _konfirmasi(request, desa_qs)
    form = ImporForm(request.POST or None, request.FILES or None, desa_qs=desa_qs)
    if request.method != "POST" or not form.is_valid():
        return render(request, "potensi/impor.html", {"form": form}, status=400 if form.is_bound else 200)
    desa, data = form.cleaned_data["desa"], form.cleaned_data["berkas"].read(MAKS_BYTE + 1)
    try:
        hasil = baca(data, desa=desa, penulis=request.user)
    except BerkasDitolak as e:
        form.add_error("berkas", str(e))
        return render(request, "potensi/impor.html", {"form": form}, status=400)
    token = signing.dumps(data.decode("latin-1"), salt=_garam(request, desa.kode), compress=True)
    return render(request, "potensi/impor.html", {"form": form, "desa": desa, "hasil": hasil, "token": token})


def _konfirmasi(request: HttpRequest, desa_qs) -> HttpResponse:
    desa = desa_qs.filter(kode=request.POST.get("desa", "")).first()
    if desa is None:
        messages.error(request, _("Desa ini tidak dalam cakupan Anda."))
        return redirect("potensi:impor")
    try:
        data = signing.loads(request.POST["token"], salt=_garam(request, desa.kode), max_age=UMUR_PRATINJAU).encode("latin-1")
        hasil = baca(data, desa=desa, penulis=request.user)
    except signing.BadSignature:
        messages.error(request, _("Pratinjau sudah kedaluwarsa atau tidak sah; unggah berkasnya lagi."))
        return redirect("potensi:impor")
    except BerkasDitolak as e:
        messages.error(request, str(e))
        return redirect("potensi:impor")
    disimpan = simpan(hasil, oleh=request.user)
    messages.success(
        request,
        _("%(n)s potensi disimpan sebagai draf untuk %(desa)s; %(t)s baris ditolak. Periksa dan ajukan masing-masing.")
        % {"n": len(disimpan), "desa": desa.nama_lengkap, "t": len(hasil.ditolak)},
    )
    return redirect("potensi:meja")
