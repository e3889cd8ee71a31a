from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akun.akses import boleh_lihat_audit, wajib, wilayah_cakupan
from akun.audit import catat, perubahan
from akun.models import Audit
from jembatan.lib.pagecache import public_page
from kim import akses, ekspor
from kim.cakupan import cakupan, desa_tanpa_kim, progres_tahunan
from kim.forms import DirektoriForm, KimForm, PengurusForm, SelesaiForm, TahapForm, TargetForm
from kim.models import Kim, Pengurus, PerpindahanDitolak, Tahap, TargetCakupan, pindahkan_tahap
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
    stamp = timezone.localdate().isoformat()
    name = f"cakupan-kim-{kabupaten.kode}-{stamp}.{format}"
    if format == "csv":
        response = HttpResponse(ekspor.cakupan_csv(data, tanpa), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            ekspor.cakupan_xlsx(data, tanpa, kabupaten),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def logo(request, kode):
    kim = Kim.objects.publik().filter(wilayah_id=kode).exclude(logo="").first()
    if kim is None:
        raise Http404
    return FileResponse(kim.logo.open("rb"), content_type="image/png" if kim.logo.name.endswith(".png") else "image/jpeg")


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
def dasbor(request):
    wilayah = wilayah_cakupan(request.user)
    if not wilayah.exists():
        return render(request, "kim/dasbor_kosong.html")
    q = request.GET.get("q", "").strip()
    tahap = request.GET.get("tahap", "")
    rows = wilayah.select_related("parent", "kim").order_by("parent__nama", "level", "nama")
    if q:
        rows = rows.filter(Q(nama__icontains=q) | Q(kim__nama__icontains=q))
    if tahap == Tahap.BELUM_ADA:
        rows = rows.filter(Q(kim__isnull=True) | Q(kim__tahap=Tahap.BELUM_ADA))
    elif tahap in Tahap.values:
        rows = rows.filter(kim__tahap=tahap)
    halaman = Paginator(rows, 60).get_page(request.GET.get("halaman"))
    return render(request, "kim/dasbor.html", {"halaman": halaman, "q": q, "tahap_dipilih": tahap, "tahap": Tahap})


@login_required
@require_safe
def kelola(request, kode):
    wilayah = akses.get_wilayah_untuk_pembaca(request, kode)
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
    wilayah = akses.get_wilayah_untuk_pembaca(request, kode)
    pilihan = akses.tahap_yang_boleh(request.user, wilayah)
    if not pilihan:
        raise Http404
    form = TahapForm(request.POST, pilihan=pilihan)
    kim = Kim.objects.filter(wilayah=wilayah).first()
    if form.is_valid():
        data = form.cleaned_data
        dari = kim.tahap if kim else Tahap.BELUM_ADA
        try:
            kim = pindahkan_tahap(
                wilayah,
                data["ke"],
                tanggal=data["tanggal"],
                catatan=data["catatan"],
                oleh=request.user,
                versi=data["versi"],
                nomor_sk=data["nomor_sk"],
                tanggal_sk=data["tanggal_sk"],
            )
        except PerpindahanDitolak as e:
            form.add_error(None, str(e))
        else:
            with translation.override(settings.LANGUAGE_CODE):  # the audit trail is kept in one language
                labels = [str(Tahap(dari).label), str(Tahap(kim.tahap).label)]
            catat(
                request.user,
                "tahap",
                kim,
                f"{wilayah.nama}: {labels[0]} → {labels[1]}",
                wilayah=wilayah,
                changes={"tahap": labels, "tanggal": [None, data["tanggal"].isoformat()]},
            )
            messages.success(
                request, _("Tahap %(nama)s kini: %(tahap)s.") % {"nama": wilayah.nama, "tahap": kim.get_tahap_display()}
            )
            return redirect("kim:kelola", kode=wilayah.kode)
    kim = Kim.objects.filter(wilayah=wilayah).first()
    return render(
        request,
        "kim/tahap_gagal.html",
        {"wilayah": wilayah, "kim": kim, "form": form, "riwayat": kim.riwayat.select_related("oleh") if kim else []},
        status=409 if form.non_field_errors() else 400,
    )


_KIM_AUDIT_FIELDS = [f for f in KimForm.Meta.fields]


@login_required
def ubah_profil(request, kode):
    wilayah = akses.get_wilayah_untuk_pengelola(request, kode)
    kim = Kim.objects.filter(wilayah=wilayah).first() or Kim(wilayah=wilayah, nama=f"KIM {wilayah.nama}", versi=0)
    before = {f: getattr(kim, f) for f in _KIM_AUDIT_FIELDS}
    boleh_kimid = akses.boleh_ubah_kimid(request.user)
    if request.method == "POST":
        form = KimForm(
            request.POST,
            request.FILES,
            instance=kim,
            boleh_kimid=boleh_kimid,
            upload_terlalu_besar=getattr(request, "upload_terlalu_besar", False),
        )
        if form.is_valid():
            if _simpan_dengan_versi(form, kim):
                after = {f: getattr(kim, f) for f in _KIM_AUDIT_FIELDS}
                catat(
                    request.user, "ubah_kim", kim, f"Profil {kim.nama} diubah", wilayah=wilayah, changes=perubahan(before, after)
                )
                messages.success(request, _("Profil KIM disimpan."))
                return redirect("kim:kelola", kode=wilayah.kode)
            form.add_error(
                None,
                _(
                    "Profil ini baru saja diubah oleh pengguna lain. Perubahan Anda belum disimpan: "
                    "muat ulang halaman untuk melihat versi terbaru, lalu ulangi."
                ),
            )
    else:
        form = KimForm(instance=kim, boleh_kimid=boleh_kimid)
    return render(request, "kim/profil_form.html", {"form": form, "wilayah": wilayah, "kim": kim})


def _simpan_dengan_versi(form, kim) -> bool:
    """Save only if nobody changed the KIM since the form was opened (optimistic locking)."""
    from django.db import IntegrityError, transaction

    seen = form.cleaned_data["versi"]
    try:
        with transaction.atomic():
            if kim.pk is None:
                if seen != 0:
                    return False
                kim.versi = 1
                form.save()
                return True
            if not Kim.objects.filter(pk=kim.pk, versi=seen).update(versi=seen + 1):
                return False
            kim.versi = seen + 1
            form.save()
    except IntegrityError:  # the village got a KIM meanwhile
        return False
    return True


@login_required
@require_safe
def berkas(request, kode, jenis):
    kim = akses.get_kim_untuk_editor(request, kode)
    f = {"sk": kim.berkas_sk, "adart": kim.berkas_adart}.get(jenis)
    if not f:
        raise Http404
    return FileResponse(f.open("rb"), as_attachment=True, filename=f"{jenis}-{kim.wilayah_id}{f.name[f.name.rfind('.') :]}")


# --- Management: pengurus ---------------------------------------------------------------------


@login_required
def tambah_pengurus(request, kode):
    kim = akses.get_kim_untuk_editor(request, kode)
    form = PengurusForm(request.POST or None, instance=Pengurus(kim=kim))
    if request.method == "POST" and form.is_valid():
        p = form.save()
        catat(
            request.user,
            "tambah_pengurus",
            p,
            f"{p.nama} ({p.jabatan_lengkap}) ditambahkan ke {kim.nama}",
            wilayah=kim.wilayah,
            changes={"jabatan": [None, p.jabatan], "mulai": [None, p.mulai.isoformat()]},
        )
        messages.success(request, _("%(nama)s ditambahkan.") % {"nama": p.nama})
        return redirect("kim:kelola", kode=kim.wilayah_id)
    return render(request, "kim/pengurus_form.html", {"form": form, "kim": kim, "wilayah": kim.wilayah})


@login_required
def ubah_pengurus(request, pk):
    p = akses.get_pengurus_untuk_editor(request, pk)
    fields = PengurusForm.Meta.fields
    before = {f: getattr(p, f) for f in fields}
    form = PengurusForm(request.POST or None, instance=p)
    if request.method == "POST" and form.is_valid():
        form.save()
        changes = perubahan(before, {f: getattr(p, f) for f in fields})
        for private in ("nik", "telepon", "alamat"):  # the trail says it changed, not what to
            if private in changes:
                changes[private] = ["•••", "•••"]
        catat(request.user, "ubah_pengurus", p, f"Data {p.nama} ({p.kim.nama}) diubah", wilayah=p.kim.wilayah, changes=changes)
        messages.success(request, _("Data %(nama)s disimpan.") % {"nama": p.nama})
        return redirect("kim:kelola", kode=p.kim.wilayah_id)
    return render(request, "kim/pengurus_form.html", {"form": form, "kim": p.kim, "wilayah": p.kim.wilayah, "pengurus": p})


@login_required
def akhiri_pengurus(request, pk):
    p = akses.get_pengurus_untuk_editor(request, pk)
    form = SelesaiForm(request.POST or None, mulai=p.mulai)
    if request.method == "POST" and form.is_valid():
        p.selesai, p.alasan_selesai = form.cleaned_data["selesai"], form.cleaned_data["alasan"]
        p.save(update_fields=["selesai", "alasan_selesai", "diubah"])
        catat(
            request.user,
            "akhiri_pengurus",
            p,
            f"{p.nama} selesai sebagai {p.jabatan_lengkap} ({p.kim.nama})",
            wilayah=p.kim.wilayah,
            changes={"selesai": [None, p.selesai.isoformat()], "alasan": [None, p.alasan_selesai]},
        )
        messages.success(request, _("Masa jabatan %(nama)s diakhiri; riwayatnya tetap tersimpan.") % {"nama": p.nama})
        return redirect("kim:kelola", kode=p.kim.wilayah_id)
    return render(request, "kim/pengurus_selesai.html", {"form": form, "pengurus": p, "wilayah": p.kim.wilayah})


# --- Management: whole regency ----------------------------------------------------------------


@login_required
def target(request):
    wajib(akses.boleh_atur_target(request.user))
    kabupaten = kabupaten_aktif()
    jumlah = Wilayah.objects.filter(kabupaten_kode=kabupaten.kode, level=Level.DESA, berlaku=True).count()
    tahun = _tahun(request) if request.method == "GET" else int(request.POST.get("tahun") or 0)
    instance = TargetCakupan.objects.filter(wilayah=kabupaten, tahun=tahun).first() or TargetCakupan(wilayah=kabupaten)
    form = TargetForm(request.POST or None, instance=instance, jumlah_wilayah=jumlah, initial={"tahun": tahun})
    if request.method == "POST" and form.is_valid():
        before = instance.jumlah_desa if instance.pk else None
        t = form.save(commit=False)
        t.diubah_oleh = request.user
        t.save()
        catat(
            request.user,
            "target",
            t,
            f"Target {t.tahun}: {t.jumlah_desa} desa/kelurahan",
            wilayah=kabupaten,
            changes={"jumlah_desa": [before, t.jumlah_desa]},
        )
        messages.success(request, _("Target %(tahun)s disimpan.") % {"tahun": t.tahun})
        return redirect("kim:target")
    targets = TargetCakupan.objects.filter(wilayah=kabupaten).select_related("diubah_oleh")
    return render(request, "kim/target.html", {"form": form, "targets": targets, "jumlah": jumlah})


@login_required
@require_safe
def audit(request):
    wajib(boleh_lihat_audit(request.user))
    entries = Audit.objects.select_related("user")
    if kode := request.GET.get("wilayah", "").strip():
        entries = entries.filter(wilayah_id=kode)
    halaman = Paginator(entries, 50).get_page(request.GET.get("halaman"))
    return render(request, "kim/audit.html", {"halaman": halaman, "kode": kode})
