from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from cekfakta.claimreview import ClaimReviewError, impor
from cekfakta.models import Istilah, Klaim, Laporan, Referensi


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas JSON ClaimReview"), help_text=_("Larik ClaimReview atau DataFeed (dataFeedElement).")
    )
    sumber = forms.CharField(label=_("Nama pemeriksa fakta"), required=False, help_text=_("Bila butir tidak menyebut author."))


class ReferensiInline(admin.TabularInline):
    model = Referensi
    extra = 0


@admin.register(Klaim)
class KlaimAdmin(admin.ModelAdmin):
    """Technical admin; verifikator work at /kelola/cek-fakta/, which enforces the publishing rules."""

    list_display = ["id", "judul", "status", "hasil", "jumlah_laporan", "diterbitkan", "demo"]
    list_filter = ["status", "hasil", "topik", "demo"]
    search_fields = ["judul", "teks_contoh"]
    readonly_fields = ["versi", "diterbitkan", "jumlah_laporan", "verifikator", "disetujui_oleh"]
    inlines = [ReferensiInline]
    change_list_template = "admin/cekfakta/klaim/change_list.html"

    def get_urls(self):
        return [path("impor/", self.admin_site.admin_view(self.impor_view), name="cekfakta_klaim_impor"), *super().get_urls()]

    def impor_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:cekfakta_klaim_changelist")
        form = ImporForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                hasil = impor(form.cleaned_data["berkas"].read(), sumber_bawaan=form.cleaned_data["sumber"])
            except ClaimReviewError as e:
                form.add_error("berkas", _("%(e)s. Tidak ada yang diimpor.") % {"e": e})
            else:
                messages.success(request, _("%(n)s putusan diimpor, %(m)s sudah ada.") % {"n": hasil.dibuat, "m": hasil.dilewati})
                for alasan in hasil.ditolak:
                    messages.warning(request, _("Ditolak: %(alasan)s.") % {"alasan": alasan})
                return redirect("admin:cekfakta_klaim_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("Impor ClaimReview"),
        }
        return render(request, "admin/cekfakta/klaim/impor.html", context)


@admin.register(Laporan)
class LaporanAdmin(admin.ModelAdmin):
    list_display = ["kode", "saluran", "klaim", "dibuat"]
    list_filter = ["saluran"]
    exclude = ["email", "kontak_saluran"]  # contacts stay out of screens and exports
    readonly_fields = [
        "kode",
        "teks",
        "tautan",
        "saluran",
        "wilayah",
        "skor",
        "klaim",
        "dibuat",
        "diberi_tahu",
        "dikabari_ditutup",
    ]


@admin.register(Istilah)
class IstilahAdmin(admin.ModelAdmin):
    """The dictionary the matcher's normaliser adds to its shipped word lists."""

    list_display = ["bentuk", "baku", "jenis"]
    list_filter = ["jenis"]
    search_fields = ["bentuk", "baku"]
