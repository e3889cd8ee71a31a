from django.apps import AppConfig


class JembatanConfig(AppConfig):
    name = "jembatan"
    verbose_name = "Jembatan"

    def ready(self):
        from jembatan import checks  # noqa: F401  (system checks)
