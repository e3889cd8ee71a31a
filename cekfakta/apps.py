from django.apps import AppConfig


class CekfaktaConfig(AppConfig):
    name = "cekfakta"
    verbose_name = "Cek fakta"

    def ready(self):
        from cekfakta import signals  # noqa: F401  (page-cache invalidation)
