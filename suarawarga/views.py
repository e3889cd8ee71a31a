import csv
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akun import sekali
from akun.akses import get_wilayah_dalam_cakupan, wajib, wilayah_cakupan
from jembatan.lib import ratelimit
from jembatan.lib.domain import DomainError, tolak_di_form
from jembatan.lib.jsonld import jsonld
from jembatan.lib.mail import absolute_url
from jembatan.lib.pagecache import public_page
from suarawarga import akses, ekspor
from suarawarga.forms import (
    JajakForm,
    KirimAspirasiForm,
    LacakForm,
    LangkahForm,
    PilihForm,
    ProgramForm,
    ProgresForm,
    SaringProgramForm,
    TahapForm,
    TanggapanForm,
    pilihan_desa,
)
from suarawarga.grafik import grafik_batang
from suarawarga.models import (
    BELUM_DITERUSKAN,
    Aspirasi,
    FotoAspirasi,
    FotoProgres,
    Jajak,
    Opsi,
    Program,
    StatusAspirasi,
    TopikAspirasi,
    hari_ini,
    rapikan_kode,
)
from suarawarga.statistik import statistik_aspirasi
from wilayah.models import Level

# A client may send this many aspirations an hour (a KIM member entering a village meeting's worth is signed in).
BATAS_KIRIM_PER_JAM = 10
BATAS_KIRIM_PENCATAT_PER_JAM = 100

# --- Aspirasi: the public side ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def aspirasi_kirim(request):
    pencatat = request.user if akses.boleh_catat_untuk_warga(request.user) else None
    awal = {"wilayah": request.GET.get("desa", "")}
    form = KirimAspirasiForm(request.POST or None, request.FILES or None, pencatat=pencatat, initial=awal)
    if request.method != "POST":
        return render(request, "suarawarga/aspirasi_kirim.html", {"form": form})
    if sudah := sekali.earlier_result(request):
        return sudah
    klien = salted_hmac("suarawarga.klien", ratelimit.client_address(request)).hexdigest()[:32]
    batas = BATAS_KIRIM_PENCATAT_PER_JAM if pencatat else BATAS_KIRIM_PER_JAM
    if ratelimit.exceeded(f"aspirasi:{klien}", batas, 3600):
        form.add_error(
            None, _("Terlalu banyak aspirasi dari alamat ini dalam satu jam. Isian Anda tetap di sini; coba lagi nanti.")
        )
    elif form.is_valid():
        d = form.cleaned_data
        atas_nama = bool(d.get("atas_nama_warga"))
        try:
            with transaction.atomic():
                aspirasi = Aspirasi.kirim(
                    oleh=pencatat if atas_nama else None,
                    persetujuan_warga=bool(d.get("persetujuan_warga")),
                    **{
                        k: d[k]
                        for k in (
                            "topik",
                            "isi",
                            "wilayah",
                            "lokasi",
                            "volume",
                            "perkiraan_biaya",
                            "nama",
                            "telepon",
                            "email",
                            "boleh_publik",
                        )
                    },
                    klien=klien,
                )
                if d.get("foto"):
                    FotoAspirasi.add_upload(d["foto"], "", "aspirasi", aspirasi=aspirasi)
                sekali.remember(request, reverse("suarawarga:aspirasi_status", args=[aspirasi.kode]) + "?baru=1")
        except sekali.AlreadyDelivered:
            return sekali.earlier_result(request)
        except DomainError as e:
            form.add_error(e.field, str(e))
        except ValidationError as e:
            form.add_error("foto", e.messages[0])
        else:
            langkah = aspirasi.langkah.get()
            aspirasi.kabari(langkah, absolute_url(request, aspirasi.get_absolute_url()))
            return redirect(reverse("suarawarga:aspirasi_status", args=[aspirasi.kode]) + "?baru=1")
    return render(request, "suarawarga/aspirasi_kirim.html", {"form": form}, status=400)


@require_safe
def aspirasi_lacak(request):
    form = LacakForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("suarawarga:aspirasi_status", kode=form.cleaned_data["kode"])
    return render(request, "suarawarga/aspirasi_lacak.html", {"form": form}, status=404 if form.is_bound else 200)


@require_safe
@public_page
def aspirasi_status(request, kode):
    """The sender's page: its steps, dates and clock. The code is the key; no name or contact is shown."""
    rapi = rapikan_kode(kode)
    if not rapi:
        raise Http404("Kode pelacakan tidak dikenali.")
    if kode != rapi:
        return redirect("suarawarga:aspirasi_status", kode=rapi, permanent=True)
    qs = Aspirasi.objects.select_related("wilayah__parent", "induk").prefetch_related("langkah", "foto")
    aspirasi = get_object_or_404(qs, kode=kode)
    context = {"aspirasi": aspirasi, "baru": "baru" in request.GET, "tanggapan": TanggapanForm(), "hari_ini": hari_ini()}
    return render(request, "suarawarga/aspirasi_status.html", context)


@csrf_exempt
@require_POST
def aspirasi_tanggapi(request, kode):
    """The sender answers a follow-up (whoever holds the code is the sender).

    Exempt from Django's CSRF token for the reason the comment form is (`diskusi.views.kirim_komentar`): the
    form sits on the sender's page, which is served from the whole-page cache and cannot carry a per-visitor
    token. A forged post gains nothing: it needs the tracking code, which lets anyone answer directly, and the
    view uses no session or signed-in user. The origin check keeps other sites from posting through a browser."""
    aspirasi = get_object_or_404(Aspirasi.objects.select_related("wilayah__parent"), kode=kode)
    form = TanggapanForm(request.POST)
    if not _asal_sah(request):
        form.add_error(None, _("Kirim tanggapan dari halaman aspirasi Anda di situs ini."))
    elif form.is_valid():
        try:
            langkah = aspirasi.tanggapi(puas=form.cleaned_data["puas"], catatan=form.cleaned_data["catatan"])
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            aspirasi.kabari(langkah, absolute_url(request, aspirasi.get_absolute_url()))
            messages.success(request, _("Terima kasih, tanggapan Anda dicatat."))
            return redirect(aspirasi)
    aspirasi = Aspirasi.objects.prefetch_related("langkah", "foto").select_related("wilayah__parent").get(pk=aspirasi.pk)
    context = {"aspirasi": aspirasi, "tanggapan": form, "hari_ini": hari_ini()}
    return render(request, "suarawarga/aspirasi_status.html", context, status=400)


def _asal_sah(request) -> bool:
    """The POST comes from a page of this site, as the browser names it (Origin, else Referer; neither: allowed,
    as some privacy settings drop both)."""
    asal = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    return not asal or urlsplit(asal).netloc == request.get_host()


# Supports one address may bring to one aspiration (a village office or a school shares one address).
BATAS_DUKUNGAN_PER_ALAMAT = 30


@csrf_exempt
@require_POST
def aspirasi_dukung(request, kode):
    """ "Saya juga mengalami ini": one support per browser for a public running aspiration.

    Exempt from the CSRF token because the button sits on the cached public page (see `aspirasi_tanggapi`);
    the origin check stands in for it."""
    aspirasi = get_object_or_404(Aspirasi, kode=kode)
    if not _asal_sah(request):
        messages.error(request, _("Dukung dari halaman aspirasi di situs ini."))
        return redirect(aspirasi)
    token = _token_peramban(request) or secrets.token_urlsafe(24)
    try:
        baru = aspirasi.dukung(
            pendukung=f"t{salted_hmac('suarawarga.dukung', token).hexdigest()[:32]}",
            klien=salted_hmac("suarawarga.klien", ratelimit.client_address(request)).hexdigest()[:32],
            batas_per_klien=BATAS_DUKUNGAN_PER_ALAMAT,
        )
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request, _("Terima kasih, dukungan Anda dihitung.") if baru else _("Dukungan Anda sudah dihitung sebelumnya.")
        )
    return _dengan_token(redirect(aspirasi), "" if _token_peramban(request) else token)


@require_safe
@public_page
def aspirasi_daftar(request):
    """Aspirations their senders allowed to be shown: topic, village, text and status; never who sent them."""
    qs = Aspirasi.objects.publik().select_related("wilayah__parent")
    topik = request.GET.get("topik", "")
    if topik in TopikAspirasi.values:
        qs = qs.filter(topik=topik)
    halaman = Paginator(qs, 30).get_page(request.GET.get("halaman"))
    return render(
        request, "suarawarga/aspirasi_daftar.html", {"halaman": halaman, "topik": topik, "pilihan_topik": TopikAspirasi.choices}
    )


@require_safe
@public_page
def aspirasi_statistik(request):
    """Every aspiration counts here (not only those shown): numbers, never contents."""
    kecamatan, topik, total = statistik_aspirasi()
    return render(request, "suarawarga/aspirasi_statistik.html", {"kecamatan": kecamatan, "topik": topik, "total": total})


# --- Aspirasi: handlers -----------------------------------------------------------------------------------


@login_required
@require_safe
def aspirasi_meja(request):
    wajib(akses.boleh_tangani_aspirasi(request.user))
    status = request.GET.get("status", "")
    qs = akses.aspirasi_untuk_penangan(request.user).select_related("wilayah__parent")
    qs = qs.filter(status=status) if status in StatusAspirasi.values else qs.terbuka().order_by("diterima_pada")
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    terlambat = akses.aspirasi_untuk_penangan(request.user).terlambat(hari_ini()).count()
    context = {
        "halaman": halaman,
        "status": status,
        "pilihan_status": StatusAspirasi.choices,
        "terlambat": terlambat,
        "pilihan_desa": pilihan_desa(wilayah_cakupan(request.user).filter(level=Level.DESA)),
        "pilihan_topik": TopikAspirasi.choices,
    }
    return render(request, "suarawarga/aspirasi_meja.html", {**context, "hari_ini": hari_ini()})


@login_required
@require_http_methods(["GET", "POST"])
def aspirasi_tangani(request, pk):
    aspirasi = akses.get_aspirasi_untuk_penangan(request, pk)
    form = LangkahForm(request.POST or None)
    langkah_dipilih = request.POST.get("langkah", "")
    if request.method == "POST" and form.is_valid():
        try:
            langkah = _jalankan(request, aspirasi, langkah_dipilih, form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            aspirasi.kabari(langkah, absolute_url(request, aspirasi.get_absolute_url()))
            messages.success(
                request, _("Aspirasi %(kode)s: %(status)s.") % {"kode": aspirasi.kode, "status": aspirasi.get_status_display()}
            )
            return redirect("suarawarga:aspirasi_tangani", pk=aspirasi.pk)
    context = {
        "aspirasi": aspirasi,
        "form": form,
        "langkah_dipilih": langkah_dipilih,
        "riwayat": aspirasi.langkah.all(),
        "foto": aspirasi.foto.all(),
        "serupa": aspirasi.serupa() if aspirasi.status in BELUM_DITERUSKAN else [],
        "hari_ini": hari_ini(),
    }
    return render(request, "suarawarga/aspirasi_tangani.html", context, status=400 if request.method == "POST" else 200)


def _jalankan(request, aspirasi: Aspirasi, langkah: str, d: dict):
    """The step a handler's button names, through the aspiration's own method (which holds the rules)."""
    oleh = request.user
    if langkah == "verifikasi":
        return aspirasi.verifikasi(oleh=oleh, catatan=d["catatan"])
    if langkah == "teruskan":
        return aspirasi.teruskan(
            oleh=oleh, tujuan=d["tujuan"], nama_tujuan=d["nama_tujuan"], nomor_lapor=d["nomor_lapor"], catatan=d["catatan"]
        )
    if langkah == "tindak_lanjut":
        return aspirasi.tindak_lanjuti(oleh=oleh, catatan=d["catatan"])
    if langkah == "selesai":
        return aspirasi.selesaikan(oleh=oleh, catatan=d["catatan"])
    if langkah == "tolak":
        return aspirasi.tolak(oleh=oleh, alasan=d["alasan"])
    if langkah == "gabung":
        induk = akses.aspirasi_untuk_penangan(oleh).filter(kode=rapikan_kode(d["induk"])).first()
        if induk is None:
            raise DomainError(_("Kode aspirasi serupa tidak ditemukan dalam cakupan Anda."), field="induk")
        return aspirasi.gabung_ke(induk, oleh=oleh, alasan=d["alasan"])
    raise DomainError(_("Langkah tidak dikenali; muat ulang halaman lalu ulangi."))


# --- Program pembangunan: public ------------------------------------------------------------------------


@require_safe
@public_page
def program_daftar(request):
    form = SaringProgramForm(request.GET)
    qs = form.saring(Program.objects.select_related("wilayah__parent").prefetch_related("desa__parent"))
    halaman = Paginator(qs, 24).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(request, "suarawarga/program_daftar.html", {"form": form, "halaman": halaman, "query": query.urlencode()})


def _program_publik(pk, slug):
    program = get_object_or_404(Program.objects.select_related("wilayah__parent").prefetch_related("desa__parent"), pk=pk)
    kemajuan = program.kemajuan.prefetch_related("foto")
    return program, kemajuan, slug != program.slug


@require_safe
@public_page
def program_detail(request, pk, slug):
    program, kemajuan, pindah = _program_publik(pk, slug)
    if pindah:
        return redirect(program, permanent=True)
    url = absolute_url(request, program.get_absolute_url())
    context = {"program": program, "kemajuan": kemajuan, "url": url, "jsonld": _program_jsonld(program, url)}
    return render(request, "suarawarga/program_detail.html", context)


@require_safe
@public_page
def program_cetak(request, pk, slug):
    """One A4 page for the balai desa's notice board: the facts, the latest progress, and where to discuss."""
    program, kemajuan, pindah = _program_publik(pk, slug)
    if pindah:
        return redirect("suarawarga:program_cetak", pk=program.pk, slug=program.slug, permanent=True)
    url = absolute_url(request, program.get_absolute_url())
    return render(request, "suarawarga/program_cetak.html", {"program": program, "kemajuan": kemajuan[:3], "url": url})


def _program_jsonld(p: Program, url: str) -> str:
    # Each covered village as a place of its own; a kecamatan's or the regency's program covers that area whole.
    tempat = p.daftar_desa or [p.wilayah]
    wilayah = [
        {"@type": "AdministrativeArea", "name": str(w.nama_lengkap), "identifier": w.kode, **_induk_jsonld(w)} for w in tempat
    ]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": p.nama,
        "description": p.ringkasan,
        "url": url,
        "areaServed": wilayah[0] if len(wilayah) == 1 else wilayah,
        "spatialCoverage": wilayah[0] if len(wilayah) == 1 else wilayah,
        "funder": {"@type": "Organization", "name": p.get_sumber_dana_display()},
    }
    return jsonld(data)


def _induk_jsonld(w) -> dict:
    if w.level == Level.DESA and w.parent is not None:
        return {"containedInPlace": {"@type": "AdministrativeArea", "name": str(w.parent.nama_lengkap)}}
    return {}


# --- Program pembangunan: the governments that own them ------------------------------------------------


@login_required
@require_safe
def program_meja(request):
    wajib(akses.boleh_terbitkan_program(request.user))
    qs = (
        akses.program_untuk_pengelola(request.user).select_related("wilayah__parent").prefetch_related("desa").order_by("-diubah")
    )
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "suarawarga/program_meja.html", {"halaman": halaman})


@login_required
@require_http_methods(["GET", "POST"])
def program_tulis(request, pk=None):
    wajib(akses.boleh_terbitkan_program(request.user))
    program = akses.get_program_untuk_pengelola(request, pk) if pk else Program()
    form = ProgramForm(request.POST or None, request.FILES or None, instance=program, **_pilihan_wilayah(request.user))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                program.simpan(
                    oleh=request.user, versi=form.cleaned_data["versi"], desa_lain=list(form.cleaned_data["desa_lain"])
                )
            except DomainError as e:
                status = tolak_di_form(form, e)
            else:
                messages.success(request, _("Program disimpan."))
                return redirect("suarawarga:program_ubah", pk=program.pk)
    return render(request, "suarawarga/program_tulis.html", _konteks_program(program, form=form), status=status)


def _pilihan_wilayah(user) -> dict:
    return {"wilayah_qs": akses.wilayah_untuk_program(user), "desa_qs": akses.desa_untuk_program_bersama(user)}


def _konteks_program(program: Program, **forms) -> dict:
    if program.pk:
        forms.setdefault("tahap_form", TahapForm(initial={"versi": program.versi}, program=program))
        forms.setdefault("progres_form", ProgresForm(initial={"tanggal": hari_ini(), "persen": program.progres}))
    return {"program": program, **forms}


@login_required
@require_POST
def program_tahap(request, pk):
    program = akses.get_program_untuk_pengelola(request, pk)
    form = TahapForm(request.POST, program=program)
    if form.is_valid():
        d = form.cleaned_data
        try:
            program.ubah_tahap(d["tahap"], oleh=request.user, versi=d["versi"], alasan=d["alasan"])
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
        else:
            messages.success(request, _("Tahap program: %(tahap)s.") % {"tahap": program.get_tahap_display()})
            return redirect("suarawarga:program_ubah", pk=program.pk)
    konteks = _konteks_program(program, form=ProgramForm(instance=program, **_pilihan_wilayah(request.user)), tahap_form=form)
    return render(request, "suarawarga/program_tulis.html", konteks, status=400)


@login_required
@require_POST
def program_progres(request, pk):
    program = akses.get_program_untuk_pengelola(request, pk)
    form = ProgresForm(request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        try:
            with transaction.atomic():
                progres = program.catat_progres(oleh=request.user, persen=d["persen"], tanggal=d["tanggal"], catatan=d["catatan"])
                if d.get("foto"):
                    FotoProgres.add_upload(d["foto"], "", "program", progres=progres)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
        except ValidationError as e:
            form.add_error("foto", e.messages[0])
        else:
            messages.success(request, _("Kemajuan dicatat."))
            return redirect("suarawarga:program_ubah", pk=program.pk)
    program.refresh_from_db()
    form_program = ProgramForm(instance=program, **_pilihan_wilayah(request.user))
    konteks = _konteks_program(program, form=form_program, progres_form=form)
    return render(request, "suarawarga/program_tulis.html", konteks, status=400)


# --- Jajak pendapat ------------------------------------------------------------------------------------

# One signed random token per browser, for "one vote (or one support) per browser" where no account is asked.
KUKI_PERAMBAN = "suara_peramban"
# New anonymous voters one address may bring to one poll (a village office or school shares one address).
BATAS_PEMILIH_PER_ALAMAT = 30


@require_safe
@public_page
def jajak_daftar(request):
    sekarang = timezone.now()
    dibuka = Jajak.objects.dibuka(sekarang).select_related("wilayah")
    selesai = Jajak.objects.filter(tutup_pada__lte=sekarang).select_related("wilayah").order_by("-tutup_pada")[:30]
    return render(request, "suarawarga/jajak_daftar.html", {"dibuka": dibuka, "selesai": selesai})


def _token_peramban(request) -> str:
    """This browser's signed voting token ("" when it has none yet)."""
    return str(request.get_signed_cookie(KUKI_PERAMBAN, default="", salt="suarawarga.jajak"))


def _kunci_pemilih(request, token: str = "") -> str | None:
    """Who votes: a signed-in account ("u<id>"), else this browser's token ("t<keyed hash>"), or None."""
    if request.user.is_authenticated:
        return f"u{request.user.pk}"
    token = token or _token_peramban(request)
    return f"t{salted_hmac('suarawarga.jajak', token).hexdigest()[:32]}" if token else None


def _dengan_token(response: HttpResponse, token: str) -> HttpResponse:
    """Give a browser its new token (none when it had one already)."""
    if token:
        response.set_signed_cookie(
            KUKI_PERAMBAN,
            token,
            salt="suarawarga.jajak",
            max_age=400 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def _konteks_jajak(request, jajak: Jajak, form=None) -> dict:
    kunci = _kunci_pemilih(request)
    milik = jajak.pilihan_pemilih(kunci) if kunci else set()
    konteks = {
        "jajak": jajak,
        "form": form or PilihForm(jajak=jajak, initial={"opsi": sorted(milik)}),
        "sudah_memilih": bool(milik),
        "boleh_memilih": jajak.boleh_memilih(request.user) and jajak.dibuka(),
    }
    if jajak.hasil_terlihat():
        hasil, total = jajak.hasil()
        konteks.update(hasil=hasil, total=total, grafik=grafik_batang(hasil, total))
    return konteks


def _jajak_halaman(request, pk):
    jajak = get_object_or_404(Jajak.objects.select_related("wilayah"), pk=pk)
    return render(request, "suarawarga/jajak_detail.html", _konteks_jajak(request, jajak))


_jajak_halaman_publik = public_page(_jajak_halaman)


@require_safe
def jajak_detail(request, pk):
    """Cached like every public page for a visitor who has not voted from this browser (nothing of theirs is on
    it); a browser holding a voting token sees its own vote, rendered for it alone (a signed-in account too)."""
    if KUKI_PERAMBAN in request.COOKIES and not request.user.is_authenticated:
        response = _jajak_halaman(request, pk)
        patch_cache_control(response, private=True, no_cache=True)
        return response
    return _jajak_halaman_publik(request, pk)


@csrf_exempt
@require_POST
def jajak_pilih(request, pk):
    """An anonymous vote carries no CSRF token: the form sits on the cached poll page (see `aspirasi_tanggapi`),
    and the origin check stands in for it; what a forged post could do is cast a vote any visitor may cast. A
    signed-in account's page is never cached and carries the token, which is checked as everywhere."""
    if request.user.is_authenticated:
        return _jajak_pilih_akun(request, pk)
    return _jajak_pilih(request, pk)


def _jajak_pilih(request, pk):
    jajak = get_object_or_404(Jajak.objects.select_related("wilayah"), pk=pk)
    if not _asal_sah(request):
        messages.error(request, _("Pilih dari halaman jajak pendapat di situs ini."))
        return redirect(jajak)
    if not jajak.boleh_memilih(request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(jajak.get_absolute_url())
        messages.error(
            request, _("Jajak pendapat ini hanya untuk akun warga %(wilayah)s.") % {"wilayah": jajak.wilayah.nama_lengkap}
        )
        return redirect(jajak)
    form = PilihForm(request.POST, jajak=jajak)
    token = "" if request.user.is_authenticated or _token_peramban(request) else secrets.token_urlsafe(24)
    kunci = _kunci_pemilih(request, token) or ""
    if form.is_valid():
        try:
            jajak.pilih(
                pemilih=kunci,
                opsi_ids=form.cleaned_data["opsi"],
                klien=salted_hmac("suarawarga.klien", ratelimit.client_address(request)).hexdigest()[:32],
                batas_per_klien=None if request.user.is_authenticated else BATAS_PEMILIH_PER_ALAMAT,
            )
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(
                request, _("Terima kasih, pilihan Anda tercatat. Anda dapat mengubahnya sampai jajak pendapat ditutup.")
            )
            response = redirect(jajak)
            if token:
                response.set_signed_cookie(
                    KUKI_PERAMBAN,
                    token,
                    salt="suarawarga.jajak",
                    max_age=400 * 24 * 3600,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
    return render(request, "suarawarga/jajak_detail.html", _konteks_jajak(request, jajak, form), status=400)


_jajak_pilih_akun = csrf_protect(_jajak_pilih)


@require_safe
def jajak_csv(request, pk):
    jajak = get_object_or_404(Jajak, pk=pk)
    if not jajak.hasil_terlihat():
        raise Http404("Hasil belum dibuka.")
    return _csv_hasil(jajak)


def _csv_hasil(jajak: Jajak) -> HttpResponse:
    hasil, total = jajak.hasil()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jajak-{jajak.pk}-hasil.csv"'
    tulis = csv.writer(response)
    tulis.writerow(["pilihan", "suara", "persen_pemilih"])
    for h in hasil:
        tulis.writerow([h.opsi.teks, h.jumlah, f"{h.persen:.1f}"])
    tulis.writerow(["jumlah pemilih", total, ""])
    return response


@login_required
@require_safe
def jajak_meja(request):
    wajib(akses.boleh_buat_jajak(request.user))
    jajak = akses.jajak_untuk_pengelola(request.user).select_related("wilayah")[:100]
    return render(request, "suarawarga/jajak_meja.html", {"daftar": jajak})


@login_required
@require_http_methods(["GET", "POST"])
def jajak_tambah(request):
    wajib(akses.boleh_buat_jajak(request.user))
    form = JajakForm(request.POST or None, wilayah_qs=akses.wilayah_untuk_jajak(request.user))
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            jajak = Jajak.buat(oleh=request.user, opsi=d.pop("opsi"), **d)
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, _("Jajak pendapat dibuat."))
            return redirect("suarawarga:jajak_kelola", pk=jajak.pk)
    return render(request, "suarawarga/jajak_tambah.html", {"form": form}, status=400 if request.method == "POST" else 200)


@login_required
@require_safe
def jajak_kelola(request, pk):
    """Its owner sees the results even while the public does not, and closes options."""
    jajak = akses.get_jajak_untuk_pengelola(request, pk)
    hasil, total = jajak.hasil()
    return render(
        request,
        "suarawarga/jajak_kelola.html",
        {"jajak": jajak, "hasil": hasil, "total": total, "grafik": grafik_batang(hasil, total)},
    )


@login_required
@require_POST
def jajak_tutup_opsi(request, pk, opsi_pk):
    jajak = akses.get_jajak_untuk_pengelola(request, pk)
    opsi = get_object_or_404(Opsi, pk=opsi_pk, jajak=jajak)
    opsi.tutup(oleh=request.user)
    messages.success(request, _("Pilihan “%(teks)s” ditutup.") % {"teks": opsi.teks})
    return redirect("suarawarga:jajak_kelola", pk=jajak.pk)


@login_required
@require_safe
def jajak_kelola_csv(request, pk):
    return _csv_hasil(akses.get_jajak_untuk_pengelola(request, pk))


@login_required
@require_safe
def aspirasi_musrenbang(request):
    """A village's aspirations (optionally one topic) as a Musrenbangdes list of proposals, XLSX or DOCX."""
    wajib(akses.boleh_tangani_aspirasi(request.user))
    desa = get_wilayah_dalam_cakupan(request, request.GET.get("desa", ""))
    format = request.GET.get("format", "xlsx")
    wajib(desa.level == Level.DESA and format in ("xlsx", "docx"))
    qs = Aspirasi.objects.filter(wilayah=desa)
    topik = request.GET.get("topik", "")
    if topik in TopikAspirasi.values:
        qs = qs.filter(topik=topik)
    judul = _("Usulan warga untuk Musrenbangdes %(desa)s") % {"desa": desa.nama_lengkap}
    if topik in TopikAspirasi.values:
        judul += f" — {TopikAspirasi(topik).label}"
    daftar = ekspor.untuk_musrenbang(qs)
    if format == "xlsx":
        isi, jenis = ekspor.musrenbang_xlsx(judul, daftar), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        isi, jenis = (
            ekspor.musrenbang_docx(judul, daftar),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    response = HttpResponse(isi, content_type=jenis)
    response["Content-Disposition"] = f'attachment; filename="musrenbangdes-{desa.kode}-{timezone.localdate():%Y%m%d}.{format}"'
    return response
