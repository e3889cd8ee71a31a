from django.urls import path

from diskusi import views

app_name = "diskusi"
urlpatterns = [
    path("komentar/kirim/", views.kirim_komentar, name="kirim"),
    path("komentar/menunggu/<str:tanda>/", views.menunggu, name="menunggu"),
    path("komentar/<int:pk>/laporkan/", views.laporkan, name="laporkan"),
    path("komentar/log/", views.log, name="log"),
    path("kelola/komentar/", views.antrean, name="antrean"),
    path("kelola/komentar/<int:pk>/", views.moderasi, name="moderasi"),
]
