from django.apps import AppConfig


class PotensiConfig(AppConfig):
    name = "potensi"
    verbose_name = "Potensi desa"

    def ready(self):
        from potensi import signals  # noqa: F401  (page-cache invalidation)
