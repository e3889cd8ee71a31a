from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akun.akses import boleh_lihat_audit, get_wilayah_dalam_cakupan, wajib
from akun.models import Audit
from jembatan.lib.domain import DomainError
from jembatan.lib.media import serve_private
from jembatan.lib.pagecache import public_page
from kim import akses, ekspor
from kim.cakupan import cakupan, desa_tanpa_kim, perlu_pendampingan, progres_tahunan
from kim.forms import DirektoriForm, KimForm, PengurusForm, SelesaiForm, TahapForm, TargetForm
from kim.models import Kim, Pengurus, Tahap, TargetCakupan
from wilayah.models import Level, Wilayah, kabupaten_aktif

# --- Public pages -----------------------------------------------------------------------------


@require_safe
@public_page
def direktori(request):
    kabupaten = kabupaten_aktif()
    kecamatan = list(Wilayah.objects.filter(parent=kabupaten, berlaku=True).values_list("kode", "nama").order_by("nama"))
    form = DirektoriForm(request.GET or None, kecamatan=kecamatan)
    kims = (
        Kim.objects.publik()
        .di_kabupaten(kabupaten.kode)
        .select_related("wilayah__parent")
        .order_by("wilayah__parent__nama", "wilayah__nama")
    )
    if form.is_valid():
        if q := form.cleaned_data["q"].strip():
            kims = kims.filter(Q(nama__icontains=q) | Q(wilayah__nama__icontains=q))
        if kode := form.cleaned_data["kecamatan"]:
            kims = kims.filter(Q(wilayah__parent_id=kode) | Q(wilayah_id=kode))
        if tahap := form.cleaned_data["tahap"]:
            kims = kims.filter(tahap=tahap)
    halaman = Paginator(kims, 50).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request, "kim/direktori.html", {"form": form, "halaman": halaman, "query": query.urlencode(), "kabupaten": kabupaten}
    )


def _bilangan(nilai: str | None) -> int | None:
    """A whole number typed or sent as text, or None (never an error: `int()` refuses "abc" and "²")."""
    try:
        return int(nilai or "")
    except ValueError:
        return None


def _tahun(request) -> int:
    today = timezone.localdate()
    try:
        tahun = int(request.GET.get("tahun", today.year))
    except ValueError:
        tahun = today.year
    return tahun if 2000 <= tahun <= today.year else today.year


@require_safe
@public_page
def halaman_cakupan(request):
    kabupaten = kabupaten_aktif()
    tahun = _tahun(request)
    return render(
        request,
        "kim/cakupan.html",
        {
            "kabupaten": kabupaten,
            "cakupan": cakupan(kabupaten),
            "tanpa_kim": desa_tanpa_kim(kabupaten),
            "pendampingan": perlu_pendampingan(kabupaten, timezone.localdate()),
            "hari_tidur": settings.JEMBATAN_KIM_TIDUR_HARI,
            "progres": progres_tahunan(kabupaten, tahun, timezone.localdate()),
            "tahap": Tahap,
            "tahun": tahun,
            "tahun_pilihan": range(timezone.localdate().year, 2019, -1),
            "dicetak": timezone.localtime(),
        },
    )


@require_safe
@public_page
def unduh_cakupan(request, format):
    kabupaten = kabupaten_aktif()
    data = cakupan(kabupaten)
    tanpa = desa_tanpa_kim(kabupaten)
    pendampingan = perlu_pendampingan(kabupaten, timezone.localdate())
    stamp = timezone.localdate().isoformat()
    name = f"cakupan-kim-{kabupaten.kode}-{stamp}.{format}"
    if format == "csv":
        response = HttpResponse(ekspor.cakupan_csv(data, tanpa, pendampingan), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            ekspor.cakupan_xlsx(data, tanpa, kabupaten, pendampingan),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def logo(request, kode):
    kim = Kim.objects.publik().filter(wilayah_id=kode).exclude(logo="").first()
    if kim is None:
        raise Http404
    return serve_private(kim.logo, f"logo-{kim.wilayah_id}", as_attachment=False)


@require_safe
@public_page
def kit(request, kode, dokumen):
    from kim import formasi

    wilayah = Wilayah.objects.select_related("parent__parent").filter(kode=kode, level=Level.DESA).first()
    if wilayah is None or wilayah.kabupaten_kode != settings.JEMBATAN_KABUPATEN or dokumen not in formasi.DOKUMEN:
        raise Http404("Dokumen atau desa tidak ditemukan.")
    content, filename = formasi.buat(dokumen, wilayah, today=timezone.localdate())
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Management: dashboard and one village ----------------------------------------------------


@login_required
@require_safe
def kelola(request, kode):
    wilayah = get_wilayah_dalam_cakupan(request, kode)
    kim = Kim.objects.filter(wilayah=wilayah).first()
    pilihan = akses.tahap_yang_boleh(request.user, wilayah)
    today = timezone.localdate()
    pengurus = kim.pengurus.all() if kim else []
    return render(
        request,
        "kim/kelola.html",
        {
            "wilayah": wilayah,
            "kim": kim,
            "tahap_form": TahapForm(pilihan=pilihan, initial={"versi": kim.versi if kim else 0}) if pilihan else None,
            "riwayat": kim.riwayat.select_related("oleh") if kim else [],
            "menjabat": [p for p in pengurus if p.mulai <= today and (p.selesai is None or p.selesai >= today)],
            "mantan": [p for p in pengurus if p.selesai and p.selesai < today],
            "boleh_kelola": akses.boleh_kelola_kim(request.user, wilayah),
            "data_pribadi": akses.boleh_lihat_data_pribadi(request.user, wilayah),
        },
    )


@login_required
@require_POST
def pindah_tahap(request, kode):
    wilayah = get_wilayah_dalam_cakupan(request, kode)
    pilihan = akses.tahap_yang_boleh(request.user, wilayah)
    if not pilihan:
        raise Http404
    form = TahapForm(request.POST, pilihan=pilihan)
    status = 400
    if form.is_valid():
        d = form.cleaned_data
        try:
            kim = Kim.objects.pindahkan_tahap(
                wilayah,
                d["ke"],
                tanggal=d["tanggal"],
                catatan=d["catatan"],
                oleh=request.user,
                versi=d["versi"],
                nomor_sk=d["nomor_sk"],
                tanggal_sk=d["tanggal_sk"],
            )
        except DomainError as e:
            form.add_error(None, str(e))
            status = 409
        else:
            pesan = _("Tahap %(nama)s kini: %(tahap)s.") % {"nama": wilayah.nama, "tahap": kim.get_tahap_display()}
            messages.success(request, pesan)
            return redirect("kim:kelola", kode=wilayah.kode)
    kim = Kim.objects.filter(wilayah=wilayah).first()
    riwayat = kim.riwayat.select_related("oleh") if kim else []
    context = {"wilayah": wilayah, "kim": kim, "form": form, "riwayat": riwayat}
    return render(request, "kim/tahap_gagal.html", context, status=status)


@login_required
def ubah_profil(request, kode):
    wilayah = akses.get_wilayah_untuk_pengelola(request, kode)
    kim = Kim.objects.filter(wilayah=wilayah).first() or Kim(wilayah=wilayah, nama=f"KIM {wilayah.nama}", versi=0)
    boleh_kimid = akses.boleh_ubah_kimid(request.user)
    if request.method == "POST":
        files = request.FILES  # parsing the upload is what tells whether it was too large
        terlalu_besar = getattr(request, "upload_terlalu_besar", False)
        form = KimForm(request.POST, files, instance=kim, boleh_kimid=boleh_kimid, upload_terlalu_besar=terlalu_besar)
        if form.is_valid():
            try:
                form.save(commit=False).simpan_profil(oleh=request.user, versi=form.cleaned_data["versi"])
            except DomainError as e:
                form.add_error(None, str(e))
            else:
                messages.success(request, _("Profil KIM disimpan."))
                return redirect("kim:kelola", kode=wilayah.kode)
    else:
        form = KimForm(instance=kim, boleh_kimid=boleh_kimid)
    return render(request, "kim/profil_form.html", {"form": form, "wilayah": wilayah, "kim": kim})


@login_required
@require_safe
def berkas(request, kode, jenis):
    kim = akses.get_kim_untuk_editor(request, kode)
    f = {"sk": kim.berkas_sk, "adart": kim.berkas_adart}.get(jenis)
    if not f:
        raise Http404
    return serve_private(f, f"{jenis}-{kim.wilayah_id}", as_attachment=True)


# --- Management: pengurus ---------------------------------------------------------------------


@login_required
def tambah_pengurus(request, kode):
    kim = akses.get_kim_untuk_editor(request, kode)
    form = PengurusForm(request.POST or None, instance=Pengurus(kim=kim))
    if request.method == "POST" and form.is_valid():
        p = form.save(commit=False)
        p.simpan(oleh=request.user, versi=form.cleaned_data["versi"])
        messages.success(request, _("%(nama)s ditambahkan.") % {"nama": p.nama})
        return redirect("kim:kelola", kode=kim.wilayah_id)
    return render(request, "kim/pengurus_form.html", {"form": form, "kim": kim, "wilayah": kim.wilayah})


@login_required
def ubah_pengurus(request, pk):
    p = akses.get_pengurus_untuk_editor(request, pk)
    form = PengurusForm(request.POST or None, instance=p)
    if request.method == "POST" and form.is_valid():
        try:
            form.save(commit=False).simpan(oleh=request.user, versi=form.cleaned_data["versi"])
        except DomainError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Data %(nama)s disimpan.") % {"nama": p.nama})
            return redirect("kim:kelola", kode=p.kim.wilayah_id)
    return render(request, "kim/pengurus_form.html", {"form": form, "kim": p.kim, "wilayah": p.kim.wilayah, "pengurus": p})


@login_required
def akhiri_pengurus(request, pk):
    p = akses.get_pengurus_untuk_editor(request, pk)
    form = SelesaiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            p.akhiri(selesai=form.cleaned_data["selesai"], alasan=form.cleaned_data["alasan"], oleh=request.user)
        except DomainError as e:
            form.add_error("selesai", str(e))
        else:
            messages.success(request, _("Masa jabatan %(nama)s diakhiri; riwayatnya tetap tersimpan.") % {"nama": p.nama})
            return redirect("kim:kelola", kode=p.kim.wilayah_id)
    return render(request, "kim/pengurus_selesai.html", {"form": form, "pengurus": p, "wilayah": p.kim.wilayah})


# --- Management: whole regency ----------------------------------------------------------------


@login_required
def target(request):
    wajib(akses.boleh_atur_target(request.user))
    kabupaten = kabupaten_aktif()
    jumlah = Wilayah.objects.filter(kabupaten_kode=kabupaten.kode, level=Level.DESA, berlaku=True).count()
    # The year picks the row to change; a year that is not a number is left to the form to refuse.
    tahun = _tahun(request) if request.method == "GET" else _bilangan(request.POST.get("tahun"))
    instance = TargetCakupan.objects.filter(wilayah=kabupaten, tahun=tahun).first() or TargetCakupan(wilayah=kabupaten)
    form = TargetForm(request.POST or None, instance=instance, jumlah_wilayah=jumlah, initial={"tahun": tahun})
    if request.method == "POST" and form.is_valid():
        t = form.save(commit=False)
        try:
            t.simpan(oleh=request.user, versi=form.cleaned_data["versi"])
        except DomainError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Target %(tahun)s disimpan.") % {"tahun": t.tahun})
            return redirect("kim:target")
    targets = TargetCakupan.objects.filter(wilayah=kabupaten).select_related("diubah_oleh")
    status = 400 if form.errors else 200
    return render(request, "kim/target.html", {"form": form, "targets": targets, "jumlah": jumlah}, status=status)


@login_required
@require_safe
def audit(request):
    wajib(boleh_lihat_audit(request.user))
    entries = Audit.objects.select_related("user")
    if kode := request.GET.get("wilayah", "").strip():
        entries = entries.filter(wilayah_id=kode)
    halaman = Paginator(entries, 50).get_page(request.GET.get("halaman"))
    return render(request, "kim/audit.html", {"halaman": halaman, "kode": kode})
