from django.urls import path

from beranda import luring, tanggapan, views

app_name = "beranda"
urlpatterns = [
    path("", views.utama, name="utama"),
    path("wilayah/<str:kode>/", views.detail, name="wilayah"),
    path("bahasa/<str:kode>/", views.bahasa, name="bahasa"),
    path("sehat/", views.sehat, name="sehat"),
    path("sw.js", luring.service_worker, name="service_worker"),
    path("manifest.webmanifest", luring.manifest, name="manifest"),
    path("kelola/", views.dasbor, name="dasbor"),
    path("kelola/mading/<str:kode>/", views.mading, name="mading"),
    path("kelola/mading/<str:kode>/<str:minggu>/audio.<str:ext>", views.audio_mading, name="audio_mading"),
    path("kelola/tanggapan-program/", tanggapan.daftar, name="tanggapan_program"),
    path("kelola/tanggapan-program/<int:pk>/", tanggapan.tanggapi, name="tanggapi_program"),
]
