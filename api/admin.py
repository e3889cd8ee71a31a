from django.contrib import admin, messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from akun.audit import potret
from api.models import KOLOM_UBAH, KunciApi
from jembatan.lib.domain import DomainError


@admin.register(KunciApi)
class KunciApiAdmin(admin.ModelAdmin):
    """Partner API keys: made here (the key is shown once, on the page after saving), revoked with the list's
    action, never deleted, so the list keeps who had access and when."""

    list_display = ["organisasi", "awalan", "batas_per_jam", "dibuat", "terakhir_dipakai", "dicabut"]
    list_filter = [("dicabut", admin.EmptyFieldListFilter)]
    search_fields = ["organisasi", "email_kontak", "awalan"]
    readonly_fields = ["awalan", "dibuat", "dibuat_oleh", "terakhir_dipakai", "dicabut"]
    actions = ["cabut_terpilih"]

    def get_fields(self, request, obj=None):
        return KOLOM_UBAH if obj is None else [*KOLOM_UBAH, *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            obj.ubah(oleh=request.user, sebelum=potret(KunciApi.objects.get(pk=obj.pk), KOLOM_UBAH))
        else:
            obj.buat(oleh=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        # The one page that shows the key: answered to the POST itself, so the key is kept nowhere
        # (not in a message cookie, not in the session); the admin pages are never cached.
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "kunci": obj,
            "title": _("Kunci API baru"),
        }
        return render(request, "admin/api/kunciapi/kunci_baru.html", context)

    @admin.action(description=_("Cabut kunci API terpilih"), permissions=["change"])
    def cabut_terpilih(self, request, queryset):
        dicabut = 0
        for kunci in queryset:
            try:
                kunci.cabut(oleh=request.user)
            except DomainError as e:
                self.message_user(request, f"{kunci}: {e}", messages.WARNING)
            else:
                dicabut += 1
        if dicabut:
            self.message_user(
                request,
                ngettext("%(n)d kunci API dicabut.", "%(n)d kunci API dicabut.", dicabut) % {"n": dicabut},
                messages.SUCCESS,
            )
