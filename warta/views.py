from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akun.akses import wajib, wilayah_konten
from jembatan.lib.domain import DomainError, tolak_di_form
from jembatan.lib.jsonld import jsonld
from jembatan.lib.mail import absolute_url
from jembatan.lib.pagecache import public_page
from jembatan.lib.photos import PhotoForm
from warta import akses
from warta.forms import AjukanForm, BeritaForm, PeriksaForm, RalatForm
from warta.models import Berita, Foto, Kategori
from wilayah.models import Wilayah, kabupaten_aktif

# --- Public -----------------------------------------------------------------------------------


def _daftar(request, berita, judul: str, feed: str):
    halaman = Paginator(berita.select_related("wilayah__parent", "kim").prefetch_related("foto"), 15).get_page(
        request.GET.get("halaman")
    )
    return render(request, "warta/daftar.html", {"halaman": halaman, "judul": judul, "feed": feed, "kategori": Kategori})


@require_safe
@public_page
def daftar(request):
    kab = kabupaten_aktif()
    if q := request.GET.get("q", "").strip():
        return _hasil_cari(request, q)
    return _daftar(request, Berita.objects.terbit(), _("Warta %(nama)s") % {"nama": kab.nama}, "/warta/feed/")


def _hasil_cari(request, q: str):
    from warta.cari import cari, cuplikan_untuk

    halaman = Paginator(cari(q), 15).get_page(request.GET.get("halaman"))
    cuplikan = cuplikan_untuk(halaman.object_list, q)
    hasil = [(b, cuplikan[b.pk]) for b in halaman]
    query = QueryDict(mutable=True)
    query["q"] = q
    return render(request, "warta/cari.html", {"q": q, "halaman": halaman, "hasil": hasil, "query": query.urlencode()})


@require_safe
@public_page
def per_kategori(request, kategori):
    if kategori not in Kategori.values:
        raise Http404
    label = Kategori(kategori).label
    return _daftar(
        request,
        Berita.objects.terbit().filter(kategori=kategori),
        _("Warta: %(k)s") % {"k": label},
        f"/warta/feed/kategori/{kategori}/",
    )


@require_safe
@public_page
def per_wilayah(request, kode):
    w = get_object_or_404(Wilayah, kode=kode, kabupaten_kode=settings.JEMBATAN_KABUPATEN)
    berita = Berita.objects.terbit().filter(Q(wilayah=w) | Q(wilayah__parent=w))
    return _daftar(request, berita, _("Warta %(nama)s") % {"nama": w.nama_lengkap}, f"/warta/feed/wilayah/{kode}/")


@require_safe
@public_page
def baca(request, pk, slug):
    berita = get_object_or_404(Berita.objects.terbit().select_related("wilayah__parent", "kim", "diperiksa_oleh"), pk=pk)
    if slug != berita.slug:
        return redirect(berita, permanent=True)
    url = absolute_url(request, berita.get_absolute_url())
    terkait = Berita.objects.terbit().filter(Q(kategori=berita.kategori) | Q(wilayah=berita.wilayah)).exclude(pk=berita.pk)[:4]
    foto = list(berita.foto.all())
    return render(
        request,
        "warta/baca.html",
        {
            "berita": berita,
            "foto": foto,
            "terkait": terkait,
            "pembaruan": berita.pembaruan.all(),
            "ralat": berita.ralat.all(),
            "url": url,
            "jsonld": _newsarticle(berita, url, foto, request),
            "teks_wa": f"*{berita.judul}*\n\n{berita.ringkasan_atau_awal}\n\n{url}",
        },
    )


def _newsarticle(berita: Berita, url: str, foto, request) -> str:
    terbit = berita.terbit_pada
    assert terbit is not None, "only published news is read here (Berita.objects.terbit())"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": berita.judul[:110],
        "url": url,
        "datePublished": terbit.isoformat(),
        "dateModified": (berita.diperbarui_pada or terbit).isoformat(),
        "author": {"@type": "Organization", "name": berita.kim.nama if berita.kim else f"Diskominfo {kabupaten_aktif().nama}"},
        "publisher": {"@type": "Organization", "name": f"Jembatan {kabupaten_aktif().nama}"},
        "articleSection": str(Kategori(berita.kategori).label),
        "description": berita.ringkasan_atau_awal,
    }
    if foto:
        data["image"] = [request.build_absolute_uri(f.url(1200)) for f in foto[:3]]
    return jsonld(data)


# --- Writers and editors ------------------------------------------------------------------


@login_required
@require_safe
def meja(request):
    wajib(akses.boleh_menulis(request.user))
    milik = Berita.objects.filter(penulis=request.user).select_related("wilayah").order_by("-diubah")[:50]
    antre = akses.berita_untuk_diperiksa(request.user).select_related("wilayah", "penulis").order_by("diubah")
    return render(request, "warta/meja.html", {"milik": milik, "antre": antre})


@login_required
def tulis(request, pk=None):
    wajib(akses.boleh_menulis(request.user))
    berita = akses.get_berita_untuk_pembaca(request, pk) if pk else Berita(penulis=request.user)
    if berita.pk and not akses.boleh_ubah(request.user, berita):
        # Submitted (or published) and no longer the writer's to change: show where it stands.
        return render(request, "warta/status.html", {"berita": berita, "foto": berita.foto.all()})
    wilayah_qs = wilayah_konten(request.user) | Wilayah.objects.filter(pk=berita.wilayah_id or "")
    form = BeritaForm(request.POST or None, instance=berita, wilayah_qs=wilayah_qs)
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            form.instance.simpan_perubahan(
                oleh=request.user, versi=d.get("versi") or 0, alasan_perubahan=d.get("alasan_perubahan", "")
            )
        except DomainError as e:
            status = tolak_di_form(form, e)
        else:
            messages.success(request, _("Berita disimpan."))
            return redirect("warta:ubah", pk=berita.pk)
    return render(request, "warta/tulis.html", {"form": form, "berita": berita, "foto_form": PhotoForm()}, status=status)


@login_required
@require_POST
def ajukan(request, pk):
    berita = akses.get_berita_untuk_pembaca(request, pk)  # a repeated press gets the reason, not a 404
    form = AjukanForm(request.POST)
    if not form.is_valid():  # only a tampered or broken form gets here: the page sends the version it shows
        messages.error(request, _("Permintaan tidak lengkap; muat ulang halaman berita lalu ajukan lagi."))
        return render(request, "warta/status.html", {"berita": berita, "foto": berita.foto.all()}, status=400)
    try:
        berita.ajukan(oleh=request.user, versi=form.cleaned_data["versi"])
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Berita diajukan untuk diperiksa editor."))
    return redirect("warta:ubah", pk=berita.pk)


@login_required
def periksa(request, pk):
    berita = akses.get_berita_untuk_editor(request, pk)
    form = PeriksaForm(request.POST or None, initial={"versi": berita.versi})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if "kembalikan" in request.POST:
                berita.kembalikan(oleh=request.user, versi=d["versi"], alasan=d["alasan"])
            else:
                berita.terbitkan(oleh=request.user, versi=d["versi"], daftar_periksa=d)
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, _("Berita diterbitkan.") if berita.is_terbit else _("Berita dikembalikan ke penulis."))
            return redirect("warta:meja")
    return render(request, "warta/periksa.html", {"berita": berita, "form": form, "foto": berita.foto.all()})


@login_required
def ralat(request, pk):
    berita = akses.get_berita_untuk_editor(request, pk)
    if not berita.is_terbit:
        raise Http404
    form = RalatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        berita.tambah_ralat(oleh=request.user, isi=form.cleaned_data["isi"])
        messages.success(request, _("Ralat ditambahkan di bawah berita."))
        return redirect(berita)
    return render(request, "warta/ralat.html", {"berita": berita, "form": form})


@login_required
@require_POST
def tambah_foto(request, pk):
    berita = akses.get_berita_untuk_penulis(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            Foto.add_upload(form.cleaned_data["foto"], form.cleaned_data["keterangan"], "warta", berita=berita)
        except ValidationError as e:
            messages.error(request, e.messages[0])
        else:
            messages.success(request, _("Foto ditambahkan."))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("warta:ubah", pk=berita.pk)


@login_required
@require_POST
def hapus_foto_view(request, pk, foto_pk):
    berita = akses.get_berita_untuk_penulis(request, pk)
    foto = get_object_or_404(Foto, pk=foto_pk, berita=berita)
    foto.delete_with_files()
    messages.success(request, _("Foto dihapus."))
    return redirect("warta:ubah", pk=berita.pk)
