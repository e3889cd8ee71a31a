from django.urls import path

from suarawarga import views

app_name = "suarawarga"
urlpatterns = [
    path("aspirasi/", views.aspirasi_daftar, name="aspirasi_daftar"),
    path("aspirasi/kirim/", views.aspirasi_kirim, name="aspirasi_kirim"),
    path("aspirasi/lacak/", views.aspirasi_lacak, name="aspirasi_lacak"),
    path("aspirasi/lacak/<str:kode>/", views.aspirasi_status, name="aspirasi_status"),
    path("aspirasi/lacak/<str:kode>/tanggapi/", views.aspirasi_tanggapi, name="aspirasi_tanggapi"),
    path("kelola/aspirasi/", views.aspirasi_meja, name="aspirasi_meja"),
    path("kelola/aspirasi/<int:pk>/", views.aspirasi_tangani, name="aspirasi_tangani"),
]
