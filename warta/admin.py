from django.contrib import admin

from warta.models import Berita, Foto, Pembaruan, Ralat


class FotoInline(admin.TabularInline):
    model = Foto
    extra = 0
    readonly_fields = ["lebar", "tinggi", "varian"]


@admin.register(Berita)
class BeritaAdmin(admin.ModelAdmin):
    """Technical admin; writers and editors work at /kelola/warta/, which keeps the editorial rules."""

    list_display = ["judul", "status", "kategori", "wilayah", "terbit_pada", "demo"]
    list_filter = ["status", "kategori", "demo"]
    search_fields = ["judul", "isi"]
    raw_id_fields = ["wilayah", "kim", "penulis", "diperiksa_oleh"]
    readonly_fields = ["versi", "terbit_pada", "diperiksa_oleh"]
    inlines = [FotoInline]


admin.site.register(Pembaruan)
admin.site.register(Ralat)
