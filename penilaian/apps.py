from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = "Kegiatan dan penilaian KIM"

    def ready(self):
        from penilaian import indikator  # noqa: F401  (registers this module's own indicators)
