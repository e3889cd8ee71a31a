from django.urls import path

from wilayah import views

app_name = "wilayah"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("wilayah/<str:kode>/", views.detail, name="detail"),
    path("bahasa/<str:kode>/", views.bahasa, name="bahasa"),
]
