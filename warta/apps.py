from django.apps import AppConfig


class WartaConfig(AppConfig):
    name = "warta"
    verbose_name = "Warta"

    def ready(self):
        from warta import signals  # noqa: F401  (page-cache invalidation)
