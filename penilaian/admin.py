"""Diskominfo's settings for activities and scores: kinds of activity, awards, and the scoring schemes (weights,
targets, levels). A scheme applies from a month on; one with computed months is kept read-only, and a change is
made as a new scheme (the action "Salin ke skema baru" starts from a copy) that applies from the next month."""

from itertools import pairwise

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from penilaian import indikator
from penilaian.models import (
    BobotIndikator,
    FotoKegiatan,
    JenisKegiatan,
    Kegiatan,
    Pengaturan,
    Penghargaan,
    PengingatTidur,
    Skema,
    Tingkat,
    bulan_berikut,
)


@admin.register(JenisKegiatan)
class JenisKegiatanAdmin(admin.ModelAdmin):
    list_display = ["nama", "sumbu", "urutan"]
    list_editable = ["sumbu", "urutan"]
    prepopulated_fields = {"slug": ["nama"]}


class FotoInline(admin.TabularInline):
    model = FotoKegiatan
    extra = 0
    readonly_fields = ["lebar", "tinggi", "varian"]


@admin.register(Kegiatan)
class KegiatanAdmin(admin.ModelAdmin):
    """Technical admin; KIM report and correct activities at /kelola/kegiatan/, which keeps the rules."""

    list_display = ["judul", "kim", "tanggal", "jenis", "jumlah_peserta", "demo"]
    list_filter = ["jenis", "demo"]
    search_fields = ["judul", "uraian", "kim__nama"]
    date_hierarchy = "tanggal"
    raw_id_fields = ["kim", "pelapor", "kim_mitra"]
    readonly_fields = ["versi"]
    inlines = [FotoInline]


@admin.register(Penghargaan)
class PenghargaanAdmin(admin.ModelAdmin):
    list_display = ["nama", "kim", "penyelenggara", "tanggal"]
    search_fields = ["nama", "kim__nama"]
    raw_id_fields = ["kim"]
    exclude = ["dicatat_oleh"]

    def save_model(self, request, obj, form, change):
        obj.dicatat_oleh = obj.dicatat_oleh or request.user
        super().save_model(request, obj, form, change)


class BobotForm(forms.ModelForm):
    indikator = forms.ChoiceField(label=_("indikator"), choices=indikator.pilihan)

    class Meta:
        model = BobotIndikator
        fields = ["indikator", "bobot", "target"]


class _TerkunciInline(admin.TabularInline):
    """Rows of a scheme that has computed months cannot change (those months keep it as it was)."""

    extra = 0

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.terpakai)

    has_add_permission = has_change_permission  # type: ignore[assignment]
    has_delete_permission = has_change_permission  # type: ignore[assignment]


class BobotInline(_TerkunciInline):
    model = BobotIndikator
    form = BobotForm


class TingkatFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        rentang = []
        for form in self.forms:
            d = getattr(form, "cleaned_data", None)
            if not d or d.get("DELETE") or d.get("batas_bawah") is None or d.get("batas_atas") is None:
                continue
            bawah, atas = d["batas_bawah"], d["batas_atas"]
            if not 0 <= bawah < atas <= 100:
                form.add_error(
                    "batas_atas", _("Rentang skor harus di antara 0 dan 100, dan batas atas lebih besar dari batas bawah.")
                )
                continue
            rentang.append((bawah, atas, d.get("nama", "")))
        rentang.sort()
        for (b1, a1, n1), (b2, _a2, n2) in pairwise(rentang):
            if b2 < a1:
                raise ValidationError(
                    _("Rentang tingkat “%(a)s” (%(b1)s–%(a1)s) dan “%(b)s” (mulai %(b2)s) bertumpang tindih. Perbaiki batasnya.")
                    % {"a": n1, "b": n2, "b1": b1, "a1": a1, "b2": b2}
                )


class TingkatInline(_TerkunciInline):
    model = Tingkat
    formset = TingkatFormSet


class SkemaForm(forms.ModelForm):
    class Meta:
        model = Skema
        fields = ["nama", "berlaku_mulai", "catatan"]

    def clean_berlaku_mulai(self):
        mulai = self.cleaned_data["berlaku_mulai"]
        if mulai.day != 1:
            raise ValidationError(_("Skema berlaku mulai tanggal 1 sebuah bulan."))
        bulan_depan = bulan_berikut(timezone.localdate().replace(day=1))
        if "berlaku_mulai" in self.changed_data and mulai < bulan_depan:
            raise ValidationError(
                _(
                    "Perubahan skema berlaku paling cepat bulan depan (%(bulan)s); bulan yang sudah berjalan tetap memakai skema lamanya."
                )
                % {"bulan": f"{bulan_depan:%m/%Y}"}
            )
        return mulai


@admin.register(Skema)
class SkemaAdmin(admin.ModelAdmin):
    form = SkemaForm
    list_display = ["nama", "berlaku_mulai", "terpakai"]
    inlines = [BobotInline, TingkatInline]
    actions = ["salin"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.terpakai)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.terpakai)

    def get_changeform_initial_data(self, request):
        return {"berlaku_mulai": bulan_berikut(timezone.localdate().replace(day=1))}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        jumlah = sum(b.bobot for b in form.instance.bobot.all())
        if jumlah != 100:
            messages.warning(
                request,
                _("Jumlah bobot %(n)s, bukan 100: skor tetap dihitung dengan bobot yang dinormalkan (dibagi jumlahnya).")
                % {"n": jumlah},
            )

    @admin.action(description=_("Salin ke skema baru yang berlaku bulan depan"))
    def salin(self, request, queryset):
        mulai = bulan_berikut(timezone.localdate().replace(day=1))
        if Skema.objects.filter(berlaku_mulai=mulai).exists():
            self.message_user(request, _("Sudah ada skema yang berlaku mulai bulan depan; ubah skema itu."), messages.ERROR)
            return
        asal = queryset.order_by("-berlaku_mulai").first()
        if asal is None:
            return
        baru = Skema.objects.create(nama=f"{asal.nama} ({mulai:%m/%Y})", berlaku_mulai=mulai, catatan=asal.catatan)
        BobotIndikator.objects.bulk_create(
            BobotIndikator(skema=baru, indikator=b.indikator, bobot=b.bobot, target=b.target) for b in asal.bobot.all()
        )
        Tingkat.objects.bulk_create(
            Tingkat(skema=baru, nama=t.nama, batas_bawah=t.batas_bawah, batas_atas=t.batas_atas) for t in asal.tingkat.all()
        )
        self.message_user(request, _("Skema baru dibuat dari salinan; ubah bobot dan tingkatnya di sana."))


@admin.register(Pengaturan)
class PengaturanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "terbitkan_tingkat", "peringkat_publik"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Pengaturan.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = 1  # the one row Pengaturan.ambil() reads
        super().save_model(request, obj, form, change)


@admin.register(PengingatTidur)
class PengingatTidurAdmin(admin.ModelAdmin):
    """The reminders sent, for Diskominfo's follow-up."""

    list_display = ["kim", "dikirim_pada", "kegiatan_terakhir", "jumlah_penerima"]
    list_filter = ["dikirim_pada"]
    search_fields = ["kim__nama"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
