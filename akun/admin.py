from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from akun.audit import label_aksi
from akun.models import Audit, Undangan, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "nama", "peran", "wilayah", "is_active", "demo"]
    list_filter = ["peran", "is_active", "demo"]
    search_fields = ["email", "nama"]
    raw_id_fields = ["wilayah"]
    fieldsets = [
        (None, {"fields": ["email", "password", "nama"]}),
        ("Peran", {"fields": ["peran", "wilayah"]}),
        ("Status", {"fields": ["is_active", "is_staff", "is_superuser", "demo", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "nama", "peran", "wilayah", "password1", "password2"]})]


@admin.register(Audit)
class AuditAdmin(admin.ModelAdmin):
    list_display = ["waktu", "user", "tindakan", "ringkasan"]
    search_fields = ["ringkasan", "objek_id", "aksi"]

    @admin.display(description="Aksi")
    def tindakan(self, obj):
        return label_aksi(obj.aksi)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Undangan)
class UndanganAdmin(admin.ModelAdmin):
    list_display = ["email", "peran", "wilayah", "dibuat", "kedaluwarsa", "dipakai", "dibatalkan"]
    exclude = ["token_hash"]
    raw_id_fields = ["wilayah", "dibuat_oleh", "user"]
