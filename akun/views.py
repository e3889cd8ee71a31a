from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from akun import akses, percobaan_masuk
from akun.forms import MasukForm, PenggunaForm, TerimaUndanganForm, UndanganForm
from akun.models import Undangan, User
from jembatan.lib import mail, ratelimit
from jembatan.lib.domain import DomainError, StaleVersion


@sensitive_post_parameters("password")
def masuk(request):
    form = MasukForm(request.POST or None)
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = ""
    status, tunggu = 200, 0
    if request.method == "POST" and form.is_valid():
        email, ip = form.cleaned_data["email"].lower(), ratelimit.client_address(request)
        sampai = percobaan_masuk.tunggu_sampai(request, email, ip)
        if sampai is not None:
            tunggu = percobaan_masuk.detik_lagi(sampai)
            form.add_error(None, percobaan_masuk.pesan_tunggu(tunggu))
            status = 429
        else:
            user = authenticate(request, username=email, password=form.cleaned_data["password"])
            if user is None:
                percobaan_masuk.catat_gagal(email, ip)
                form.add_error(None, _("Email atau kata sandi salah."))
            else:
                login(request, user)
                response = redirect(nxt or "beranda:dasbor")
                percobaan_masuk.catat_berhasil(request, response, email, ip)
                return response
    response = render(request, "akun/masuk.html", {"form": form, "next": nxt}, status=status)
    if tunggu:
        response["Retry-After"] = str(tunggu)
    return response


@login_required
def pengguna(request):
    akses.wajib(akses.boleh_kelola_pengguna(request.user))
    users = User.objects.select_related("wilayah__parent").order_by("peran", "nama")
    undangan = Undangan.objects.terbuka().select_related("wilayah")
    halaman = Paginator(users, 100).get_page(request.GET.get("halaman"))
    return render(request, "akun/pengguna.html", {"halaman": halaman, "undangan": undangan})


@login_required
def undang(request):
    akses.wajib(akses.boleh_kelola_pengguna(request.user))
    form = UndanganForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        undangan, token = Undangan.buat(
            email=d["email"], nama=d["nama"], peran=d["peran"], wilayah=d["wilayah"], oleh=request.user
        )
        link = mail.absolute_url(request, reverse("akun:terima_undangan", args=[token]))
        mail.send("undangan", [undangan.email], {"undangan": undangan, "link": link, "pengundang": request.user})
        hari = settings.JEMBATAN_INVITATION_DAYS
        pesan = ngettext(
            "Undangan dikirim ke %(email)s. Tautannya berlaku %(hari)s hari.",
            "Undangan dikirim ke %(email)s. Tautannya berlaku %(hari)s hari.",
            hari,
        )
        messages.success(request, pesan % {"email": undangan.email, "hari": hari})
        return redirect("akun:pengguna")
    return render(request, "akun/undang.html", {"form": form})


@login_required
@require_POST
def batalkan_undangan(request, pk):
    akses.wajib(akses.boleh_kelola_pengguna(request.user))
    undangan = get_object_or_404(Undangan, pk=pk)
    try:
        undangan.batalkan(oleh=request.user)
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Undangan dibatalkan."))
    return redirect("akun:pengguna")


@login_required
def ubah_pengguna(request, pk):
    user = akses.get_pengguna_untuk_admin(request, pk)
    form = PenggunaForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            form.save(commit=False).simpan_oleh_admin(oleh=request.user, versi=form.cleaned_data["versi"])
        except DomainError as e:
            form.add_error(None if isinstance(e, StaleVersion) else "is_active", str(e))
        else:
            messages.success(request, _("Akun %(nama)s disimpan.") % {"nama": user.nama})
            return redirect("akun:pengguna")
    return render(request, "akun/pengguna_form.html", {"form": form, "akun": user})


@sensitive_post_parameters("password1", "password2")
def terima_undangan(request, token):
    undangan = Undangan.dari_token(token)
    if undangan is None:
        return render(request, "akun/undangan_tidak_berlaku.html", status=404)
    form = TerimaUndanganForm(request.POST or None, email=undangan.email, initial={"nama": undangan.nama})
    if request.method == "POST" and form.is_valid():
        try:
            user = undangan.terima(nama=form.cleaned_data["nama"], password=form.cleaned_data["password1"])
        except DomainError as e:
            form.add_error(None, str(e))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Selamat datang, %(nama)s. Akun Anda sudah aktif.") % {"nama": user.nama})
            return redirect("beranda:dasbor")
    return render(request, "akun/terima_undangan.html", {"form": form, "undangan": undangan})
