import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akun import sekali
from akun.akses import wajib
from jembatan.lib import speech
from jembatan.lib.domain import DomainError
from jembatan.lib.mail import absolute_url
from jembatan.lib.media import serve_private
from kim.akses import kim_pengguna, kim_pengurus
from siaran import akses
from siaran import models as m
from siaran.forms import SiaranForm, TeruskanForm


@login_required
@require_safe
def kotak_masuk(request):
    """The inbox of a KIM's pengurus and members; Diskominfo and operators go to the list of siaran."""
    if akses.boleh_lihat_tabel_siaran(request.user):
        return redirect("siaran:semua")
    kim = kim_pengguna(request.user)
    wajib(kim.exists())
    rows = (
        akses.penerimaan_untuk_pembaca(request.user).select_related("siaran", "kim").order_by("-siaran__dikirim_pada", "kim_id")
    )
    halaman = Paginator(rows, 30).get_page(request.GET.get("halaman"))
    return render(request, "siaran/kotak_masuk.html", {"halaman": halaman, "kim": kim})


@login_required
@require_safe
def semua(request):
    """Sent siaran with how far they got, counted inside the reader's scope (3 queries per page)."""
    wajib(akses.boleh_lihat_tabel_siaran(request.user))
    halaman = Paginator(akses.siaran_untuk_pembaca(request.user).order_by("-dikirim_pada", "-id"), 30).get_page(
        request.GET.get("halaman")
    )
    ids = [s.pk for s in halaman]
    lingkup = akses.penerimaan_untuk_pembaca(request.user).filter(siaran_id__in=ids)
    hitung: dict[int, dict] = {i: {"total": 0, "belum": 0, "diterima": 0, "diteruskan": 0, "belum_terkirim": 0} for i in ids}
    for row in lingkup.values("siaran_id", "status").annotate(n=Count("id")):
        hitung[row["siaran_id"]][row["status"]] = row["n"]
        hitung[row["siaran_id"]]["total"] += row["n"]
    belum = m.Kiriman.objects.filter(penerimaan__in=lingkup).belum_terkirim().values("siaran_id").annotate(n=Count("id"))
    for row in belum:
        hitung[row["siaran_id"]]["belum_terkirim"] = row["n"]
    for s in halaman:
        s.hitung = hitung[s.pk]
    return render(request, "siaran/semua.html", {"halaman": halaman, "boleh_kirim": akses.boleh_kirim_siaran(request.user)})


@login_required
def kirim_siaran(request):
    wajib(akses.boleh_kirim_siaran(request.user))
    form = SiaranForm(
        request.POST or None, request.FILES or None, upload_terlalu_besar=getattr(request, "upload_terlalu_besar", False)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            siaran, baru = m.Siaran.objects.kirim(
                judul=d["judul"],
                isi=d["isi"],
                prioritas=d["prioritas"],
                cakupan=d["cakupan"],
                wilayah=d["wilayah"],
                lampiran=d["lampiran"],
                oleh=request.user,
                kunci=d["kunci"],
                dasar_url=absolute_url(request, "/").rstrip("/"),
            )
        except DomainError as e:  # e.g. the last KIM of the target was dissolved while the form was open
            form.add_error(None, str(e))
        else:
            if baru:
                messages.success(
                    request, _("Siaran dikirim ke %(n)s KIM. Surel ke pengurusnya sedang dikirim.") % {"n": siaran.jumlah_kim}
                )
            return redirect(siaran)
    return render(request, "siaran/kirim.html", {"form": form})


@login_required
@require_safe
def baca(request, pk):
    """The siaran itself; for its KIM the marking forms, for Diskominfo and operators the live table."""
    siaran = akses.get_siaran_untuk_pembaca(request, pk)
    milik = list(
        siaran.penerimaan.filter(kim__in=kim_pengguna(request.user)).select_related("kim", "diterima_oleh", "diteruskan_oleh")
    )
    boleh_tandai = set(kim_pengurus(request.user).filter(pk__in=[p.kim_id for p in milik]).values_list("pk", flat=True))
    for p in milik:
        p.boleh_tandai = p.kim_id in boleh_tandai
    konteks = {"siaran": siaran, "milik": milik, "teruskan_form": TeruskanForm(), "lampiran": siaran.lampiran.all()}
    konteks["audio"] = _audio(request, siaran)
    if akses.boleh_lihat_tabel_siaran(request.user):
        konteks.update(_tabel(request, siaran))
    return render(request, "siaran/baca.html", konteks)


def _audio(request, siaran) -> dict[str, str] | None:
    """The siaran's audio block: its player when the audio speaks the current text."""
    if siaran.audio_terkini:
        ogg, mp3 = (reverse("siaran:audio", args=[siaran.pk, ext]) for ext in ("ogg", "mp3"))
        return speech.player(ogg, mp3, show_reason=False)
    return speech.player("", "", show_reason=akses.boleh_kirim_siaran(request.user))


def _tabel(request, siaran) -> dict:
    """Every targeted KIM in the reader's scope with its state and e-mail delivery (a fixed number of queries)."""
    lingkup = akses.penerimaan_untuk_pembaca(request.user).filter(siaran=siaran)
    ringkasan = {s: 0 for s in m.StatusPenerimaan.values}
    for row in lingkup.values("status").annotate(n=Count("id")):
        ringkasan[row["status"]] = row["n"]
    status = request.GET.get("status", "")
    rows = lingkup.filter(status=status) if status in m.StatusPenerimaan.values else lingkup
    rows = (
        rows.dengan_surel().select_related("kim__wilayah__parent", "diterima_oleh", "diteruskan_oleh").order_by("kim__wilayah_id")
    )
    return {
        "tabel": Paginator(rows, 200).get_page(request.GET.get("halaman")),
        "ringkasan": ringkasan,
        "total": sum(ringkasan.values()),
        "status_dipilih": status,
        "query_status": f"status={status}" if status in m.StatusPenerimaan.values else "",
        "status_pilihan": m.StatusPenerimaan.choices,
        "belum_terkirim": m.Kiriman.objects.filter(penerimaan__in=lingkup).belum_terkirim().count(),
        "boleh_ingatkan": akses.boleh_kirim_siaran(request.user),
    }


@login_required
@require_POST
def ingatkan(request, pk):
    wajib(akses.boleh_kirim_siaran(request.user))
    siaran = akses.get_siaran_untuk_pembaca(request, pk)
    try:
        kim, surel = siaran.ingatkan(request.user)
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request,
            _("Pengingat dikirim ke %(kim)s KIM yang belum menandai diterima (%(surel)s surel).") % {"kim": kim, "surel": surel},
        )
    return redirect(siaran)


@login_required
@require_POST
def terima(request, pk):
    p = akses.get_penerimaan_untuk_kim(request, pk)
    if sudah := sekali.earlier_result(request):
        return sudah
    try:
        with transaction.atomic():
            p.tandai_diterima(request.user)
            sekali.remember(request, p.siaran.get_absolute_url())
    except sekali.AlreadyDelivered:
        return sekali.earlier_result(request)
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Siaran ditandai diterima."))
    return redirect(p.siaran)


@login_required
@require_POST
def teruskan(request, pk):
    p = akses.get_penerimaan_untuk_kim(request, pk)
    if sudah := sekali.earlier_result(request):
        return sudah
    form = TeruskanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(p.siaran)
    try:
        with transaction.atomic():
            p.tandai_diteruskan(request.user, form.cleaned_data["tempat"], form.cleaned_data["catatan"])
            sekali.remember(request, p.siaran.get_absolute_url())
    except sekali.AlreadyDelivered:
        return sekali.earlier_result(request)
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request, _("Terima kasih. Siaran ditandai diteruskan ke: %(tempat)s.") % {"tempat": ", ".join(p.tempat_label)}
        )
    return redirect(p.siaran)


@login_required
@require_safe
def lampiran(request, pk):
    f = akses.get_lampiran_untuk_pembaca(request, pk)
    return serve_private(f.berkas, os.path.splitext(f.nama)[0], as_attachment=True)


@login_required
@require_safe
def audio(request, pk, ext):
    """The spoken siaran, for those who may read it (a download: for a mosque's loudspeaker or a community radio)."""
    siaran = akses.get_siaran_untuk_pembaca(request, pk)
    berkas = {"ogg": siaran.audio_ogg, "mp3": siaran.audio_mp3}.get(ext)
    if not berkas or not siaran.audio_terkini:
        raise Http404("Audio belum tersedia.")
    return serve_private(berkas, f"siaran-{siaran.pk}", as_attachment=True)
