from django.contrib import admin

from wilayah.models import HariKhusus, Impor, Wilayah


@admin.register(Wilayah)
class WilayahAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "tipe", "kode_pos", "berlaku"]
    list_filter = ["level", "tipe", "berlaku"]
    search_fields = ["kode", "nama"]
    readonly_fields = ["kode", "parent", "level", "provinsi_kode", "kabupaten_kode", "peta_svg", "peta_viewbox"]
    exclude = []


@admin.register(Impor)
class ImporAdmin(admin.ModelAdmin):
    list_display = ["waktu", "jenis", "berkas", "baris", "jumlah_baru", "jumlah_diubah"]


@admin.register(HariKhusus)
class HariKhususAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "nama", "jenis", "dasar"]
    list_filter = ["jenis"]
    date_hierarchy = "tanggal"
