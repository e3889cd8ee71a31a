from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "ppid"
    verbose_name = _("PPID: layanan informasi publik")

    def ready(self):
        from ppid import signals  # noqa: F401  (page-cache invalidation)
