from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class CekfaktaConfig(AppConfig):
    name = "cekfakta"
    verbose_name = "Cek fakta"

    def ready(self):
        from cekfakta import makna, signals  # noqa: F401  (page-cache invalidation)

        # The matcher does not run without its sentence model and its fitted score: say what to reinstall or
        # restore now, not at the first query.
        makna.periksa_berkas()
        try:
            from cekfakta import pencocok  # noqa: F401  (loads the fitted model)
        except RuntimeError as e:
            raise ImproperlyConfigured(str(e)) from e
