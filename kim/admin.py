from django.contrib import admin

from kim.models import Kim, Pengurus, RiwayatTahap, TargetCakupan


class RiwayatInline(admin.TabularInline):
    model = RiwayatTahap
    extra = 0
    readonly_fields = ["dari", "ke", "tanggal", "catatan", "oleh", "dicatat"]
    can_delete = False


@admin.register(Kim)
class KimAdmin(admin.ModelAdmin):
    """Technical admin. Day-to-day work uses /kelola/, which keeps the pipeline rules and audit trail."""

    list_display = ["nama", "wilayah", "tahap", "tanggal_tahap", "demo"]
    list_filter = ["tahap", "demo"]
    search_fields = ["nama", "wilayah__nama", "wilayah__kode"]
    raw_id_fields = ["wilayah"]
    readonly_fields = ["tahap", "tanggal_tahap", "versi"]
    inlines = [RiwayatInline]


@admin.register(Pengurus)
class PengurusAdmin(admin.ModelAdmin):
    list_display = ["nama", "jabatan", "kim", "mulai", "selesai"]
    list_filter = ["jabatan"]
    search_fields = ["nama", "kim__nama"]
    raw_id_fields = ["kim", "user"]


admin.site.register(TargetCakupan)
