from django.urls import path

from api import potensi  # noqa: F401  (registers the potensi endpoints on the one API before its URLs are built)
from api.views import api

urlpatterns = [path("v1/", api.urls)]
