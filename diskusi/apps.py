from django.apps import AppConfig


class DiskusiConfig(AppConfig):
    name = "diskusi"
    verbose_name = "Diskusi"
