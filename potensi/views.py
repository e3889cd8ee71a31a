from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akun.akses import wajib, wilayah_cakupan
from jembatan.lib.domain import DomainError, tolak_di_form
from jembatan.lib.jsonld import jsonld
from jembatan.lib.mail import absolute_url
from jembatan.lib.pagecache import public_page
from jembatan.lib.phone import whatsapp_link
from jembatan.lib.photos import PhotoForm
from potensi import akses
from potensi.forms import LangkahForm, PotensiForm, SaringForm
from potensi.models import FotoPotensi, Potensi, Skema
from potensi.peta import judul_peta, latar_kabupaten, peta_potensi
from wilayah.models import Wilayah, kabupaten_aktif

TANPA_PETA = ("peta_svg", "peta_batas", "peta_viewbox")

# --- Public -----------------------------------------------------------------------------------


@require_safe
@public_page
def daftar(request):
    form = SaringForm(request.GET)
    qs = Potensi.objects.publik().select_related("jenis", "wilayah__parent").prefetch_related("foto")
    # What a card does not show: the description (its summary is stored), the search vector, the places' outlines.
    qs = qs.defer("deskripsi", "cari_vektor", *(f"{w}__{f}" for w in ("wilayah", "wilayah__parent") for f in TANPA_PETA))
    qs = form.saring(qs)
    halaman = Paginator(qs, 24).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {"form": form, "halaman": halaman, "query": query.urlencode(), "peta": ""}
    if halaman.number == 1 and halaman.paginator.count:  # the map of every match, once, above the first page
        kecamatan = form.cleaned_data.get("kecamatan")
        if latar := latar_kabupaten(kecamatan.kode if kecamatan else None):
            nama = kecamatan.nama_lengkap if kecamatan else kabupaten_aktif().nama
            context["peta"] = peta_potensi(qs, latar, judul=judul_peta(nama), saringan=query.dict())
    return render(request, "potensi/daftar.html", context)


@require_safe
@public_page
def detail(request, pk, slug):
    qs = Potensi.objects.publik().select_related("jenis", "wilayah__parent__parent", "kim")
    potensi = get_object_or_404(qs, pk=pk)
    if slug != potensi.slug:
        return redirect(potensi, permanent=True)
    url = absolute_url(request, potensi.get_absolute_url())
    foto = list(potensi.foto.all())
    nomor = potensi.nomor_chat()
    tanya = _("Halo, saya melihat %(nama)s di Jembatan %(kab)s: %(url)s — apakah masih tersedia?")
    context = {
        "potensi": potensi,
        "foto": foto,
        "url": url,
        "jsonld": _jsonld(potensi, url, foto, request),
        "chat": whatsapp_link(nomor, tanya % {"nama": potensi.nama, "kab": kabupaten_aktif().nama, "url": url}) if nomor else "",
        "teks_wa": f"*{potensi.nama}* — {potensi.wilayah.nama_lengkap}\n{potensi.teks_harga}\n\n{potensi.ringkasan}\n\n{url}",
    }
    return render(request, "potensi/detail.html", context)


def _jsonld(p: Potensi, url: str, foto, request) -> str:
    """schema.org for the item's kind: a Product with its price range, a TouristAttraction, a LocalBusiness …
    Never a phone number: contact goes through the page's button."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": p.jenis.skema,
        "name": p.nama,
        "description": p.ringkasan,
        "url": url,
    }
    if foto:
        data["image"] = [request.build_absolute_uri(f.url(1200)) for f in foto[:3]]
    lo, hi = p.harga_min, p.harga_max
    if p.jenis.skema == Skema.PRODUCT:
        data["category"] = p.jenis.nama
        if p.nama_usaha:
            data["brand"] = {"@type": "Brand", "name": p.nama_usaha}
        if lo is not None or hi is not None:
            data["offers"] = {
                "@type": "AggregateOffer",
                "lowPrice": lo if lo is not None else hi,
                "highPrice": hi if hi is not None else lo,
                "priceCurrency": "IDR",
                "availability": "https://schema.org/InStock",
            }
        return jsonld(data)
    data["address"] = {
        "@type": "PostalAddress",
        "addressLocality": p.wilayah.nama,
        "addressRegion": p.wilayah.parent.parent.nama if p.wilayah.parent and p.wilayah.parent.parent else "",
        "addressCountry": "ID",
        **({"postalCode": p.wilayah.kode_pos} if p.wilayah.kode_pos else {}),
    }
    if p.lokasi_publik and p.lat is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lng}
    if p.jenis.skema == Skema.LOCAL_BUSINESS and p.teks_harga:
        data["priceRange"] = p.teks_harga
    return jsonld(data)


# --- Writers and reviewers ------------------------------------------------------------------


@login_required
@require_safe
def meja(request):
    wajib(akses.boleh_menulis(request.user))
    milik = Potensi.objects.filter(penulis=request.user).select_related("wilayah", "jenis").order_by("-diubah")[:50]
    antre = akses.potensi_untuk_diperiksa(request.user).select_related("wilayah", "penulis").order_by("diubah")
    terbit = Potensi.objects.none()
    if akses.boleh_memeriksa(request.user):
        terbit = Potensi.objects.terbit().filter(wilayah__in=wilayah_cakupan(request.user)).select_related("wilayah")
        terbit = terbit.order_by("dikonfirmasi_pada")[:50]
    konteks = {"milik": milik, "antre": antre, "terbit": terbit, "boleh_impor": akses.boleh_memeriksa(request.user)}
    return render(request, "potensi/meja.html", konteks)


@login_required
def tulis(request, pk=None):
    wajib(akses.boleh_menulis(request.user))
    potensi = akses.get_potensi_untuk_pembaca(request, pk) if pk else Potensi(penulis=request.user)
    if potensi.pk and not akses.boleh_ubah(request.user, potensi):
        # Submitted (or published) and no longer the writer's to change: show where it stands.
        return render(request, "potensi/status.html", {"potensi": potensi, "foto": potensi.foto.all()})
    wilayah_qs = akses.desa_untuk_penulis(request.user) | Wilayah.objects.filter(pk=potensi.wilayah_id or "")
    form = PotensiForm(request.POST or None, instance=potensi, wilayah_qs=wilayah_qs, oleh=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                potensi.simpan_perubahan(
                    oleh=request.user, versi=d.get("versi") or 0, alasan_perubahan=d.get("alasan_perubahan", "")
                )
            except DomainError as e:
                status = tolak_di_form(form, e)
            else:
                messages.success(request, _("Potensi disimpan."))
                return redirect("potensi:ubah", pk=potensi.pk)
    return render(request, "potensi/tulis.html", {"form": form, "potensi": potensi, "foto_form": PhotoForm()}, status=status)


@login_required
@require_POST
def ajukan(request, pk):
    potensi = akses.get_potensi_untuk_pembaca(request, pk)  # a repeated press gets the reason, not a 404
    form = LangkahForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Permintaan tidak lengkap; muat ulang halaman lalu ajukan lagi."))
        potensi.ajukan(oleh=request.user, versi=form.cleaned_data["versi"])
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Potensi diajukan untuk diperiksa."))
    return redirect("potensi:ubah", pk=potensi.pk)


@login_required
def periksa(request, pk):
    potensi = akses.get_potensi_untuk_pemeriksa(request, pk)
    form = LangkahForm(request.POST or None, initial={"versi": potensi.versi})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if "kembalikan" in request.POST:
                potensi.kembalikan(oleh=request.user, versi=d["versi"], alasan=d["alasan"])
            else:
                potensi.setujui(oleh=request.user, versi=d["versi"])
        except DomainError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(
                request, _("Potensi disetujui dan terbit.") if potensi.is_terbit else _("Potensi dikembalikan ke penulis.")
            )
            return redirect("potensi:meja")
    return render(request, "potensi/periksa.html", {"potensi": potensi, "form": form, "foto": potensi.foto.all()})


@login_required
@require_POST
def konfirmasi(request, pk):
    potensi = akses.get_potensi_untuk_pemeriksa(request, pk)
    form = LangkahForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Permintaan tidak lengkap; muat ulang halaman lalu ulangi."))
        potensi.konfirmasi(oleh=request.user, versi=form.cleaned_data["versi"])
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Terima kasih: “%(nama)s” dikonfirmasi masih berlaku.") % {"nama": potensi.nama})
    return redirect("potensi:meja")


@login_required
@require_POST
def tambah_foto(request, pk):
    potensi = akses.get_potensi_untuk_penulis(request, pk)
    foto_form = PhotoForm(request.POST, request.FILES)
    if foto_form.is_valid():
        d = foto_form.cleaned_data
        try:
            FotoPotensi.add_upload(d["foto"], d["keterangan"], "potensi", potensi=potensi)
        except ValidationError as e:
            foto_form.add_error("foto", e.messages[0])
        else:
            messages.success(request, _("Foto ditambahkan."))
            return redirect("potensi:ubah", pk=potensi.pk)
    # The message stands beside the photo field, with the caption kept; the item's form is as saved.
    wilayah_qs = Wilayah.objects.filter(pk=potensi.wilayah_id)
    form = PotensiForm(instance=potensi, wilayah_qs=wilayah_qs, oleh=request.user)
    return render(request, "potensi/tulis.html", {"form": form, "potensi": potensi, "foto_form": foto_form}, status=400)


@login_required
@require_POST
def hapus_foto(request, pk, foto_pk):
    potensi = akses.get_potensi_untuk_penulis(request, pk)
    foto = get_object_or_404(FotoPotensi, pk=foto_pk, potensi=potensi)
    foto.delete_with_files()
    messages.success(request, _("Foto dihapus."))
    return redirect("potensi:ubah", pk=potensi.pk)
