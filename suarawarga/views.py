from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akun.akses import wajib
from jembatan.lib import ratelimit
from jembatan.lib.domain import DomainError
from jembatan.lib.mail import absolute_url
from jembatan.lib.pagecache import public_page
from suarawarga import akses
from suarawarga.forms import KirimAspirasiForm, LacakForm, LangkahForm, TanggapanForm
from suarawarga.models import Aspirasi, FotoAspirasi, StatusAspirasi, Topik, hari_ini, rapikan_kode

# A client may send this many aspirations an hour (a KIM member entering a village meeting's worth is signed in).
BATAS_KIRIM_PER_JAM = 10
BATAS_KIRIM_PENCATAT_PER_JAM = 100

# --- Aspirasi: the public side ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def aspirasi_kirim(request):
    pencatat = request.user if akses.boleh_catat_untuk_warga(request.user) else None
    form = KirimAspirasiForm(request.POST or None, request.FILES or None, pencatat=pencatat)
    if request.method != "POST":
        return render(request, "suarawarga/aspirasi_kirim.html", {"form": form})
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
                    **{k: d[k] for k in ("topik", "isi", "wilayah", "nama", "telepon", "email", "boleh_publik")},
                    klien=klien,
                )
                if d.get("foto"):
                    FotoAspirasi.add_upload(d["foto"], "", "aspirasi", aspirasi=aspirasi)
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
    if kode != rapikan_kode(kode):
        return redirect("suarawarga:aspirasi_status", kode=rapikan_kode(kode) or "-", permanent=True)
    qs = Aspirasi.objects.select_related("wilayah__parent", "induk").prefetch_related("langkah", "foto")
    aspirasi = get_object_or_404(qs, kode=kode)
    context = {"aspirasi": aspirasi, "baru": "baru" in request.GET, "tanggapan": TanggapanForm(), "hari_ini": hari_ini()}
    return render(request, "suarawarga/aspirasi_status.html", context)


@require_POST
def aspirasi_tanggapi(request, kode):
    """The sender answers a follow-up (whoever holds the code is the sender)."""
    aspirasi = get_object_or_404(Aspirasi.objects.select_related("wilayah__parent"), kode=kode)
    form = TanggapanForm(request.POST)
    if form.is_valid():
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


@require_safe
@public_page
def aspirasi_daftar(request):
    """Aspirations their senders allowed to be shown: topic, village, text and status; never who sent them."""
    qs = Aspirasi.objects.publik().select_related("wilayah__parent")
    topik = request.GET.get("topik", "")
    if topik in Topik.values:
        qs = qs.filter(topik=topik)
    halaman = Paginator(qs, 30).get_page(request.GET.get("halaman"))
    return render(
        request, "suarawarga/aspirasi_daftar.html", {"halaman": halaman, "topik": topik, "pilihan_topik": Topik.choices}
    )


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
    context = {"halaman": halaman, "status": status, "pilihan_status": StatusAspirasi.choices, "terlambat": terlambat}
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
