from django.contrib import admin

from siaran.models import Kiriman, Lampiran, Penerimaan, Siaran


class LampiranInline(admin.TabularInline):
    model = Lampiran
    extra = 0


@admin.register(Siaran)
class SiaranAdmin(admin.ModelAdmin):
    """Technical view; Diskominfo sends and follows siaran at /kelola/siaran/, which keeps the rules."""

    list_display = ["judul", "prioritas", "cakupan", "jumlah_kim", "dikirim_pada"]
    list_filter = ["prioritas", "cakupan"]
    search_fields = ["judul"]
    raw_id_fields = ["dikirim_oleh"]
    filter_horizontal = ["wilayah_sasaran"]
    inlines = [LampiranInline]


@admin.register(Penerimaan)
class PenerimaanAdmin(admin.ModelAdmin):
    list_display = ["siaran", "kim", "status", "diterima_pada", "diteruskan_pada", "jumlah_pengingat"]
    list_filter = ["status"]
    raw_id_fields = ["siaran", "kim", "diterima_oleh", "diteruskan_oleh"]


@admin.register(Kiriman)
class KirimanAdmin(admin.ModelAdmin):
    list_display = ["email", "siaran", "putaran", "status", "percobaan", "terkirim_pada", "galat"]
    list_filter = ["status"]
    search_fields = ["email"]
    raw_id_fields = ["siaran", "penerimaan", "user"]
