from django.contrib import admin

from cekfakta.models import Istilah, Klaim, Laporan, Referensi


class ReferensiInline(admin.TabularInline):
    model = Referensi
    extra = 0


@admin.register(Klaim)
class KlaimAdmin(admin.ModelAdmin):
    """Technical admin; verifikator work at /kelola/cek-fakta/, which enforces the publishing rules."""

    list_display = ["id", "judul", "status", "hasil", "jumlah_laporan", "diterbitkan", "demo"]
    list_filter = ["status", "hasil", "topik", "demo"]
    search_fields = ["judul", "teks_contoh"]
    readonly_fields = ["diterbitkan", "jumlah_laporan", "verifikator", "disetujui_oleh"]
    inlines = [ReferensiInline]


@admin.register(Laporan)
class LaporanAdmin(admin.ModelAdmin):
    list_display = ["kode", "saluran", "klaim", "dibuat"]
    list_filter = ["saluran"]
    exclude = ["email", "kontak_saluran"]  # contacts stay out of screens and exports
    readonly_fields = ["kode", "teks", "tautan", "saluran", "wilayah", "skor", "klaim", "dibuat", "diberi_tahu"]


@admin.register(Istilah)
class IstilahAdmin(admin.ModelAdmin):
    """The dictionary the matcher's normaliser adds to its shipped word lists."""

    list_display = ["bentuk", "baku", "jenis"]
    list_filter = ["jenis"]
    search_fields = ["bentuk", "baku"]
