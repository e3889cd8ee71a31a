from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = "Kegiatan dan penilaian KIM"

    def ready(self):
        from kim.cakupan import daftarkan_perlu_pendampingan  # models are ready only here
        from penilaian import indikator, signals  # noqa: F401  (its own indicators; page-cache invalidation)
        from penilaian.skor import kim_tidur_di  # models are ready only here

        # The coverage page marks dormant KIM with this module's rule (kim cannot import it).
        daftarkan_perlu_pendampingan(kim_tidur_di)
