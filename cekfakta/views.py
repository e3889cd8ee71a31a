import logging
from contextlib import nullcontext

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Q
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from akun import sekali
from akun.akses import wajib
from cekfakta import akses, gambar, layanan
from cekfakta import statistik as hitung_statistik
from cekfakta.forms import CekForm, GabungForm, KlaimForm, TutupBukanKlaimForm, referensi_formset
from cekfakta.models import RATING, Hasil, Klaim, Laporan, Saluran
from jembatan.lib import speech
from jembatan.lib.domain import DomainError, StaleVersion
from jembatan.lib.jsonld import jsonld
from jembatan.lib.mail import absolute_url
from jembatan.lib.media import serve_private
from jembatan.lib.pagecache import public_page
from jembatan.lib.ratelimit import client_address, exceeded
from jembatan.lib.slots import ServerBusy, anonymous_images
from jembatan.lib.uploads import pesan_gambar_tidak_terbuka
from kim.models import Kim
from wilayah.models import kabupaten_aktif

log = logging.getLogger(__name__)

# --- Public -----------------------------------------------------------------------------------


@require_safe
@public_page
def daftar(request):
    putusan = Klaim.objects.terbit().prefetch_related(None)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        putusan = putusan.filter(Q(judul__icontains=q) | Q(penjelasan__icontains=q))
    halaman = Paginator(putusan.order_by("-diterbitkan", "-pk"), 20).get_page(request.GET.get("halaman"))
    query = QueryDict(mutable=True)
    if q:
        query["q"] = q
    return render(request, "cekfakta/daftar.html", {"halaman": halaman, "q": q, "query": query.urlencode()})


def cek(request):
    if request.method == "POST" and (sudah := sekali.earlier_result(request)):
        return sudah
    form = CekForm(request.POST or None, request.FILES or None)
    # Pillow refuses a picture past twice the pixel limit as it opens it: say that it may be too large.
    form.fields["gambar"].error_messages["invalid_image"] = pesan_gambar_tidak_terbuka()
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["situs_web"]:  # honeypot: a bot, answer as if nothing happened
            return render(request, "cekfakta/cek.html", {"form": CekForm()})
        if exceeded(f"cek:{client_address(request)}", settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM, 3600):
            form.add_error(None, _("Terlalu banyak pemeriksaan dari alamat ini dalam satu jam. Silakan coba lagi nanti."))
            return render(request, "cekfakta/cek.html", {"form": form}, status=429)
        d = form.cleaned_data
        try:
            layar = d["gambar"].read() if d["gambar"] else None
            # Anyone may send a picture: a process decodes only a few at once (jembatan.lib.slots).
            with anonymous_images.hold() if layar else nullcontext(), transaction.atomic():
                jawaban = layanan.periksa(d["teks"], tautan=d["tautan"], wilayah=d["desa"], email=d["email"], gambar=layar)
                sekali.remember(request, jawaban.laporan.get_absolute_url())
        except sekali.AlreadyDelivered:
            return sekali.earlier_result(request)
        except layanan.PesanDitolak as e:
            form.add_error("teks", str(e))
        except ServerBusy:
            form.add_error(None, _("Server sedang sibuk memeriksa gambar lain. Silakan kirim lagi sebentar lagi."))
            response = render(request, "cekfakta/cek.html", {"form": form}, status=503)
            response["Retry-After"] = "10"
            return response
        else:
            response = render(request, "cekfakta/jawaban.html", {"jawaban": jawaban, "usulan": [k.klaim for k in jawaban.usulan]})
            # The answer stands for the report's tracking page: a report sent from the offline queue links to it.
            response["Content-Location"] = jawaban.laporan.get_absolute_url()
            return response
    return render(request, "cekfakta/cek.html", {"form": form}, status=400 if form.errors else 200)


@require_safe
def lacak(request, kode):
    laporan = get_object_or_404(Laporan.objects.select_related("klaim"), kode=kode.upper())
    usulan = _usulan(laporan) if laporan.menunggu_pilihan else []
    return render(request, "cekfakta/lacak.html", {"laporan": laporan, "klaim": laporan.klaim, "usulan": usulan})


def _usulan(laporan: Laporan) -> list[Klaim]:
    """The published verdicts offered to the reporter of a "mungkin" answer, in the order offered."""
    terbit = Klaim.objects.terbit().in_bulk(laporan.usulan)
    return [terbit[pk] for pk in laporan.usulan if pk in terbit]


@require_POST
def pilih_usulan(request, kode):
    """ "Ya, yang ini": the reporter confirms that their message is about one of the verdicts offered."""
    laporan = get_object_or_404(Laporan, kode=kode.upper())
    try:
        laporan.pilih_usulan(int(request.POST.get("klaim", "")))
    except ValueError:
        return HttpResponse(status=400)
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Terima kasih. Laporan Anda kami catat pada putusan ini."))
    return redirect(laporan.get_absolute_url())


@require_POST
def tolak_usulan(request, kode):
    """ "Bukan": none of the verdicts offered is about the reporter's message; the desk checks it."""
    laporan = get_object_or_404(Laporan, kode=kode.upper())
    try:
        laporan.tolak_usulan()
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Terima kasih. Tim verifikator akan memeriksa pesan Anda."))
    return redirect(laporan.get_absolute_url())


@require_safe
@public_page
def putusan(request, pk, slug):
    klaim = get_object_or_404(Klaim.objects.terbit(), pk=pk)
    referensi = list(klaim.referensi.all())
    url = absolute_url(request, klaim.get_absolute_url())
    return render(
        request,
        "cekfakta/putusan.html",
        {
            "klaim": klaim,
            "referensi": referensi,
            "jsonld": claimreview(klaim, url, f"Diskominfo {kabupaten_aktif().nama}"),
            "teks_wa": layanan.teks_putusan(klaim, url=url) + "\n\nCek dulu sebelum sebar.",
            "gambar": absolute_url(request, klaim.get_absolute_url() + "gambar.png"),
            # Public like the verdict; served from media/publik/ (no reason shown: the page is cached for all).
            "audio": speech.player(klaim.audio_ogg.url, klaim.audio_mp3.url, show_reason=False) if klaim.audio_terkini else None,
        },
    )


def claimreview(klaim: Klaim, url: str, penerbit: str) -> str:
    """schema.org ClaimReview of a published verdict, as JSON-LD safe inside a <script> block.

    Demo verdicts get none; an imported verdict names its own fact-checker and source, not us."""
    if klaim.demo:
        return ""
    return jsonld({"@context": "https://schema.org", **_claimreview(klaim, url, penerbit)})


def _claimreview(klaim: Klaim, url: str, penerbit: str) -> dict:
    """A published verdict as a schema.org ClaimReview (the shape `cekfakta.claimreview.impor` reads)."""
    rating = {"@type": "Rating", "alternateName": klaim.label, "bestRating": 5, "worstRating": 1}
    if klaim.hasil in RATING:
        rating["ratingValue"] = RATING[klaim.hasil]
    data = {
        "@type": "ClaimReview",
        "url": url,
        "datePublished": timezone.localdate(klaim.diterbitkan).isoformat(),
        "claimReviewed": klaim.judul,
        "author": {"@type": "Organization", "name": klaim.sumber_nama if klaim.sumber_url else penerbit},
        "itemReviewed": {"@type": "Claim", "datePublished": timezone.localdate(klaim.pertama_dilihat).isoformat()},
        "reviewRating": rating,
    }
    if klaim.sumber_url:
        data["isBasedOn"] = klaim.sumber_url
    return data


@require_safe
@public_page
def claimreview_feed(request):
    """The desk's own published verdicts as a schema.org DataFeed of ClaimReview, for fact-checking networks
    and other regencies to import (`manage.py import_claimreview` reads it). Verdicts imported from others are
    theirs, not re-published as ours; demo verdicts only on a site that runs the demo."""
    penerbit = f"Diskominfo {kabupaten_aktif().nama}"
    putusan = Klaim.objects.terbit().filter(diimpor=False).exclude(hasil=Hasil.BUKAN_KLAIM)
    if not Kim.objects.filter(demo=True).exists():  # the site runs the demo (as its banner says)
        putusan = putusan.filter(demo=False)
    elemen = []
    terbaru = None
    for k in putusan.order_by("-diterbitkan", "-pk").iterator():
        item = _claimreview(k, absolute_url(request, k.get_absolute_url()), penerbit)
        item["name"] = f"{k.label}: {k.judul}"
        if k.demo:  # whoever imports it must see that it is an example
            item["name"] = f"[DEMO] {item['name']}"
            item["author"]["name"] = f"{penerbit} (DEMO)"
        terbaru = max(terbaru or k.diterbitkan, k.diterbitkan)
        elemen.append({"@type": "DataFeedItem", "dateCreated": k.diterbitkan.isoformat(), "item": [item]})
    data = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"Cek fakta {penerbit}",
        "url": absolute_url(request, reverse("cekfakta:claimreview")),
        "publisher": {"@type": "Organization", "name": penerbit},
        "dataFeedElement": elemen,
    }
    if terbaru:
        data["dateModified"] = terbaru.isoformat()
    return HttpResponse(jsonld(data), content_type="application/json")


# --- Verification desk (admin and verifikator) --------------------------------------------


@login_required
@require_safe
def antrean(request):
    wajib(akses.boleh_verifikasi(request.user))
    now = timezone.now()
    klaim = Klaim.objects.antrean().order_by("tenggat", "pk")
    halaman = Paginator(klaim, PER_HALAMAN_ANTREAN).get_page(request.GET.get("halaman"))
    _asal(halaman.object_list)
    _kandidat_terbit(halaman.object_list)
    return render(
        request,
        "cekfakta/antrean.html",
        {
            "halaman": halaman,
            "now": now,
            "terlambat": Klaim.objects.terlambat(now).count(),
            "terbit": Klaim.objects.terbit().order_by("-diterbitkan")[:10],
            "ditutup": Klaim.objects.bukan_klaim().order_by("-diubah")[:10],
        },
    )


# The queue's page size, how many published verdicts it offers beside each open claim, how deep the matcher looks
# for them (open claims rank among them too), and how long an answer is kept while nothing it depends on changes.
PER_HALAMAN_ANTREAN = 25
KANDIDAT_ANTREAN = 3
KEDALAMAN_KANDIDAT = 20
SIMPAN_KANDIDAT = 3600


def _kandidat_terbit(klaim_list) -> None:
    """Attach to each claim of the page its best published candidates (`kandidat`: layanan.Kandidat), for a
    merge in one click. Only the claims shown are matched, and a claim's answer is kept in the cache until the
    claim or any published verdict changes: the matcher runs for the claims that are new or changed since."""
    terbit = Klaim.objects.terbit().aggregate(n=Count("id"), m=Max("diubah"))
    versi_terbit = f"{terbit['n']}:{terbit['m'].timestamp() if terbit['m'] else 0}"
    kunci = {k.pk: f"cekfakta:kandidat:{k.pk}:{k.diubah.timestamp()}:{versi_terbit}" for k in klaim_list}
    tersimpan = cache.get_many(list(kunci.values()))
    baru = {}
    pasangan: dict[int, list[tuple[int, float]]] = {}
    for k in klaim_list:
        if (ada := tersimpan.get(kunci[k.pk])) is not None:
            pasangan[k.pk] = ada
            continue
        try:
            hasil = layanan.cocokkan(k.teks_indeks, k=KEDALAMAN_KANDIDAT)
        except layanan.PesanDitolak:
            hasil = []
        terpilih = [c for c in hasil if c.klaim.is_terbit and c.klaim.pk != k.pk][:KANDIDAT_ANTREAN]
        pasangan[k.pk] = baru[kunci[k.pk]] = [(c.klaim.pk, c.skor) for c in terpilih]
    if baru:
        cache.set_many(baru, SIMPAN_KANDIDAT)
    ids = {pk for daftar in pasangan.values() for pk, _skor in daftar}
    putusan = Klaim.objects.terbit().only("judul", "hasil", "jenis_salah", "status", "diterbitkan").in_bulk(ids)
    for k in klaim_list:
        k.kandidat = [layanan.Kandidat(putusan[pk], skor) for pk, skor in pasangan[k.pk] if pk in putusan]


@login_required
@require_POST
def tutup_bukan_klaim(request):
    """Close the claims ticked on the queue page as "bukan klaim", all at once or none."""
    wajib(akses.boleh_verifikasi(request.user))
    form = TutupBukanKlaimForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect("cekfakta:antrean")
    try:
        n = Klaim.objects.tutup_bukan_klaim(form.versi(), oleh=request.user)
    except DomainError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request,
            ngettext("%(n)s klaim ditutup sebagai bukan klaim.", "%(n)s klaim ditutup sebagai bukan klaim.", n) % {"n": n},
        )
    return redirect("cekfakta:antrean")


def _asal(klaim_list) -> None:
    """Attach to each claim where its reports came from: channels and kecamatan (one GROUP BY for the page)."""
    from collections import defaultdict

    from django.db.models import Count

    saluran: defaultdict[int, list[str]] = defaultdict(list)
    kecamatan: defaultdict[int, list[str]] = defaultdict(list)
    rows = (
        Laporan.objects.filter(klaim__in=klaim_list)
        .values("klaim_id", "saluran", "wilayah__parent__nama")
        .annotate(n=Count("id"))
        .order_by("klaim_id", "-n")
    )
    for r in rows:
        label = str(dict(Saluran.choices)[r["saluran"]])
        if label not in saluran[r["klaim_id"]]:
            saluran[r["klaim_id"]].append(label)
        if r["wilayah__parent__nama"] and r["wilayah__parent__nama"] not in kecamatan[r["klaim_id"]]:
            kecamatan[r["klaim_id"]].append(r["wilayah__parent__nama"])
    for k in klaim_list:
        k.asal_saluran, k.asal_kecamatan = saluran[k.pk], kecamatan[k.pk]


# What the desk is told after saving a verdict, by what `Klaim.terbitkan` answered (None: not asked to publish).
PESAN_TERSIMPAN = {
    None: gettext_lazy("Tersimpan."),
    True: gettext_lazy("Putusan diterbitkan; pelapor diberi tahu."),
    False: gettext_lazy("Putusan diajukan; menunggu persetujuan verifikator lain."),
}


@login_required
def periksa_klaim(request, pk):
    klaim = akses.get_klaim_untuk_verifikator(request, pk)
    form = KlaimForm(request.POST or None, instance=klaim)
    refs = referensi_formset(klaim, request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid() and refs.is_valid():
        try:
            # "Terbitkan" publishes what the form shows: when publishing is refused, nothing is saved either.
            with transaction.atomic():
                klaim.ubah_putusan(form.isian(), refs.isian(), oleh=request.user, versi=form.cleaned_data["versi"])
                terbit = klaim.terbitkan(oleh=request.user, versi=klaim.versi) if "terbitkan" in request.POST else None
        except DomainError as e:
            form.add_error(None, str(e))
            status = 409 if isinstance(e, StaleVersion) else 400
            klaim.refresh_from_db()  # the page shows what is stored; the form keeps what the user typed
        else:
            messages.success(request, PESAN_TERSIMPAN[terbit])
            return redirect("cekfakta:periksa", pk=klaim.pk)
    laporan = klaim.laporan.select_related("wilayah__parent").order_by("-dibuat")[:200]
    context = {
        "klaim": klaim,
        "form": form,
        "refs": refs,
        "laporan": laporan,
        "gabung": GabungForm(),
        "kurang": klaim.syarat_terbit(),
        "mirip": _mirip(klaim),
        "hasil": Hasil,
    }
    return render(request, "cekfakta/periksa.html", context, status=status)


def _mirip(klaim):
    try:
        mirip = layanan.cocokkan(klaim.teks_indeks, k=30)
        return [k for k in mirip if k.klaim.pk != klaim.pk and not k.klaim.is_bukan_klaim][:5]
    except layanan.PesanDitolak:
        return []


@login_required
@require_POST
def gabung(request, pk):
    klaim = akses.get_klaim_untuk_verifikator(request, pk)
    form = GabungForm(request.POST)
    # A merge offered on the queue page returns there; one typed on the claim's page, to the claim.
    dari_antrean = request.POST.get("dari") == "antrean"
    tujuan = Klaim.objects.filter(pk=form.cleaned_data["tujuan"]).first() if form.is_valid() else None
    if tujuan is None:
        messages.error(request, _("Klaim tujuan tidak ditemukan."))
        return redirect("cekfakta:antrean") if dari_antrean else redirect("cekfakta:periksa", pk=klaim.pk)
    try:
        tujuan = klaim.gabungkan_ke(tujuan, oleh=request.user)
    except DomainError as e:
        messages.error(request, str(e))
        return redirect("cekfakta:antrean") if dari_antrean else redirect("cekfakta:periksa", pk=klaim.pk)
    messages.success(request, _("Laporan dipindahkan ke klaim #%(n)s.") % {"n": tujuan.pk})
    return redirect("cekfakta:antrean") if dari_antrean else redirect("cekfakta:periksa", pk=tujuan.pk)


@login_required
@require_POST
def pisah(request, pk):
    laporan = akses.get_laporan_untuk_verifikator(request, pk)
    try:
        baru = laporan.pisahkan(oleh=request.user)
    except DomainError as e:
        messages.error(request, str(e))
        return redirect("cekfakta:periksa", pk=laporan.klaim_id) if laporan.klaim_id else redirect("cekfakta:antrean")
    messages.success(request, _("Laporan dipisahkan menjadi klaim baru #%(n)s.") % {"n": baru.pk})
    return redirect("cekfakta:periksa", pk=baru.pk)


# --- Chat webhooks ----------------------------------------------------------------------------

WEBHOOK_MAKS_BYTES = 1024 * 1024


@csrf_exempt
def webhook(request, saluran):
    """Acknowledge a provider's delivery at once; the answer is worked out by a background task."""
    from cekfakta.models import PesanMasuk
    from cekfakta.saluran import ADAPTER
    from cekfakta.tasks import proses_pesan

    adapter = ADAPTER.get(saluran)
    if adapter is None:
        raise Http404
    if request.method == "GET" and hasattr(adapter, "verifikasi_langganan"):
        challenge = adapter.verifikasi_langganan(request.GET)
        return HttpResponse(challenge, content_type="text/plain") if challenge is not None else HttpResponseForbidden()
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if len(request.body) > WEBHOOK_MAKS_BYTES:
        return HttpResponse(status=413)
    if not adapter.sah(request):
        log.warning("webhook %s: signature missing or wrong (from %s)", saluran, client_address(request))
        return HttpResponseForbidden()
    # A delivery in a shape we cannot read is acknowledged too (and logged): a provider retries anything else.
    for masuk in adapter.baca(request.body):
        pesan, baru = PesanMasuk.objects.get_or_create(saluran=saluran, id_eksternal=masuk.id_eksternal, defaults=masuk.kolom())
        if baru:  # a replayed delivery is acknowledged but not processed again
            transaction.on_commit(lambda pk=pesan.pk: proses_pesan.enqueue(pk))
    return JsonResponse({"ok": True})


# --- Statistics (admin and verifikator) ---------------------------------------------------


@login_required
@require_safe
def statistik(request):
    wajib(akses.boleh_verifikasi(request.user))
    rentang = hitung_statistik.rentang_tanggal(request.GET)
    stat = hitung_statistik.hitung(kabupaten_aktif(), rentang)
    query = f"dari={rentang.dari.isoformat()}&sampai={rentang.sampai.isoformat()}"
    return render(request, "cekfakta/statistik.html", {"stat": stat, "rentang": rentang, "query": query})


@login_required
@require_safe
def unduh_statistik(request):
    wajib(akses.boleh_verifikasi(request.user))
    rentang = hitung_statistik.rentang_tanggal(request.GET)
    stat = hitung_statistik.hitung(kabupaten_aktif(), rentang)
    response = HttpResponse(hitung_statistik.ke_csv(stat), content_type="text/csv; charset=utf-8")
    nama = f"statistik-cek-fakta-{rentang.dari.isoformat()}-{rentang.sampai.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


# --- Share image of a verdict -----------------------------------------------------------------


@require_safe
def gambar_putusan(request, pk, slug):
    """The verdict as a 1200×630 PNG for link previews and chat groups, cached until the claim changes."""
    klaim = get_object_or_404(Klaim.objects.terbit(), pk=pk)
    png = gambar.png_putusan_tersimpan(klaim)
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="cek-fakta-{klaim.pk}.png"'
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response


@login_required
@require_safe
def tangkapan_layar(request, pk):
    """A reported screenshot, for the verification desk only (it may show names and numbers)."""
    laporan = akses.get_laporan_untuk_verifikator(request, pk)
    if not laporan.gambar:
        raise Http404
    return serve_private(laporan.gambar, f"laporan-{laporan.kode}", as_attachment=False)
