from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akun.akses import wajib
from jembatan.lib.domain import DomainError, tolak_di_form
from jembatan.lib.mail import absolute_url
from jembatan.lib.pagecache import public_page
from jembatan.lib.photos import PhotoForm
from kim.models import Kim
from penilaian import akses, ekspor, laporan, skor
from penilaian import bundel as bundel_bukti
from penilaian.forms import BulanForm, KegiatanForm, PeriodeForm
from penilaian.models import FotoKegiatan, Kandidat, Kegiatan, Perhitungan, SkorBulanan, Sumbu, awal_bulan
from penilaian.tasks import hitung_latar
from wilayah.models import Level, Wilayah

# --- Activities -------------------------------------------------------------------------------------


@login_required
@require_safe
def meja(request):
    kims = akses.kim_terbaca(request.user).select_related("wilayah").order_by("nama")
    wajib(kims.exists())
    terbaru = Kegiatan.objects.filter(kim__in=kims).select_related("kim", "jenis").order_by("-tanggal", "-id")[:50]
    context = {"kims": kims, "terbaru": terbaru, "boleh_lapor": akses.boleh_lapor(request.user), "bulan_lalu": _bulan_lalu()}
    return render(request, "penilaian/meja.html", context)


@login_required
def lapor(request):
    kim_qs = akses.kim_pelapor(request.user)
    wajib(kim_qs.exists())
    return _tulis(request, Kegiatan(pelapor=request.user), kim_qs)


@login_required
def ubah(request, pk):
    kegiatan = akses.get_kegiatan_untuk_pengubah(request, pk)
    return _tulis(request, kegiatan, akses.kim_pelapor(request.user) | Kim.objects.filter(pk=kegiatan.kim_id))


def _tulis(request, kegiatan: Kegiatan, kim_qs, foto_form=None, status: int = 200):
    form = KegiatanForm(request.POST or None, instance=kegiatan, kim_qs=kim_qs)
    if request.method == "POST" and foto_form is None:
        status = 400
        if form.is_valid():
            try:
                kegiatan.simpan(oleh=request.user, versi=form.cleaned_data["versi"], mitra=form.cleaned_data["kim_mitra"])
            except DomainError as e:
                status = tolak_di_form(form, e)
            else:
                messages.success(request, _("Kegiatan disimpan. Tambahkan fotonya di bawah bila ada."))
                return redirect("penilaian:ubah", pk=kegiatan.pk)
    context = {"form": form, "kegiatan": kegiatan, "foto_form": foto_form or PhotoForm()}
    return render(request, "penilaian/tulis.html", context, status=status)


@login_required
@require_safe
def lihat(request, pk):
    kegiatan = akses.get_kegiatan_untuk_pembaca(request, pk)
    context = {"kegiatan": kegiatan, "boleh_ubah": akses.boleh_ubah_kegiatan(request.user, kegiatan)}
    return render(request, "penilaian/lihat.html", context)


@login_required
@require_POST
def hapus(request, pk):
    kegiatan = akses.get_kegiatan_untuk_pengubah(request, pk)
    kode = kegiatan.kim.wilayah_id
    kegiatan.hapus(oleh=request.user)
    messages.success(request, _("Laporan kegiatan dihapus."))
    return redirect("penilaian:laporan", kode=kode, bulan=awal_bulan(kegiatan.tanggal))


@login_required
@require_POST
def tambah_foto(request, pk):
    kegiatan = akses.get_kegiatan_untuk_pengubah(request, pk)
    foto_form = PhotoForm(request.POST, request.FILES)
    if foto_form.is_valid():
        d = foto_form.cleaned_data
        try:
            FotoKegiatan.add_upload(d["foto"], d["keterangan"], "kegiatan", kegiatan=kegiatan)
        except ValidationError as e:
            foto_form.add_error("foto", e.messages[0])
        else:
            messages.success(request, _("Foto ditambahkan."))
            return redirect("penilaian:ubah", pk=kegiatan.pk)
    # The message stands beside the photo field, with the caption kept; the report's form is as saved.
    request.method = "GET"
    return _tulis(request, kegiatan, Kim.objects.filter(pk=kegiatan.kim_id), foto_form=foto_form, status=400)


@login_required
@require_POST
def hapus_foto(request, pk, foto_pk):
    kegiatan = akses.get_kegiatan_untuk_pengubah(request, pk)
    get_object_or_404(FotoKegiatan, pk=foto_pk, kegiatan=kegiatan).delete_with_files()
    messages.success(request, _("Foto dihapus."))
    return redirect("penilaian:ubah", pk=kegiatan.pk)


# --- Monthly report -----------------------------------------------------------------------------------


def _bulan_lalu() -> date:
    return awal_bulan(awal_bulan(timezone.localdate()) - timedelta(days=1))


@login_required
@require_safe
def laporan_bulanan(request, kode, bulan):
    kim = akses.get_kim_untuk_pembaca(request, kode)
    isi = laporan.susun(kim, bulan)
    context = {
        "laporan": isi,
        "sebelum": awal_bulan(isi.bulan - timedelta(days=1)),
        "sesudah": (isi.bulan + timedelta(days=32)).replace(day=1),
        "boleh_lapor": akses.kim_pelapor(request.user).filter(pk=kim.pk).exists(),
    }
    return render(request, "penilaian/laporan.html", context)


@login_required
@require_safe
def laporan_docx(request, kode, bulan):
    kim = akses.get_kim_untuk_pembaca(request, kode)
    isi = laporan.susun(kim, bulan)
    response = HttpResponse(
        laporan.docx(isi), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    nama = f"laporan-kegiatan-{slugify(kim.nama) or kim.wilayah_id}-{isi.bulan:%Y-%m}.docx"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


# --- Scores ----------------------------------------------------------------------------------------------


def _bulan_dipilih(request, bawaan: date) -> date:
    form = BulanForm(request.GET)
    if form.is_valid() and form.cleaned_data["bulan"]:
        return awal_bulan(form.cleaned_data["bulan"])
    return bawaan


@login_required
@require_safe
def skor_kim(request, kode):
    kim = akses.get_kim_untuk_pembaca(request, kode)
    riwayat = list(kim.skor_bulanan.order_by("-bulan")[:24])
    bulan = _bulan_dipilih(request, riwayat[0].bulan if riwayat else _bulan_lalu())
    dipilih = kim.skor_bulanan.filter(bulan=bulan).select_related("skema").first()
    nilai = list(dipilih.nilai.all()) if dipilih else []
    sumbu = [(s, dipilih.per_sumbu.get(s.value) if dipilih else None, [n for n in nilai if n.sumbu == s]) for s in Sumbu]
    dari, sampai = PeriodeForm().periode(_bulan_lalu())
    context = {
        "kim": kim,
        "riwayat": riwayat,
        "bulan": bulan,
        "skor": dipilih,
        "sumbu": sumbu,
        "bundel_dari": dari,
        "bundel_sampai": sampai,
    }
    return render(request, "penilaian/skor.html", context)


@login_required
@require_safe
def kabupaten(request):
    wajib(akses.boleh_lihat_kabupaten(request.user))
    bulan = _bulan_dipilih(request, skor.bulan_terakhir() or _bulan_lalu())
    data = skor.ringkasan_kabupaten(bulan, timezone.localdate())
    tahun = timezone.localdate().year
    context = {
        "data": data,
        "bulan": bulan,
        "hari_tidur": settings.JEMBATAN_KIM_TIDUR_HARI,
        "bulan_q": f"{bulan:%Y-%m}",
        "perhitungan": Perhitungan.objects.filter(bulan=bulan).first(),
        "tahun": tahun,
        "kandidat": set(Kandidat.objects.filter(tahun=tahun).values_list("kim_id", flat=True)),
    }
    return render(request, "penilaian/kabupaten.html", context)


@login_required
@require_safe
def unduh(request, format):
    wajib(akses.boleh_lihat_kabupaten(request.user))
    bulan = _bulan_dipilih(request, skor.bulan_terakhir() or _bulan_lalu())
    data = skor.ringkasan_kabupaten(bulan, timezone.localdate())
    if format == "csv":
        response = HttpResponse(ekspor.kabupaten_csv(data), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            ekspor.kabupaten_xlsx(data), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="skor-kim-{bulan:%Y-%m}.{format}"'
    return response


@login_required
@require_POST
def hitung(request):
    """Diskominfo asks for a month's scores: computed by a background task, whose progress the page shows."""
    wajib(akses.boleh_lihat_kabupaten(request.user))
    form = BulanForm(request.POST)
    bulan = awal_bulan(form.cleaned_data["bulan"] if form.is_valid() and form.cleaned_data["bulan"] else _bulan_lalu())
    try:
        skor.periksa_bulan(bulan)
    except DomainError as e:
        messages.error(request, str(e))
    else:
        p = Perhitungan.objects.create(bulan=bulan, diminta_oleh=request.user, total=skor.kim_dinilai().count())
        transaction.on_commit(lambda: hitung_latar.enqueue(p.pk))
        messages.success(request, _("Skor %(bulan)s sedang dihitung.") % {"bulan": formats.date_format(bulan, "F Y")})
    return redirect(f"{reverse('penilaian:kabupaten')}?bulan={bulan:%Y-%m}")


@require_safe
@public_page
def peringkat(request, kode):
    kecamatan = get_object_or_404(
        Wilayah.objects.select_related("parent"), kode=kode, level=Level.KECAMATAN, kabupaten_kode=settings.JEMBATAN_KABUPATEN
    )
    if not akses.boleh_lihat_peringkat(request.user, kecamatan):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404("Halaman tidak ditemukan.")
    skor_kec = SkorBulanan.objects.filter(kim__wilayah__parent=kecamatan, bulan__lt=awal_bulan(timezone.localdate()))
    bulan = _bulan_dipilih(request, skor_kec.order_by("-bulan").values_list("bulan", flat=True).first() or _bulan_lalu())
    baris = skor_kec.filter(bulan=bulan).select_related("kim__wilayah").order_by("-total", "kim__nama")
    return render(request, "penilaian/peringkat.html", {"kecamatan": kecamatan, "bulan": bulan, "baris": baris})


# --- Festival ------------------------------------------------------------------------------------------


@login_required
@require_safe
def bundel(request, kode):
    kim = akses.get_kim_untuk_pembaca(request, kode)
    form = PeriodeForm(request.GET)
    dari, sampai = form.periode(_bulan_lalu())
    isi = bundel_bukti.Bundel(kim, dari, sampai)
    response = StreamingHttpResponse(
        bundel_bukti.tulis_zip(isi, situs=absolute_url(request, "/").rstrip("/")), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{isi.nama_berkas}"'
    return response


@login_required
@require_POST
def kandidat(request):
    """Pick (`pilih=<kode>`) or drop (`batal=<kode>`) a KIM as the year's festival candidate."""
    wajib(akses.boleh_lihat_kabupaten(request.user))
    pilih = "pilih" in request.POST
    kim = akses.get_kim_untuk_pembaca(request, request.POST.get("pilih" if pilih else "batal", ""))
    tahun = timezone.localdate().year
    Kandidat.ubah(kim, tahun, pilih=pilih, oleh=request.user)
    messages.success(request, _("Daftar kandidat festival %(tahun)s diperbarui.") % {"tahun": tahun})
    return redirect(f"{reverse('penilaian:kabupaten')}?bulan={request.POST.get('bulan', '')}")
