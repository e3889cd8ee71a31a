from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from akun import sekali
from akun.akses import wajib
from diskusi import akses, komentar_publik
from diskusi.forms import KomentarForm, ModerasiForm
from diskusi.models import Komentar, Status
from jembatan.lib.domain import DomainError
from jembatan.lib.mail import absolute_url
from jembatan.lib.ratelimit import exceeded

# --- Public -------------------------------------------------------------------------------------------


def asal_sah(request) -> bool:
    """Whether a POST comes from a page of this site, by the headers browsers set and scripts cannot.

    `Origin` is sent by every current browser on a POST; `Sec-Fetch-Site` where it is missing; then the
    `Referer`. A request with none of them (an old browser, a privacy add-on) is let through: the other
    safeguards of `kirim_komentar` still hold."""
    asal = request.META.get("HTTP_ORIGIN")
    sini = f"{request.scheme}://{request.get_host()}"
    if asal is not None:
        return asal == sini or asal in settings.CSRF_TRUSTED_ORIGINS
    situs = request.META.get("HTTP_SEC_FETCH_SITE")
    if situs is not None:
        return situs in ("same-origin", "none")
    rujukan = request.META.get("HTTP_REFERER")
    if rujukan:
        return urlsplit(rujukan).netloc == request.get_host()
    return True


@csrf_exempt
@require_POST
def kirim_komentar(request):
    """Receive a comment from the form under any public page.

    Why this POST is exempt from Django's CSRF token: the form sits on pages served from the whole-page
    cache (`halaman_publik`), identical for every anonymous visitor, so it cannot carry a per-visitor
    token; a token cached into the page would belong to the first visitor and fail for everyone else.
    A forged cross-site post would gain nothing a spammer cannot do directly, because this view never
    uses the session or the logged-in user: every comment is anonymous and goes through the same rules.
    What stands in for the token:
    - the origin check (`asal_sah`): browsers name the page a POST comes from, so another site cannot
      make a visitor's browser post here (which would also spread a spammer over many addresses);
    - a signed field naming the object and a ten-minute window (`komentar_publik.buat_tanda`): the same for all
      visitors in that window, so the page stays cacheable; only a page of a public object yields one,
      and it expires after a day;
    - the honeypot field and a rate limit per client address;
    - the moderation rules, which hold first comments, links and blocklisted words.
    It works without JavaScript. Forms on uncached pages (reports, the moderation queue) keep the token.
    """
    if not asal_sah(request):
        return HttpResponseForbidden(_("Formulir ini harus dikirim dari halaman situs ini."))
    if sudah := sekali.earlier_result(request):
        return sudah
    form = KomentarForm(request.POST)
    valid = form.is_valid()
    objek = form.objek
    if objek is not None and not komentar_publik.boleh_komentar(objek):
        return render(request, "diskusi/ditutup.html", {"objek": objek}, status=403)
    if not valid:
        if objek is not None:  # a fresh signed field, so sending again works even when it had expired
            form.data = form.data.copy()
            form.data["tanda"] = komentar_publik.buat_tanda(objek)
        return render(request, "diskusi/kirim.html", {"form": form, "objek": objek}, status=400)
    if form.cleaned_data["situs_web"]:  # honeypot: a bot, answer as if the comment were held
        return HttpResponseRedirect(objek.get_absolute_url() + "#komentar")
    klien = komentar_publik.hash_klien(request)
    if exceeded(f"komentar:{klien}", komentar_publik.batas_per_jam(), 3600):
        form.add_error(None, _("Terlalu banyak komentar dari alamat ini dalam satu jam. Silakan coba lagi nanti."))
        return render(request, "diskusi/kirim.html", {"form": form, "objek": objek}, status=429)
    d = form.cleaned_data
    try:
        with transaction.atomic():
            komentar = komentar_publik.tulis(
                objek,
                nama=d["nama"],
                email=d["email"],
                isi=d["isi"],
                kabari=d["kabari"],
                induk=form.induk,
                klien=klien,
                tautan=lambda p: absolute_url(request, p),
                sikap=d.get("sikap", ""),
            )
            if komentar.status == Status.TAMPIL:
                tujuan = komentar.get_absolute_url()
            else:
                tujuan = reverse("diskusi:menunggu", args=[komentar_publik.tanda_menunggu(komentar)]) + f"#komentar-{komentar.pk}"
            if komentar.status != Status.DITOLAK:
                sekali.remember(request, tujuan)
    except sekali.AlreadyDelivered:
        return sekali.earlier_result(request)
    if komentar.status == Status.DITOLAK:
        return render(request, "diskusi/ditolak.html", {"objek": objek}, status=400)
    response = HttpResponseRedirect(tujuan)
    if komentar.status == Status.TAMPIL:
        return response
    komentar_publik.simpan_kuki_menunggu(request, response, komentar)
    return response


@never_cache
@require_safe
def menunggu(request, tanda):
    """The page a commenter lands on when their comment is held: the thread with it, marked as waiting.
    Only the browser that wrote it sees it (signed cookie); everyone else gets 404."""
    komentar = komentar_publik.komentar_menunggu_milik(request, tanda)
    if komentar is None or komentar.objek is None or komentar.status in (Status.DITOLAK, Status.DISEMBUNYIKAN):
        raise Http404
    if komentar.status == Status.TAMPIL:
        return HttpResponseRedirect(komentar.get_absolute_url())
    return render(request, "diskusi/menunggu.html", {"objek": komentar.objek, "komentar_menunggu": {komentar.pk}})


def laporkan(request, pk):
    """Ask for confirmation, then record a reader's report (an uncached page, so the CSRF token applies)."""
    komentar = get_object_or_404(Komentar.objects.tampil(), pk=pk)
    if request.method == "POST":
        klien = komentar_publik.hash_klien(request)
        if exceeded(f"aduan:{klien}", komentar_publik.batas_per_jam() * 2, 3600):
            return render(request, "diskusi/laporkan.html", {"komentar": komentar, "terlalu_banyak": True}, status=429)
        komentar.laporkan(klien)
        return render(request, "diskusi/laporkan.html", {"komentar": komentar, "terkirim": True})
    return render(request, "diskusi/laporkan.html", {"komentar": komentar})


@require_safe
def log(request):
    """What moderation removed, when, where and why; never the removed text or its author."""
    dihapus = Komentar.objects.dihapus().only("id", "content_type", "object_id", "status", "alasan", "dibuat", "dimoderasi")
    halaman = Paginator(dihapus.prefetch_related("objek").order_by("-dimoderasi", "-dibuat"), 50).get_page(
        request.GET.get("halaman")
    )
    return render(request, "diskusi/log.html", {"halaman": halaman})


# --- Moderation queue -----------------------------------------------------------------------------------

SARINGAN_LABEL = [
    ("tinjau", gettext_lazy("Perlu ditinjau")),
    ("tampil", gettext_lazy("Tampil")),
    ("ditolak", gettext_lazy("Ditolak")),
    ("disembunyikan", gettext_lazy("Disembunyikan")),
]
SARINGAN = {
    "tinjau": lambda qs: qs.perlu_tinjau(),
    "tampil": lambda qs: qs.filter(status=Status.TAMPIL),
    "ditolak": lambda qs: qs.filter(status=Status.DITOLAK),
    "disembunyikan": lambda qs: qs.filter(status=Status.DISEMBUNYIKAN),
}


@login_required
@require_safe
def antrean(request):
    wajib(akses.boleh_buka_antrean_komentar(request.user))
    saring = request.GET.get("status") if request.GET.get("status") in SARINGAN else "tinjau"
    qs = SARINGAN[saring](akses.komentar_untuk_moderator(request.user)).defer("email")
    halaman = Paginator(qs.prefetch_related("objek").order_by("-dibuat"), 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "diskusi/antrean.html",
        {"halaman": halaman, "saring": saring, "query": f"status={saring}", "saringan": SARINGAN_LABEL},
    )


@login_required
@require_POST
def moderasi(request, pk):
    """Approve, reject or hide one comment; the comment records the decision in the audit trail."""
    komentar = akses.get_komentar_untuk_moderator(request, pk)
    form = ModerasiForm(request.POST)
    kembali = request.POST.get("kembali", "tinjau")
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _ke_antrean(kembali)
    aksi, alasan = form.cleaned_data["aksi"], form.cleaned_data["alasan"]
    try:
        if aksi == "setujui":
            komentar.setujui(request.user, lambda p: absolute_url(request, p))
        elif aksi == "tolak":
            komentar.tolak(request.user, alasan)
        else:
            komentar.sembunyikan(request.user, alasan)
    except DomainError as e:
        messages.error(request, str(e))
        return _ke_antrean(kembali)
    messages.success(
        request, _("Komentar dari %(nama)s: %(status)s.") % {"nama": komentar.nama, "status": komentar.get_status_display()}
    )
    return _ke_antrean(kembali)


def _ke_antrean(saring: str):
    return HttpResponseRedirect(f"{reverse('diskusi:antrean')}?status={saring if saring in SARINGAN else 'tinjau'}")
