from django.contrib import admin

from ppid.models import PpidPembantu


@admin.register(PpidPembantu)
class PpidPembantuAdmin(admin.ModelAdmin):
    """Diskominfo configures the PPID Pembantu units under PPID Utama and the accounts that serve each."""

    list_display = ["nama", "keterangan", "aktif"]
    list_filter = ["aktif"]
    search_fields = ["nama", "keterangan"]
    filter_horizontal = ["petugas"]
