import os

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from akun.akses import is_admin, wajib
from jembatan.lib.domain import DomainError, tolak_di_form
from jembatan.lib.media import serve_private
from jembatan.lib.pagecache import public_page
from jembatan.lib.ratelimit import client_address, exceeded
from ppid import akses, register
from ppid.forms import (
    InformasiForm,
    JawabForm,
    KeberatanForm,
    LaporanForm,
    LaporanPembantuForm,
    PermohonanForm,
    PermohonanLangsungForm,
    PerpanjangForm,
    SengketaForm,
    TanggapanForm,
    TeruskanForm,
)
from ppid.laporan import hitung as hitung_laporan
from ppid.laporan import laporan_docx as laporan_docx_isi
from ppid.models import (
    Informasi,
    Kategori,
    Keberatan,
    LaporanPembantu,
    LaporanTahunan,
    Permohonan,
    PpidPembantu,
    badan_publik_qs,
    batas_laporan,
    hari_ini,
    is_kabupaten,
    kalender,
    nama_ppid,
)
from ppid.surat import pemberitahuan_docx as pemberitahuan_docx_isi
from wilayah.models import Level

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# --- Public: the offices, the request form and the requester's tracking page ------------------------------


@require_safe
@public_page
def indeks(request):
    q = request.GET.get("q", "").strip()[:80]
    desa = badan_publik_qs().filter(level=Level.DESA).select_related("parent").order_by("parent__nama", "nama")
    if q:
        desa = desa.filter(Q(nama__icontains=q) | Q(parent__nama__icontains=q))
    kabupaten = badan_publik_qs().filter(kode=settings.JEMBATAN_KABUPATEN).first()
    return render(request, "ppid/indeks.html", {"kabupaten": kabupaten, "desa": desa, "q": q})


@require_safe
@public_page
def badan(request, kode):
    wilayah = akses.get_badan_publik(kode)
    q = request.GET.get("q", "").strip()[:100]
    semua = Informasi.objects.filter(wilayah=wilayah)
    informasi = list(semua.cari(q))
    kelompok = [(k, label, [x for x in informasi if x.kategori == k]) for k, label in Kategori.choices]
    konteks = {"badan": wilayah, "ppid": nama_ppid(wilayah), "kelompok": kelompok, "q": q, "ada_dip": semua.exists()}
    return render(request, "ppid/badan.html", konteks)


@require_safe
@public_page
def dip_xlsx(request, kode):
    wilayah = akses.get_badan_publik(kode)
    isi = register.daftar_informasi(wilayah, Informasi.objects.filter(wilayah=wilayah))
    return _xlsx(isi, f"daftar-informasi-publik-{wilayah.kode}.xlsx")


def _xlsx(isi: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


def mohon(request, kode):
    wilayah = akses.get_badan_publik(kode)
    boleh_bantu = akses.boleh_bantu(request.user, wilayah)
    form = PermohonanForm(request.POST or None, boleh_bantu=boleh_bantu, instance=Permohonan(wilayah=wilayah))
    konteks = {"badan": wilayah, "ppid": nama_ppid(wilayah), "form": form}
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["situs_web"]:  # honeypot: a bot, answer as if nothing happened
            kosong = PermohonanForm(boleh_bantu=boleh_bantu, instance=Permohonan(wilayah=wilayah))
            return render(request, "ppid/mohon.html", {**konteks, "form": kosong})
        if exceeded(f"ppid:{client_address(request)}", settings.JEMBATAN_PPID_BATAS_PER_JAM, 3600):
            form.add_error(None, _("Terlalu banyak permohonan dari alamat ini dalam satu jam. Silakan coba lagi nanti."))
            return render(request, "ppid/mohon.html", konteks, status=429)
        p = form.instance
        if form.cleaned_data.get("dibantu"):
            p.dibantu_oleh = request.user
        try:
            Permohonan.ajukan(p, oleh=request.user, ditujukan=form.cleaned_data.get("ditujukan"))
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            return render(request, "ppid/diterima.html", {"p": p, "ppid": konteks["ppid"]})
    return render(request, "ppid/mohon.html", konteks, status=400 if form.errors else 200)


@require_safe
def cari_lacak(request):
    kode = request.GET.get("kode", "").strip()
    if kode:
        return redirect("ppid:lacak", kode="".join(kode.split()).upper()[:12])
    return render(request, "ppid/cari_lacak.html")


@require_safe
@public_page
def lacak(request, kode):
    """The requester's page, by tracking code: cached like every public page (it holds no personal data) and
    retired whenever the request, its objection or its files change (`ppid.signals`)."""
    p = akses.get_permohonan_lacak(kode)
    return render(request, "ppid/lacak.html", _konteks_lacak(p))


@require_safe
@never_cache
def lampiran_lacak(request, kode, rahasia):
    """A file of the answer, for the requester (their tracking code and the file's secret)."""
    lampiran = akses.get_lampiran_lacak(kode, rahasia)
    return serve_private(lampiran.berkas, os.path.splitext(lampiran.nama)[0], as_attachment=True)


@require_safe
def informasi_berkas(request, pk):
    """The file of a DIP entry: public for the public categories, the PPID's own for an excluded one."""
    informasi = akses.get_berkas_informasi(request, pk)
    return serve_private(informasi.berkas, f"informasi-publik-{informasi.pk}", as_attachment=True)


def _konteks_lacak(p: Permohonan, *, meja: bool = False, **extra) -> dict:
    """What the tracking page and the PPID's page of a request show; `meja` links the files for the desk."""
    kal = kalender()
    keberatan = Keberatan.objects.filter(permohonan=p).first()
    lampiran = [] if p.is_terbuka else list(p.lampiran.all())
    return {
        "lampiran": [(x.nama, x.get_absolute_url() if meja else x.get_tracking_url(), x.ukuran) for x in lampiran],
        "p": p,
        "ppid": nama_ppid(p.wilayah),
        "sisa": p.sisa_hari_kerja(kal=kal) if p.is_terbuka else None,
        "terlambat": p.is_terlambat(),
        "batas_keberatan": p.batas_keberatan() if keberatan is None else None,
        "keberatan": keberatan,
        "batas_sengketa": keberatan.batas_sengketa() if keberatan else None,
        "hari_ini": hari_ini(),
        **extra,
    }


@never_cache
def ajukan_keberatan(request, kode):
    p = akses.get_permohonan_lacak(kode)
    form = KeberatanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if exceeded(f"ppid:{client_address(request)}", settings.JEMBATAN_PPID_BATAS_PER_JAM, 3600):
            form.add_error(None, _("Terlalu banyak permintaan dari alamat ini dalam satu jam. Silakan coba lagi nanti."))
            return render(request, "ppid/keberatan.html", _konteks_lacak(p, form=form), status=429)
        try:
            Keberatan.ajukan(p, alasan=form.cleaned_data["alasan"], uraian=form.cleaned_data["uraian"], oleh=request.user)
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, _("Keberatan Anda diterima dan dicatat dalam register keberatan."))
            return redirect("ppid:lacak", kode=p.kode)
    return render(request, "ppid/keberatan.html", _konteks_lacak(p, form=form), status=400 if form.errors else 200)


# --- The PPID desk ------------------------------------------------------------------------------------


@login_required
@require_safe
def meja(request):
    wajib(akses.boleh_buka_meja(request.user))
    badan_qs = akses.badan_diikuti(request.user).select_related("parent").order_by("level", "nama")
    qs = akses.permohonan_diikuti(request.user).select_related("wilayah", "pembantu")
    pilih = request.GET.get("badan", "")
    if pilih:
        qs = qs.filter(wilayah__kode=pilih)
    tampil = request.GET.get("tampil", "terbuka")
    hari = hari_ini()
    if tampil == "terlambat":
        qs = qs.terlambat(hari)
    elif tampil == "terbuka":
        qs = qs.terbuka()
    qs = qs.order_by("batas_jawab", "pk") if tampil != "semua" else qs.order_by("-diterima", "-pk")
    keberatan = akses.keberatan_diikuti(request.user).terbuka().select_related("permohonan__wilayah").order_by("batas_tanggapan")
    konteks = {
        "halaman": Paginator(qs, 50).get_page(request.GET.get("halaman")),
        "keberatan": keberatan[:50],
        "badan_qs": badan_qs,
        "pilih": pilih,
        "tampil": tampil,
        "hari_ini": hari,
        "jumlah_terlambat": akses.permohonan_diikuti(request.user).terlambat(hari).count(),
        "tahun": hari.year,
        "tahun_lalu": hari.year - 1,
        "register_badan": _badan_register(request.user, badan_qs, pilih),
        "pembantu_qs": PpidPembantu.objects.all()
        if is_admin(request.user)
        else PpidPembantu.objects.filter(pk__in=akses.unit_pembantu(request.user)),
        "dip_badan": [b for b in badan_qs if akses.boleh_jawab(request.user, b)]
        if not is_admin(request.user)
        else badan_qs.filter(kode=settings.JEMBATAN_KABUPATEN),
    }
    return render(request, "ppid/meja.html", konteks)


def _badan_register(user, badan_qs, pilih: str) -> list:
    """The registers offered on the desk: the chosen office's, else all of a village or kecamatan's (a short
    list), and for Diskominfo the regency's own until a village is chosen."""
    if pilih:
        return list(badan_qs.filter(kode=pilih))
    if is_admin(user):
        return list(badan_qs.filter(kode=settings.JEMBATAN_KABUPATEN))
    return list(badan_qs)


@login_required
def catat_permohonan(request, kode):
    """The PPID enters a request received in person or on paper; the requester gets the number and code on paper."""
    wilayah = akses.get_badan_untuk_ppid(request, kode)
    form = PermohonanLangsungForm(request.POST or None, instance=Permohonan(wilayah=wilayah))
    if request.method == "POST" and form.is_valid():
        try:
            Permohonan.ajukan(form.instance, oleh=request.user, tanggal=form.cleaned_data["diterima"])
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            p = form.instance
            pesan = _("Permohonan %(nomor)s dicatat. Berikan kepada pemohon kode pelacakan %(kode)s.")
            messages.success(request, pesan % {"nomor": p.nomor, "kode": p.kode})
            return redirect("ppid:permohonan", pk=p.pk)
    konteks = {"badan": wilayah, "ppid": nama_ppid(wilayah), "form": form}
    return render(request, "ppid/catat.html", konteks, status=400 if form.errors else 200)


@login_required
@require_safe
def permohonan(request, pk):
    p = akses.get_permohonan_untuk_pengikut(request, pk)
    boleh_jawab = akses.boleh_jawab_permohonan(request.user, p)
    konteks = _konteks_lacak(p, meja=True, boleh_jawab=boleh_jawab)
    if p.is_terbuka and is_kabupaten(p.wilayah) and akses.boleh_jawab(request.user, p.wilayah) and PpidPembantu.objects.exists():
        konteks["teruskan_form"] = TeruskanForm(initial={"pembantu": p.pembantu_id})
    if boleh_jawab and p.is_terbuka:
        konteks["perpanjang_form"] = PerpanjangForm() if not p.perpanjangan_hari else None
        konteks["jawab_form"] = JawabForm(initial={"penandatangan": request.user.nama})
    return render(request, "ppid/permohonan.html", konteks)


@login_required
@require_safe
def lampiran(request, pk, lampiran_pk):
    """A file of the answer, for those who follow the request at the desk."""
    berkas = akses.get_lampiran_untuk_pengikut(request, pk, lampiran_pk)
    return serve_private(berkas.berkas, os.path.splitext(berkas.nama)[0], as_attachment=True)


@login_required
@require_safe
def pemberitahuan_docx(request, pk):
    p = akses.get_permohonan_untuk_pengikut(request, pk)
    wajib(not p.is_terbuka)
    response = HttpResponse(pemberitahuan_docx_isi(p), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="pemberitahuan-{p.tahun}-{p.urut:03d}-{p.wilayah_id}.docx"'
    return response


def _langkah(request, p, form, templat_form: str, lakukan, pesan: str):
    """A PPID step on a request: run the model method, and show its refusal beside the field, input kept."""
    if form.is_valid():
        try:
            lakukan(form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, pesan)
            return redirect("ppid:permohonan", pk=p.pk)
    konteks = _konteks_lacak(p, meja=True, boleh_jawab=True, **{templat_form: form})
    return render(request, "ppid/permohonan.html", konteks, status=400)


@login_required
@require_POST
def teruskan(request, pk):
    """PPID Utama forwards a request of the regency to a PPID Pembantu (or takes it back)."""
    p = akses.get_permohonan_untuk_utama(request, pk)
    form = TeruskanForm(request.POST)
    if form.is_valid():
        try:
            p.teruskan(oleh=request.user, pembantu=form.cleaned_data["pembantu"])
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, _("Permohonan diteruskan."))
            return redirect("ppid:permohonan", pk=p.pk)
    konteks = _konteks_lacak(p, meja=True, boleh_jawab=True, teruskan_form=form)
    return render(request, "ppid/permohonan.html", konteks, status=400)


@login_required
def perpanjang(request, pk):
    p = akses.get_permohonan_untuk_ppid(request, pk)
    if request.method != "POST":
        return redirect("ppid:permohonan", pk=p.pk)

    def lakukan(d):
        p.perpanjang(oleh=request.user, hari=d["hari"], alasan=d["alasan"], tanggal=d["tanggal"])

    return _langkah(request, p, PerpanjangForm(request.POST), "perpanjang_form", lakukan, _("Jangka waktu diperpanjang."))


@login_required
def jawab(request, pk):
    p = akses.get_permohonan_untuk_ppid(request, pk)
    if request.method != "POST":
        return redirect("ppid:permohonan", pk=p.pk)

    def lakukan(d):
        p.jawab(oleh=request.user, **d)

    form = JawabForm(request.POST, request.FILES, upload_terlalu_besar=getattr(request, "upload_terlalu_besar", False))
    return _langkah(request, p, form, "jawab_form", lakukan, _("Pemberitahuan tertulis tersimpan."))


@login_required
def keberatan(request, pk):
    k = akses.get_keberatan_untuk_atasan(request, pk)
    tanggapan_form = TanggapanForm(request.POST if "tanggapi" in request.POST else None)
    awal = {"nomor": k.nomor_sengketa, "tahap": k.tahap_sengketa, "hasil": k.hasil_sengketa} if k.nomor_sengketa else {}
    if k.tanggal_sengketa:
        awal["tanggal"] = k.tanggal_sengketa
    sengketa_form = SengketaForm(request.POST if "sengketa" in request.POST else None, initial=awal)
    if request.method == "POST":
        form, lakukan = (
            (tanggapan_form, lambda d: k.tanggapi(oleh=request.user, **d))
            if "tanggapi" in request.POST
            else (sengketa_form, lambda d: k.catat_sengketa(oleh=request.user, **d))
        )
        if form.is_valid():
            try:
                lakukan(form.cleaned_data)
            except DomainError as e:
                form.add_error(e.field, str(e))
            else:
                messages.success(request, _("Register keberatan diperbarui."))
                return redirect("ppid:keberatan", pk=k.pk)
    konteks = {
        **_konteks_lacak(k.permohonan, meja=True, boleh_jawab=True),
        "tanggapan_form": tanggapan_form,
        "sengketa_form": sengketa_form,
    }
    return render(request, "ppid/keberatan_kelola.html", konteks, status=400 if request.method == "POST" else 200)


@login_required
@require_safe
def unduh_register(request, kode, jenis):
    wilayah = akses.get_badan_untuk_pengikut(request, kode)
    wajib(jenis in ("permohonan", "keberatan"))
    tahun = _tahun_diminta(request)
    isi = register.register_permohonan(wilayah, tahun) if jenis == "permohonan" else register.register_keberatan(wilayah, tahun)
    return _xlsx(isi, f"register-{jenis}-{wilayah.kode}-{tahun}.xlsx")


def _tahun_diminta(request) -> int:
    try:
        return int(request.GET.get("tahun", hari_ini().year))
    except ValueError:
        return hari_ini().year


# --- The Daftar Informasi Publik, kept by the PPID -------------------------------------------------------


@login_required
@require_safe
def dip_kelola(request, kode):
    wilayah = akses.get_badan_untuk_ppid(request, kode)
    informasi = Informasi.objects.filter(wilayah=wilayah)
    konteks = {"badan": wilayah, "ppid": nama_ppid(wilayah), "informasi": informasi, "basi": informasi.perlu_diperbarui().count()}
    return render(request, "ppid/dip_kelola.html", konteks)


@login_required
def dip_tulis(request, kode=None, pk=None):
    informasi = (
        akses.get_informasi_untuk_ppid(request, pk) if pk else Informasi(wilayah=akses.get_badan_untuk_ppid(request, kode))
    )
    form = InformasiForm(
        request.POST or None,
        request.FILES or None,
        instance=informasi,
        upload_terlalu_besar=getattr(request, "upload_terlalu_besar", False),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                informasi.simpan(oleh=request.user, versi=form.cleaned_data["versi"])
            except DomainError as e:
                status = tolak_di_form(form, e)
            else:
                messages.success(request, _("Daftar informasi publik disimpan."))
                return redirect("ppid:dip_kelola", kode=informasi.wilayah_id)
    konteks = {"form": form, "informasi": informasi, "badan": informasi.wilayah, "ppid": nama_ppid(informasi.wilayah)}
    return render(request, "ppid/dip_tulis.html", konteks, status=status)


@login_required
@require_POST
def dip_hapus(request, pk):
    informasi = akses.get_informasi_untuk_ppid(request, pk)
    informasi.hapus(oleh=request.user)
    messages.success(request, _("Entri dihapus dari daftar informasi publik."))
    return redirect("ppid:dip_kelola", kode=informasi.wilayah_id)


# --- The annual report ------------------------------------------------------------------------------------


@login_required
def laporan(request, kode, tahun):
    wilayah = akses.get_badan_untuk_pengikut(request, kode)
    boleh_susun = akses.boleh_jawab(request.user, wilayah)
    wajib(2000 <= tahun <= hari_ini().year and (request.method != "POST" or boleh_susun))
    narasi = LaporanTahunan.objects.filter(wilayah=wilayah, tahun=tahun).first() or LaporanTahunan(wilayah=wilayah, tahun=tahun)
    form = LaporanForm(request.POST or None, instance=narasi) if boleh_susun else None
    status = 200
    if form is not None and request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                narasi.simpan(oleh=request.user, versi=form.cleaned_data["versi"])
            except DomainError as e:
                status = tolak_di_form(form, e)
            else:
                messages.success(request, _("Laporan tahunan disimpan."))
                return redirect("ppid:laporan", kode=wilayah.kode, tahun=tahun)
    rincian, keberatan = hitung_laporan(wilayah, tahun)
    konteks = {
        "badan": wilayah,
        "ppid": nama_ppid(wilayah),
        "tahun": tahun,
        "narasi": narasi if narasi.pk else None,
        "form": form,
        "r": rincian,
        "k": keberatan,
        "batas": batas_laporan(tahun),
        "unduh_docx": reverse("ppid:laporan_docx", args=[wilayah.kode, tahun]),
    }
    return render(request, "ppid/laporan.html", konteks, status=status)


@login_required
@require_safe
def laporan_docx(request, kode, tahun):
    """The year's report as an editable DOCX, for whoever may read the report page."""
    wilayah = akses.get_badan_untuk_pengikut(request, kode)
    wajib(2000 <= tahun <= hari_ini().year)
    response = HttpResponse(laporan_docx_isi(wilayah, tahun), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="laporan-layanan-informasi-publik-{wilayah.kode}-{tahun}.docx"'
    return response


@login_required
@require_safe
def register_pembantu(request, pk, jenis):
    """A PPID Pembantu's own registers: the requests forwarded to it and their objections."""
    pembantu = akses.get_pembantu_untuk_pengikut(request, pk)
    wajib(jenis in ("permohonan", "keberatan"))
    tahun = _tahun_diminta(request)
    kabupaten = badan_publik_qs().get(kode=settings.JEMBATAN_KABUPATEN)
    buat = register.register_permohonan if jenis == "permohonan" else register.register_keberatan
    return _xlsx(buat(kabupaten, tahun, pembantu), f"register-{jenis}-ppid-pembantu-{pembantu.pk}-{tahun}.xlsx")


@login_required
@require_safe
def laporan_pembantu(request, pk, tahun):
    """A PPID Pembantu's part of the regency's yearly report, as DOCX."""
    pembantu = akses.get_pembantu_untuk_pengikut(request, pk)
    wajib(2000 <= tahun <= hari_ini().year)
    kabupaten = badan_publik_qs().get(kode=settings.JEMBATAN_KABUPATEN)
    response = HttpResponse(laporan_docx_isi(kabupaten, tahun, pembantu), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="laporan-ppid-pembantu-{pembantu.pk}-{tahun}.docx"'
    return response


@login_required
def laporan_pembantu_susun(request, pk, tahun):
    """A PPID Pembantu's part of the yearly report: its figures, and its own words written by the unit or PPID Utama."""
    pembantu = akses.get_pembantu_untuk_pengikut(request, pk)
    wajib(2000 <= tahun <= hari_ini().year and akses.boleh_susun_laporan_pembantu(request.user, pembantu))
    narasi = LaporanPembantu.objects.filter(pembantu=pembantu, tahun=tahun).first() or LaporanPembantu(
        pembantu=pembantu, tahun=tahun
    )
    form = LaporanPembantuForm(request.POST or None, instance=narasi)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                narasi.simpan(oleh=request.user, versi=form.cleaned_data["versi"])
            except DomainError as e:
                status = tolak_di_form(form, e)
            else:
                messages.success(request, _("Laporan tahunan disimpan."))
                return redirect("ppid:laporan_pembantu_susun", pk=pembantu.pk, tahun=tahun)
    rincian, keberatan = hitung_laporan(badan_publik_qs().get(kode=settings.JEMBATAN_KABUPATEN), tahun, pembantu)
    konteks = {
        "ppid": pembantu.nama_ppid,
        "tahun": tahun,
        "narasi": narasi if narasi.pk else None,
        "form": form,
        "r": rincian,
        "k": keberatan,
        "batas": batas_laporan(tahun),
        "unduh_docx": reverse("ppid:laporan_pembantu", args=[pembantu.pk, tahun]),
    }
    return render(request, "ppid/laporan.html", konteks, status=status)


@login_required
@require_safe
def laporan_rekap(request, tahun):
    """Which badan publik in the user's scope have produced their report on `tahun`, and which are late."""
    wajib(akses.boleh_buka_meja(request.user) and 2000 <= tahun < hari_ini().year)
    badan_qs = akses.badan_diikuti(request.user).select_related("parent").order_by("level", "parent__nama", "nama")
    sudah = set(LaporanTahunan.objects.filter(tahun=tahun, wilayah__in=badan_qs).values_list("wilayah_id", flat=True))
    baris = [(b, b.kode in sudah) for b in badan_qs]
    konteks = {
        "tahun": tahun,
        "baris": baris,
        "belum": sum(1 for _b, ada in baris if not ada),
        "batas": batas_laporan(tahun),
        "lewat": hari_ini() > batas_laporan(tahun),
    }
    return render(request, "ppid/laporan_rekap.html", konteks)
