from django.conf import settings
from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jembatan.lib.pagecache import public_page
from kim.cakupan import cakupan
from kim.models import Kim, RiwayatTahap, Tahap
from wilayah.models import Level, Wilayah, kabupaten_aktif
from wilayah.peta import LEGENDA, peta_svg

_PETA_FIELDS = ["kode", "nama", "tipe", "parent_id", "peta_svg", "lat", "lng"]


def _desa_dengan_tahap(**filters):
    return (
        Wilayah.objects.filter(level=Level.DESA, berlaku=True, **filters)
        .annotate(tahap=F("kim__tahap"), kim_nama=F("kim__nama"), kim_demo=F("kim__demo"))
        .only(*_PETA_FIELDS)
        .order_by("nama")
    )


@require_safe
@public_page
def beranda(request):
    kabupaten = kabupaten_aktif()
    data = cakupan(kabupaten)
    desa = list(_desa_dengan_tahap(kabupaten_kode=kabupaten.kode))
    kecamatan = Wilayah.objects.filter(parent=kabupaten, berlaku=True).only("kode", "peta_svg")
    peta = peta_svg(kabupaten.peta_viewbox, desa, kecamatan, label=_("Peta tahap KIM di %(nama)s") % {"nama": kabupaten.nama})
    terbaru = (
        RiwayatTahap.objects.filter(kim__wilayah__kabupaten_kode=kabupaten.kode)
        .select_related("kim__wilayah__parent")
        .order_by("-tanggal", "-id")[:6]
    )
    from warta.models import Berita

    warta = Berita.objects.terbit().select_related("wilayah__parent", "kim").prefetch_related("foto")[:5]
    return render(
        request,
        "wilayah/beranda.html",
        {"kabupaten": kabupaten, "cakupan": data, "peta": peta, "legenda": LEGENDA, "terbaru": terbaru, "warta": warta},
    )


@require_safe
@public_page
def detail(request, kode):
    wilayah = Wilayah.objects.select_related("parent__parent").filter(kode=kode).first()
    if wilayah is None:
        return _tidak_ditemukan(request, kode)
    if wilayah.kode == settings.JEMBATAN_KABUPATEN:
        return HttpResponseRedirect("/")
    if wilayah.kabupaten_kode != settings.JEMBATAN_KABUPATEN or wilayah.level < Level.KECAMATAN:
        return _tidak_ditemukan(request, kode, luar=wilayah)
    if wilayah.level == Level.KECAMATAN:
        return _kecamatan(request, wilayah)
    return _desa(request, wilayah)


def _kecamatan(request, kecamatan):
    kabupaten = kecamatan.parent
    desa = list(_desa_dengan_tahap(parent=kecamatan))
    semua = _desa_dengan_tahap(kabupaten_kode=kabupaten.kode)
    outlines = Wilayah.objects.filter(kode=kecamatan.kode).only("kode", "peta_svg")
    peta = peta_svg(
        kabupaten.peta_viewbox,
        semua,
        outlines,
        label=_("Peta tahap KIM di %(nama)s") % {"nama": kecamatan.nama_lengkap},
        sorot=kecamatan.kode,
    )
    kim_kecamatan = Kim.objects.filter(wilayah=kecamatan).exclude(tahap=Tahap.BELUM_ADA).first()
    return render(
        request,
        "wilayah/kecamatan.html",
        {
            "kecamatan": kecamatan,
            "kabupaten": kabupaten,
            "desa": desa,
            "cakupan": cakupan(kecamatan).total,
            "peta": peta,
            "legenda": LEGENDA,
            "kim_kecamatan": kim_kecamatan,
        },
    )


def _desa(request, desa):
    kim = Kim.objects.filter(wilayah=desa).first()
    pengurus = riwayat = []
    if kim:
        pengurus = sorted(kim.pengurus_menjabat().exclude(jabatan="anggota"), key=lambda p: (p.jabatan_urut, p.nama))
        riwayat = kim.riwayat.all()
    return render(
        request,
        "wilayah/desa.html",
        {
            "desa": desa,
            "kecamatan": desa.parent,
            "kabupaten": desa.parent.parent,
            "kim": kim,
            "pengurus": pengurus,
            "jumlah_anggota": kim.pengurus_menjabat().filter(jabatan="anggota").count() if kim else 0,
            "riwayat": riwayat,
        },
    )


def _tidak_ditemukan(request, kode, luar=None):
    kabupaten = Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN).first()
    saran = []
    if kabupaten and not luar:
        # A mistyped code: offer the children of the nearest existing ancestor inside this
        # kabupaten (a wrong village code lists its kecamatan's villages), else the kecamatan.
        parts = kode.split(".")[:4]
        while parts and not saran:
            parts.pop()
            induk = ".".join(parts)
            if induk.startswith(kabupaten.kode):
                saran = list(Wilayah.objects.filter(parent_id=induk).order_by("nama")[:20])
        saran = saran or list(Wilayah.objects.filter(parent=kabupaten).order_by("nama"))
    return render(
        request,
        "wilayah/404.html",
        {"kode": kode, "luar": luar, "kabupaten": kabupaten, "saran": saran},
        status=404,
    )


def bahasa(request, kode):
    """Switch the interface language with a plain link (works without JavaScript or forms)."""
    nxt = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        nxt = "/"
    response = HttpResponseRedirect(nxt)
    if check_for_language(kode) and kode in dict(settings.LANGUAGES):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, kode, max_age=365 * 24 * 3600, samesite="Lax")
    return response
