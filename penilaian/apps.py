from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = "Kegiatan dan penilaian KIM"

    def ready(self):
        from penilaian import indikator, signals  # noqa: F401  (its own indicators; page-cache invalidation)
