from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cekfakta import claimreview
from cekfakta.claimreview import ClaimReviewError
from cekfakta.models import (
    ISIAN_PUTUSAN,
    KOLOM_TERBIT,
    LANJUT_OTOMATIS_MAKS,
    ImporClaimReview,
    Istilah,
    Klaim,
    Laporan,
    Referensi,
)
from jembatan.lib.domain import DomainError
from jembatan.lib.uploads import unggahan_besar


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas JSON ClaimReview"), help_text=_("Larik ClaimReview atau DataFeed (dataFeedElement).")
    )
    sumber = forms.CharField(label=_("Nama pemeriksa fakta"), required=False, help_text=_("Bila butir tidak menyebut author."))


# Links typed without a scheme are taken as https (as the desk's own forms do, `jembatan.lib.forms.https_url`).
URL_HTTPS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class ReferensiInline(admin.TabularInline):
    model = Referensi
    extra = 0
    formfield_overrides = URL_HTTPS

    # A published verdict's references change at the desk, with the verdict (versioned and audited).
    def has_add_permission(self, request, obj=None):
        return not (obj and obj.is_terbit) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.is_terbit) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.is_terbit) and super().has_delete_permission(request, obj)


@admin.register(Klaim)
class KlaimAdmin(admin.ModelAdmin):
    """Technical admin; verifikator work at /kelola/cek-fakta/, which enforces the publishing rules."""

    list_display = ["id", "judul", "status", "hasil", "jumlah_laporan", "diterbitkan", "demo"]
    list_filter = ["status", "hasil", "topik", "demo"]
    search_fields = ["judul", "teks_contoh"]
    readonly_fields = ["versi", "diterbitkan", "jumlah_laporan", "verifikator", "disetujui_oleh"]
    inlines = [ReferensiInline]
    formfield_overrides = URL_HTTPS
    change_list_template = "admin/cekfakta/klaim/change_list.html"

    def get_readonly_fields(self, request, obj=None):
        """A published verdict is changed at the desk (`Klaim.ubah_putusan`: it stays complete, its version goes up,
        the change is audited and spoken again); here its verdict and who published it can only be read."""
        if obj is not None and obj.is_terbit:
            return [*self.readonly_fields, *(f for f in [*ISIAN_PUTUSAN, *KOLOM_TERBIT] if f not in self.readonly_fields)]
        return self.readonly_fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        klaim = self.get_object(request, object_id)
        if klaim is not None and klaim.is_terbit:
            messages.info(
                request,
                format_html(
                    gettext(
                        'Putusan ini sudah terbit: ubah isinya di <a href="{}">meja verifikator</a>, tempat perubahan dicatat.'
                    ),
                    reverse("cekfakta:periksa", args=[klaim.pk]),
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [path("impor/", self.admin_site.admin_view(self.impor_view), name="cekfakta_klaim_impor"), *super().get_urls()]

    @method_decorator(unggahan_besar("JEMBATAN_MAX_IMPOR_MB", izin="cekfakta.add_klaim"))
    def impor_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:cekfakta_klaim_changelist")
        form = ImporForm(request.POST or None, request.FILES or None)
        if getattr(request, "upload_terlalu_besar", False):
            # the upload handler stopped reading the file: the form alone would say the field is empty
            form.is_valid()
            form.errors["berkas"] = form.error_class(
                [
                    _(
                        "Berkas lebih dari %(mb)s MB dan tidak dibaca. Tidak ada yang diimpor. Bagi berkasnya, atau "
                        "minta pengelola server menjalankan `manage.py import_claimreview` untuk berkas sebesar itu."
                    )
                    % {"mb": settings.JEMBATAN_MAX_IMPOR_MB}
                ]
            )
        if request.method == "POST" and form.is_valid():
            berkas = form.cleaned_data["berkas"]
            try:
                impor = claimreview.antrekan(
                    berkas.read(), nama_berkas=berkas.name, sumber_bawaan=form.cleaned_data["sumber"], oleh=request.user
                )
            except ClaimReviewError as e:
                form.add_error("berkas", _("%(e)s. Tidak ada yang diimpor.") % {"e": e})
            else:
                messages.success(
                    request,
                    _(
                        "Berkas diterima: %(n)s butir akan diproses di latar belakang. Halaman ini menunjukkan "
                        "kemajuannya; muat ulang untuk melihat yang terbaru."
                    )
                    % {"n": impor.jumlah_butir},
                )
                return redirect(reverse("admin:cekfakta_imporclaimreview_change", args=[impor.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("Impor ClaimReview"),
        }
        return render(request, "admin/cekfakta/klaim/impor.html", context)


@admin.register(ImporClaimReview)
class ImporClaimReviewAdmin(admin.ModelAdmin):
    """Uploaded ClaimReview files and how far the background workers are with them (read only)."""

    list_display = ["dimulai", "nama_berkas", "status", "kemajuan", "dibuat", "dilewati", "jumlah_ditolak", "oleh"]
    list_filter = ["status"]
    fields = readonly_fields = (
        "nama_berkas",
        "sumber",
        "status",
        "kemajuan",
        "jumlah_butir",
        "dibuat",
        "dilewati",
        "daftar_ditolak",
        "galat",
        "oleh",
        "dimulai",
        "diperbarui",
        "diantrekan_lagi",
        "dilanjutkan_otomatis",
        "ditolak_antrean",
        "selesai_pada",
    )
    actions = ["lanjutkan"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(bagian_semua=Count("bagian"), bagian_selesai=Count("bagian", filter=Q(bagian__selesai=True)))
        )

    @admin.display(description=_("bagian selesai"))
    def kemajuan(self, obj: ImporClaimReview) -> str:
        teks = f"{obj.bagian_selesai} / {obj.bagian_semua}"  # type: ignore[attr-defined]  # annotated above
        jam = f"{timezone.localtime(obj.diperbarui):%d-%m %H:%M}"
        if obj.macet:
            teks += " — " + gettext(
                "tidak maju sejak %(jam)s: pekerja latar belakang mungkin berhenti. Dengan pengatur waktu "
                "lanjutkan_impor_macet, bagian yang belum selesai diantrekan lagi otomatis (sudah %(kali)d dari "
                "%(n)d kali); atau pakai “Lanjutkan bagian yang belum selesai”."
            ) % {"jam": jam, "kali": obj.dilanjutkan_otomatis, "n": LANJUT_OTOMATIS_MAKS}
        elif obj.menunggu_lama:
            teks += " — " + gettext(
                "masih menunggu giliran sejak %(jam)s: antrean tugas sedang sibuk, atau pekerja latar belakang tidak berjalan."
            ) % {"jam": jam}
        return teks

    @admin.display(description=_("ditolak"))
    def jumlah_ditolak(self, obj: ImporClaimReview) -> int:
        return len(obj.ditolak)

    @admin.display(description=_("butir yang ditolak"))
    def daftar_ditolak(self, obj: ImporClaimReview) -> str:
        return "\n".join(obj.ditolak) or "—"

    @admin.action(description=_("Lanjutkan bagian yang belum selesai"), permissions=["impor"])
    def lanjutkan(self, request, queryset):
        for impor in queryset:
            try:
                n = claimreview.antrekan_lagi(impor, oleh=request.user)
            except DomainError as e:
                self.message_user(request, f"{impor}: {e}", messages.WARNING)
            else:
                pesan = ngettext("%(impor)s: %(n)s bagian diantrekan lagi.", "%(impor)s: %(n)s bagian diantrekan lagi.", n)
                self.message_user(request, pesan % {"impor": impor, "n": n})

    def has_impor_permission(self, request) -> bool:
        return request.user.has_perm("cekfakta.add_klaim")

    def has_add_permission(self, request) -> bool:
        return False  # an import starts from "Impor ClaimReview" on the verdicts' list

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("cekfakta.add_klaim") or super().has_view_permission(request, obj)


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
