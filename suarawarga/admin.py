from django.contrib import admin

from suarawarga.models import Aspirasi, LangkahAspirasi


class LangkahInline(admin.TabularInline):
    model = LangkahAspirasi
    extra = 0
    readonly_fields = ["status", "catatan", "oleh", "pelaku", "pada"]
    can_delete = False


@admin.register(Aspirasi)
class AspirasiAdmin(admin.ModelAdmin):
    """Technical admin; handlers work at /kelola/aspirasi/, which keeps the rules and the clock."""

    list_display = ["kode", "topik", "wilayah", "status", "diterima_pada", "demo"]
    list_filter = ["status", "topik", "demo"]
    search_fields = ["kode"]
    raw_id_fields = ["wilayah", "dicatat_oleh", "induk"]
    readonly_fields = ["kode", "status", "batas_teruskan", "batas_tindak_lanjut", "batas_tutup"]
    inlines = [LangkahInline]
