from django.urls import path

from siaran import views

app_name = "siaran"
urlpatterns = [
    path("kelola/siaran/", views.kotak_masuk, name="kotak_masuk"),
    path("kelola/siaran/semua/", views.semua, name="semua"),
    path("kelola/siaran/kirim/", views.kirim_siaran, name="kirim"),
    path("kelola/siaran/<int:pk>/", views.baca, name="baca"),
    path("kelola/siaran/<int:pk>/audio.<str:ext>", views.audio, name="audio"),
    path("kelola/siaran/<int:pk>/ingatkan/", views.ingatkan, name="ingatkan"),
    path("kelola/siaran/penerimaan/<int:pk>/terima/", views.terima, name="terima"),
    path("kelola/siaran/penerimaan/<int:pk>/teruskan/", views.teruskan, name="teruskan"),
    path("kelola/siaran/lampiran/<int:pk>/", views.lampiran, name="lampiran"),
]
