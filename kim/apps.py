from django.apps import AppConfig


class KimConfig(AppConfig):
    name = "kim"
    verbose_name = "KIM"

    def ready(self):
        from kim import signals  # noqa: F401  (page-cache invalidation)
