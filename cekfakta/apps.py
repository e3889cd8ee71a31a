from django.apps import AppConfig


class CekfaktaConfig(AppConfig):
    name = "cekfakta"
    verbose_name = "Cek fakta"

    def ready(self):
        from cekfakta import makna, signals  # noqa: F401  (page-cache invalidation)

        # The matcher does not run without its sentence model: say what to reinstall now, not at the first query.
        makna.periksa_berkas()
