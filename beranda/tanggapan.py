"""Questions under development programs, answered officially by the program's owner.

The comment module knows stances and official answers; suara warga knows who owns a program and how
long a question may wait. This page joins the two for the owner: the questions under their programs, the
ones past the wait first, each with a form for the official answer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akun.akses import wajib
from diskusi.models import Komentar, KomentarQuerySet
from diskusi.models import Status as StatusKomentar
from jembatan.lib.domain import DomainError
from jembatan.lib.mail import absolute_url
from suarawarga import akses as suarawarga_akses
from suarawarga.models import HARI_TANGGAPAN, Program, batas_tanggapan, nama_pelaku


def pertanyaan_program(user: Any) -> KomentarQuerySet:
    """Shown top-level comments under the programs `user` may change (suara warga's rule)."""
    # Joined by name rather than looked up (the content type cache would add a query to a page's first visit).
    meta = Program._meta
    return Komentar.objects.filter(
        content_type__app_label=meta.app_label,
        content_type__model=meta.model_name,
        object_id__in=suarawarga_akses.program_untuk_pengelola(user).values("pk"),
        parent=None,
        status=StatusKomentar.TAMPIL,
    )


def belum_ditanggapi_terlambat(user: Any) -> KomentarQuerySet:
    """Questions under `user`'s programs left HARI_TANGGAPAN working days or more without an official answer."""
    return pertanyaan_program(user).filter(ditanggapi__isnull=True, dibuat__lt=batas_tanggapan())


@login_required
@require_safe
def daftar(request):
    wajib(suarawarga_akses.boleh_terbitkan_program(request.user))
    semua = request.GET.get("tampil") == "semua"
    qs = pertanyaan_program(request.user)
    if not semua:
        qs = qs.filter(ditanggapi__isnull=True)
    halaman = Paginator(qs.defer("email").prefetch_related("objek").order_by("dibuat", "id"), 50).get_page(
        request.GET.get("halaman")
    )
    batas = batas_tanggapan()
    for k in halaman:
        k.terlambat = k.ditanggapi is None and k.dibuat < batas  # type: ignore[attr-defined]
    return render(
        request,
        "beranda/tanggapan_program.html",
        {"halaman": halaman, "semua": semua, "hari": HARI_TANGGAPAN, "query": "tampil=semua" if semua else ""},
    )


@login_required
@require_POST
def tanggapi(request, pk):
    """Post the official answer to one question; only the program's owner (others get 404)."""
    komentar = pertanyaan_program(request.user).filter(pk=pk).first()
    program = Program.objects.select_related("wilayah__parent").filter(pk=komentar.object_id).first() if komentar else None
    if komentar is None or program is None:
        raise Http404("Komentar tidak ditemukan.")
    boleh = suarawarga_akses.boleh_kelola_program(request.user, program)
    if not boleh:
        raise Http404("Komentar tidak ditemukan.")
    try:
        komentar.tanggapi_resmi(
            isi=request.POST.get("isi", ""),
            nama=nama_pelaku(request.user, program.wilayah),
            oleh=request.user,
            boleh=boleh,
            tautan=lambda p: absolute_url(request, p),
        )
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Tanggapan resmi tampil di halaman program."))
    return HttpResponseRedirect(reverse("beranda:tanggapan_program"))
