"""The maklumat pelayanan's pages: its PPID edits it, anyone reads, prints and hears it; and the task that speaks it.

The model and its rule live in `ppid.models_maklumat`.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_tasks import task

from jembatan.lib import pagecache, speech
from jembatan.lib.domain import DomainError, VersionedModelForm, tolak_di_form
from jembatan.lib.pagecache import public_page
from ppid import akses
from ppid.forms import DateInput
from ppid.models import hari_ini, nama_ppid
from ppid.models_maklumat import KOLOM_MAKLUMAT, Maklumat


class MaklumatForm(VersionedModelForm):
    class Meta:
        model = Maklumat
        fields = KOLOM_MAKLUMAT
        widgets = {
            "janji": forms.Textarea(attrs={"rows": 4}),
            "jam_layanan": forms.Textarea(attrs={"rows": 2}),
            "standar": forms.Textarea(attrs={"rows": 5}),
            "biaya": forms.RadioSelect,
            "ditetapkan": DateInput(),
        }


@require_safe
@public_page
def maklumat(request, kode):
    """The maklumat of a badan publik as it is pinned up at the office (prints on one A4 page), with its audio."""
    badan = akses.get_badan_publik(kode)
    m = Maklumat.objects.filter(wilayah=badan).first()
    if m is None:
        raise Http404("Maklumat pelayanan belum ditetapkan.")
    audio = speech.player(m.audio_ogg.url, m.audio_mp3.url, show_reason=False) if m.audio_terkini else None
    return render(request, "ppid/maklumat.html", {"m": m, "badan": badan, "ppid": nama_ppid(badan), "audio": audio})


@login_required
def maklumat_ubah(request, kode):
    """The PPID sets or changes its maklumat; saving publishes it."""
    badan = akses.get_badan_untuk_ppid(request, kode)
    m = Maklumat.objects.filter(wilayah=badan).first() or Maklumat(wilayah=badan, ditetapkan=hari_ini())
    form = MaklumatForm(request.POST or None, instance=m)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                m.simpan(oleh=request.user, versi=form.cleaned_data["versi"])
            except DomainError as e:
                status = tolak_di_form(form, e)
            else:
                messages.success(request, _("Maklumat pelayanan disimpan dan tampil di halaman PPID."))
                return redirect("ppid:maklumat", kode=badan.kode)
    konteks = {"form": form, "m": m, "badan": badan, "ppid": nama_ppid(badan), "audio_pesan": speech.status_message()}
    return render(request, "ppid/maklumat_ubah.html", konteks, status=status)


@task()
def buat_audio_maklumat(maklumat_id: int) -> bool:
    """Speak a maklumat into its public audio files (nothing when they already speak it)."""
    m = Maklumat.objects.select_related("wilayah").filter(pk=maklumat_id).first()
    if m is None:
        return False
    baru = speech.refresh_or_log(
        m, m.teks_audio(), folder="publik/ppid/maklumat", stem=f"maklumat-{m.wilayah_id}", what=f"maklumat {m.wilayah_id}"
    )
    if baru:  # the cached public page gets its player
        pagecache.invalidate()
    return baru


def antrekan_audio(maklumat_id: int) -> bool:
    """Enqueue the audio of a maklumat when this server makes audio; else say in the log why not."""
    return speech.enqueue(buat_audio_maklumat, maklumat_id, what=f"maklumat {maklumat_id}")
