from django.contrib import admin

from ppid.models import PpidPembantu


@admin.register(PpidPembantu)
class PpidPembantuAdmin(admin.ModelAdmin):
    """Diskominfo configures the PPID Pembantu units under PPID Utama and the accounts that serve each."""

    list_display = ["nama", "aktif"]
    list_filter = ["aktif"]
    search_fields = ["nama"]
    filter_horizontal = ["petugas"]
