"""Printed potensi: an A6 or A5 poster per item with a QR code to its page, for stalls and markets, and an A4
catalogue per village or kecamatan. Printed, or saved as PDF, from the browser's print dialog (like the mading);
the QR code is drawn on the server as SVG."""

from __future__ import annotations

import segno
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jembatan.lib.mail import absolute_url
from jembatan.lib.pagecache import public_page
from potensi.models import Potensi
from wilayah.models import Level, Wilayah

UKURAN_POSTER = ("a6", "a5")


def kode_qr(url: str, judul: str) -> SafeString:
    """The QR code of `url` as inline SVG sized by its container; error correction M still reads on a creased or
    slightly dirty poster."""
    qr = segno.make(url, error="m", micro=False)
    return mark_safe(qr.svg_inline(scale=1, border=2, omitsize=True, title=judul, svgclass="qr", lineclass=None))


@require_safe
@public_page
def poster(request, pk, slug):
    qs = Potensi.objects.publik().select_related("jenis", "wilayah__parent")
    potensi = get_object_or_404(qs, pk=pk)
    if slug != potensi.slug:
        return redirect("potensi:poster", pk=potensi.pk, slug=potensi.slug, permanent=True)
    ukuran = request.GET.get("ukuran", "a6")
    if ukuran not in UKURAN_POSTER:
        ukuran = "a6"
    url = absolute_url(request, potensi.get_absolute_url())
    context = {
        "potensi": potensi,
        "foto": potensi.foto.first(),
        "url": url,
        "qr": kode_qr(url, _("Kode QR ke halaman %(nama)s") % {"nama": potensi.nama}),
        "ukuran": ukuran,
    }
    return render(request, "potensi/poster.html", context)


@require_safe
@public_page
def katalog(request, kode):
    """The published items of a village or a kecamatan of the regency, by kind, to print on A4."""
    wilayah = get_object_or_404(
        Wilayah.objects.select_related("parent"),
        kode=kode,
        kabupaten_kode=settings.JEMBATAN_KABUPATEN,
        level__in=[Level.KECAMATAN, Level.DESA],
    )
    qs = Potensi.objects.publik().select_related("jenis", "wilayah").prefetch_related("foto")
    qs = qs.filter(wilayah=wilayah) if wilayah.level == Level.DESA else qs.filter(wilayah__parent=wilayah)
    items = list(qs.order_by("jenis__urutan", "jenis__nama", "wilayah__nama", "nama", "pk"))
    if not items and not wilayah.berlaku:
        raise Http404
    url = absolute_url(request, wilayah.get_absolute_url())
    return render(
        request,
        "potensi/katalog.html",
        {
            "wilayah": wilayah,
            "items": items,
            "url": url,
            "qr": kode_qr(url, _("Kode QR ke halaman %(nama)s") % {"nama": wilayah.nama_lengkap}),
        },
    )
