from django.apps import AppConfig


class SuarawargaConfig(AppConfig):
    name = "suarawarga"
    verbose_name = "Suara warga"
