from django.contrib import admin

from potensi.models import FotoPotensi, JenisPotensi, Potensi


@admin.register(JenisPotensi)
class JenisPotensiAdmin(admin.ModelAdmin):
    """Diskominfo keeps the list of kinds here."""

    list_display = ["nama", "skema", "tempat", "urutan"]
    list_editable = ["urutan"]
    prepopulated_fields = {"slug": ["nama"]}


class FotoInline(admin.TabularInline):
    model = FotoPotensi
    extra = 0
    readonly_fields = ["lebar", "tinggi", "varian"]


@admin.register(Potensi)
class PotensiAdmin(admin.ModelAdmin):
    """Technical admin; writers and reviewers work at /kelola/potensi/, which keeps the rules."""

    list_display = ["nama", "jenis", "status", "wilayah", "dikonfirmasi_pada", "demo"]
    list_filter = ["status", "jenis", "demo"]
    search_fields = ["nama", "deskripsi"]
    raw_id_fields = ["wilayah", "kim", "penulis", "disetujui_oleh", "wa_setuju_dicatat_oleh"]
    readonly_fields = ["versi", "terbit_pada", "dikonfirmasi_pada", "disetujui_oleh", "pemverifikasi"]
    inlines = [FotoInline]
