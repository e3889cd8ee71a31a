"""Pages that combine modules: the regency home page, the page of each kecamatan and village, the weekly
mading, and the language switch. They sit above every module, so the modules below never import each other
to draw them."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from akun import akses as akun_akses
from akun.akses import get_wilayah_dalam_cakupan
from beranda import mading as mading_pekan
from beranda import tanggapan
from cekfakta import akses as cekfakta_akses
from cekfakta.models import Klaim
from diskusi import akses as diskusi_akses
from diskusi.models import Status as StatusKomentar
from jembatan.lib import health, speech
from jembatan.lib.media import serve_private
from jembatan.lib.pagecache import public_page
from kim import akses as kim_akses
from kim.cakupan import cakupan
from kim.models import Kim, RiwayatTahap, Tahap
from kim.peta import LEGENDA, peta_svg
from penilaian import akses as penilaian_akses
from penilaian.models import Kegiatan
from penilaian.skor import skor_terbit
from potensi import akses as potensi_akses
from potensi.models import Potensi
from potensi.models import Status as StatusPotensi
from ppid import akses as ppid_akses
from ppid.laporan import belum_menyusun
from ppid.models import batas_laporan
from siaran import akses as siaran_akses
from siaran.models import StatusPenerimaan
from suarawarga import akses as suarawarga_akses
from suarawarga.models import HARI_TANGGAPAN, Program, hari_ini
from warta import akses as warta_akses
from warta.models import Berita
from warta.models import Status as StatusBerita
from wilayah.models import Level, Wilayah, kabupaten_aktif

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
def utama(request):
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
    warta = Berita.objects.terbit().select_related("wilayah__parent", "kim").prefetch_related("foto")[:5]
    return render(
        request,
        "beranda/utama.html",
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
    potensi = Potensi.objects.publik().filter(wilayah__parent=kecamatan).select_related("jenis", "wilayah")
    potensi = potensi.prefetch_related("foto").order_by("-terbit_pada", "-pk")[:6]
    return render(
        request,
        "beranda/kecamatan.html",
        {
            "kecamatan": kecamatan,
            "kabupaten": kabupaten,
            "desa": desa,
            "cakupan": cakupan(kecamatan).total,
            "peta": peta,
            "legenda": LEGENDA,
            "kim_kecamatan": kim_kecamatan,
            "potensi": potensi,
        },
    )


def _desa(request, desa):
    kim = Kim.objects.filter(wilayah=desa).first()
    pengurus = riwayat = []
    if kim:
        pengurus = sorted(kim.pengurus_menjabat().exclude(jabatan="anggota"), key=lambda p: (p.jabatan_urut, p.nama))
        riwayat = kim.riwayat.all()
    potensi = Potensi.objects.publik().filter(wilayah=desa).select_related("jenis", "wilayah").prefetch_related("foto")[:12]
    # The KIM's profile names what it promotes: its published items (a module's list composed here, since kim
    # sits below the modules and cannot ask them).
    potensi_kim = Potensi.objects.publik().filter(kim=kim).select_related("jenis").order_by("nama", "pk")[:20] if kim else []
    program = Program.objects.mencakup_desa(desa).select_related("wilayah__parent").prefetch_related("desa")[:6]
    kegiatan = Kegiatan.objects.filter(kim=kim).select_related("jenis").prefetch_related("foto")[:5] if kim else []
    return render(
        request,
        "beranda/desa.html",
        {
            "desa": desa,
            "kecamatan": desa.parent,
            "kabupaten": desa.parent.parent,
            "kim": kim,
            "pengurus": pengurus,
            "jumlah_anggota": kim.pengurus_menjabat().filter(jabatan="anggota").count() if kim else 0,
            "riwayat": riwayat,
            "potensi": potensi,
            "potensi_kim": potensi_kim,
            "program": program,
            "kegiatan": kegiatan,
            "skor_kim": skor_terbit([kim]).get(kim.pk) if kim else None,
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
        "beranda/wilayah_404.html",
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


# --- Mading: the weekly notice-board bulletin -------------------------------------------------


@login_required
@require_safe
def mading(request, kode):
    """A printable A4 bulletin of one week's verified news (and the siaran sent to the area's KIM) for a
    village or kecamatan, to pin on the notice board, with one audio file of the whole week. Print it, or
    save it as PDF from the print dialog."""
    wilayah = get_wilayah_dalam_cakupan(request, kode)
    p = mading_pekan.pekan(wilayah, mading_pekan.senin_dari(request.GET.get("minggu", ""), timezone.localdate()))
    nama = mading_pekan.nama_audio(p, "ogg")
    if nama and default_storage.exists(nama):
        ogg, mp3 = (reverse("beranda:audio_mading", args=[kode, p.kode_minggu, ext]) for ext in ("ogg", "mp3"))
        audio = speech.player(ogg, mp3, show_reason=False)
    else:
        membuat = bool(nama) and mading_pekan.pesan_audio(p)
        audio = speech.player("", "", show_reason=membuat or akun_akses.is_admin(request.user)) if nama else None
    return render(
        request,
        "beranda/mading.html",
        {
            "wilayah": wilayah,
            "berita": p.berita,
            "siaran": p.siaran,
            "senin": p.senin,
            "minggu": p.minggu,
            "sebelumnya": (p.senin - timedelta(days=7)).strftime("%G-W%V"),
            "berikutnya": (p.senin + timedelta(days=7)).strftime("%G-W%V"),
            "audio": audio,
        },
    )


@login_required
@require_safe
def audio_mading(request, kode, minggu, ext):
    """The week's mading spoken, for those who may open the mading (its siaran are not public)."""
    wilayah = get_wilayah_dalam_cakupan(request, kode)
    p = mading_pekan.pekan(wilayah, mading_pekan.senin_dari(minggu, timezone.localdate()))
    nama = mading_pekan.nama_audio(p, ext) if ext in ("ogg", "mp3") else ""
    if not nama or p.kode_minggu != minggu or not default_storage.exists(nama):
        raise Http404("Audio belum tersedia.")
    return serve_private(nama, f"mading-{kode}-{minggu}", as_attachment=True)


# --- The management dashboard: what each user can open, and what waits for them -------------------


@dataclass
class Tugas:
    """Something waiting for this user, with how many and where to do it."""

    label: str
    jumlah: int
    url: str
    mendesak: bool = False


@login_required
@require_safe
def dasbor(request):
    user = request.user
    wilayah = akun_akses.wilayah_cakupan(user)
    rows = wilayah.select_related("parent", "kim").order_by("parent__nama", "level", "nama")
    q, tahap = request.GET.get("q", "").strip(), request.GET.get("tahap", "")
    if q:
        rows = rows.filter(Q(nama__icontains=q) | Q(kim__nama__icontains=q))
    if tahap == Tahap.BELUM_ADA:
        rows = rows.filter(Q(kim__isnull=True) | Q(kim__tahap=Tahap.BELUM_ADA))
    elif tahap in Tahap.values:
        rows = rows.filter(kim__tahap=tahap)
    context = {
        # Audio wanted but espeak-ng missing: said to Diskominfo's admins, who can have it installed.
        "audio_pesan": speech.status_message() if settings.JEMBATAN_AUDIO and akun_akses.is_admin(user) else "",
        "tugas": [t for t in _tugas(user) if t.jumlah],
        "tautan": _tautan(user),
        "halaman": Paginator(rows, 60).get_page(request.GET.get("halaman")),
        "banyak_wilayah": wilayah.count() > 1,
        "kim_saya": kim_akses.kim_pengguna(user).select_related("wilayah__parent"),
        "q": q,
        "tahap_dipilih": tahap,
        "tahap": Tahap,
        "query": _tanpa_halaman(request),
    }
    return render(request, "beranda/dasbor.html", context)


def _tanpa_halaman(request) -> str:
    query = request.GET.copy()
    query.pop("halaman", None)
    return query.urlencode()


def _tugas(user) -> list[Tugas]:
    """What waits for this user, each count from the rules of the module it belongs to."""
    tugas = []
    if cekfakta_akses.boleh_verifikasi(user):
        antre = Klaim.objects.antrean()
        tugas += [
            Tugas(_("Klaim melewati tenggat"), antre.terlambat(timezone.now()).count(), reverse("cekfakta:antrean"), True),
            Tugas(_("Klaim menunggu putusan"), antre.count(), reverse("cekfakta:antrean")),
        ]
    belum = siaran_akses.penerimaan_untuk_pengurus(user).filter(status=StatusPenerimaan.BELUM)
    tugas.append(Tugas(_("Siaran belum ditandai diterima"), belum.count(), reverse("siaran:kotak_masuk"), True))
    if warta_akses.boleh_menulis(user):
        kembali = Berita.objects.filter(penulis=user, status=StatusBerita.DIKEMBALIKAN).count()
        tugas.append(Tugas(_("Berita Anda dikembalikan editor"), kembali, reverse("warta:meja"), True))
        draf = Berita.objects.filter(penulis=user, status=StatusBerita.DRAF).count()
        tugas.append(Tugas(_("Draf berita belum diajukan"), draf, reverse("warta:meja")))
    tugas.append(Tugas(_("Berita menunggu pemeriksaan"), warta_akses.berita_untuk_diperiksa(user).count(), reverse("warta:meja")))
    if potensi_akses.boleh_menulis(user):
        kembali = Potensi.objects.filter(penulis=user, status=StatusPotensi.DIKEMBALIKAN).count()
        tugas.append(Tugas(_("Potensi Anda dikembalikan"), kembali, reverse("potensi:meja"), True))
    menunggu_potensi = potensi_akses.potensi_untuk_diperiksa(user).count()
    tugas.append(Tugas(_("Potensi menunggu persetujuan"), menunggu_potensi, reverse("potensi:meja")))
    if ppid_akses.boleh_buka_meja(user):
        permohonan = ppid_akses.permohonan_diikuti(user)
        meja = reverse("ppid:meja")
        tugas += [
            Tugas(
                _("Permohonan informasi melewati batas waktu"), permohonan.terlambat().count(), meja + "?tampil=terlambat", True
            ),
            Tugas(_("Permohonan informasi sedang diproses"), permohonan.terbuka().count(), meja),
            Tugas(_("Keberatan menunggu tanggapan atasan PPID"), ppid_akses.keberatan_diikuti(user).terbuka().count(), meja),
        ]
        tahun = timezone.localdate().year - 1
        tanpa_laporan = belum_menyusun(ppid_akses.badan_diikuti(user), tahun).count()
        lewat = timezone.localdate() > batas_laporan(tahun)
        label = _("PPID belum menyusun laporan tahunan %(tahun)s") % {"tahun": tahun}
        tugas.append(Tugas(label, tanpa_laporan, reverse("ppid:laporan_rekap", args=[tahun]), lewat))
    if suarawarga_akses.boleh_tangani_aspirasi(user):
        aspirasi = suarawarga_akses.aspirasi_untuk_penangan(user)
        tugas += [
            Tugas(
                _("Aspirasi melewati batas waktu"),
                aspirasi.terlambat(hari_ini()).count(),
                reverse("suarawarga:aspirasi_meja"),
                True,
            ),
            Tugas(_("Aspirasi masih berjalan"), aspirasi.terbuka().count(), reverse("suarawarga:aspirasi_meja")),
        ]
    if suarawarga_akses.boleh_terbitkan_program(user):
        label = _("Pertanyaan warga di program belum ditanggapi %(n)s hari kerja") % {"n": HARI_TANGGAPAN}
        terlambat = tanggapan.belum_ditanggapi_terlambat(user).count()
        tugas.append(Tugas(label, terlambat, reverse("beranda:tanggapan_program"), True))
    if diskusi_akses.boleh_buka_antrean_komentar(user):
        menunggu = diskusi_akses.komentar_untuk_moderator(user).filter(status=StatusKomentar.MENUNGGU).count()
        tugas.append(Tugas(_("Komentar menunggu moderasi"), menunggu, reverse("diskusi:antrean")))
    return tugas


def _tautan(user) -> list[tuple[str, str]]:
    """The management pages this user may open, asked of each module's access rules."""
    tautan = []
    if cekfakta_akses.boleh_verifikasi(user):
        tautan += [
            (_("Antrean cek fakta"), reverse("cekfakta:antrean")),
            (_("Statistik cek fakta"), reverse("cekfakta:statistik")),
        ]
    if warta_akses.boleh_menulis(user):
        tautan.append((_("Meja warta"), reverse("warta:meja")))
    if potensi_akses.boleh_menulis(user):
        tautan.append((_("Potensi desa"), reverse("potensi:meja")))
    if ppid_akses.boleh_buka_meja(user):
        tautan.append((_("Meja PPID"), reverse("ppid:meja")))
    if suarawarga_akses.boleh_tangani_aspirasi(user):
        tautan.append((_("Aspirasi warga"), reverse("suarawarga:aspirasi_meja")))
    if suarawarga_akses.boleh_terbitkan_program(user):
        tautan.append((_("Program pembangunan"), reverse("suarawarga:program_meja")))
    if suarawarga_akses.boleh_buat_jajak(user):
        tautan.append((_("Jajak pendapat"), reverse("suarawarga:jajak_meja")))
    if diskusi_akses.boleh_buka_antrean_komentar(user):
        tautan.append((_("Moderasi komentar"), reverse("diskusi:antrean")))
    if penilaian_akses.kim_terbaca(user).exists():
        tautan.append((_("Kegiatan KIM"), reverse("penilaian:meja")))
    if penilaian_akses.boleh_lihat_kabupaten(user):
        tautan.append((_("Skor KIM se-kabupaten"), reverse("penilaian:kabupaten")))
    if siaran_akses.boleh_lihat_tabel_siaran(user):
        tautan.append((_("Siaran"), reverse("siaran:semua")))
    elif kim_akses.kim_pengguna(user).exists():
        tautan.append((_("Kotak siaran"), reverse("siaran:kotak_masuk")))
    if akun_akses.boleh_kelola_pengguna(user):
        tautan.append((_("Pengguna dan undangan"), reverse("akun:pengguna")))
    if kim_akses.boleh_atur_target(user):
        tautan.append((_("Target cakupan"), reverse("kim:target")))
    if akun_akses.boleh_lihat_audit(user):
        tautan.append((_("Jejak audit"), reverse("kim:audit")))
    tautan.append((_("Ganti kata sandi"), reverse("akun:ganti_sandi")))
    return tautan


@require_safe
@never_cache
def sehat(request):
    """For a load balancer and an uptime monitor: 503 only when the database or the cache is down, so a
    slow queue or a filling disk shows in the answer without taking the server out of rotation."""
    laporan = health.report()
    return JsonResponse(laporan.as_dict(), status=503 if laporan.status == "down" else 200)
