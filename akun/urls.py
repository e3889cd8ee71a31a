from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from akun import views

app_name = "akun"
urlpatterns = [
    path("masuk/", views.masuk, name="masuk"),
    path("keluar/", auth_views.LogoutView.as_view(), name="keluar"),
    path("undangan/<str:token>/", views.terima_undangan, name="terima_undangan"),
    path(
        "sandi/",
        auth_views.PasswordChangeView.as_view(template_name="akun/sandi.html", success_url=reverse_lazy("kim:dasbor")),
        name="ganti_sandi",
    ),
    path("pengguna/", views.pengguna, name="pengguna"),
    path("pengguna/undang/", views.undang, name="undang"),
    path("pengguna/undangan/<int:pk>/batal/", views.batalkan_undangan, name="batalkan_undangan"),
    path("pengguna/<int:pk>/", views.ubah_pengguna, name="ubah_pengguna"),
]
