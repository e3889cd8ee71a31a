from django.contrib import admin

from diskusi.models import Aduan, Blokir, Komentar


@admin.register(Blokir)
class BlokirAdmin(admin.ModelAdmin):
    """The blocklist Diskominfo edits: words and domains that hold or reject a comment."""

    list_display = ["pola", "jenis", "tindakan", "dibuat"]
    list_editable = ["tindakan"]
    list_filter = ["jenis", "tindakan"]
    search_fields = ["pola"]


class AduanInline(admin.TabularInline):
    model = Aduan
    extra = 0
    readonly_fields = ["klien", "dibuat"]


@admin.register(Komentar)
class KomentarAdmin(admin.ModelAdmin):
    """Technical admin; moderators work at /kelola/komentar/, which audits every decision."""

    list_display = ["id", "nama", "status", "content_type", "object_id", "dibuat"]
    list_filter = ["status", "content_type"]
    search_fields = ["nama", "isi"]
    exclude = ["email"]  # the commenter's email stays out of screens and exports
    readonly_fields = [
        "content_type",
        "object_id",
        "parent",
        "kedalaman",
        "klien",
        "dibuat",
        "dimoderasi",
        "dimoderasi_oleh",
        "diberi_tahu",
        "wilayah",
    ]
    inlines = [AduanInline]
