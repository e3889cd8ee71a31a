from django.apps import AppConfig


class BerandaConfig(AppConfig):
    name = "beranda"
    verbose_name = "Beranda"

    def ready(self):
        from beranda import indikator  # the score's indicators over modules need every app loaded

        indikator.daftarkan_semua()
