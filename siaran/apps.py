from django.apps import AppConfig


class SiaranConfig(AppConfig):
    name = "siaran"
    verbose_name = "Siaran"
