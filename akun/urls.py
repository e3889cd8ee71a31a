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
        auth_views.PasswordChangeView.as_view(template_name="akun/sandi.html", success_url=reverse_lazy("beranda:dasbor")),
        name="ganti_sandi",
    ),
    path(
        "sandi/lupa/",
        auth_views.PasswordResetView.as_view(
            template_name="akun/lupa_sandi.html",
            email_template_name="surel/reset_sandi_isi.txt",
            html_email_template_name="surel/reset_sandi_isi.html",
            subject_template_name="surel/reset_sandi_subjek.txt",
            success_url=reverse_lazy("akun:lupa_sandi_terkirim"),
        ),
        name="lupa_sandi",
    ),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="akun/lupa_sandi_terkirim.html"),
        name="lupa_sandi_terkirim",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="akun/atur_sandi.html", success_url=reverse_lazy("akun:sandi_diatur")
        ),
        name="atur_sandi",
    ),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="akun/sandi_diatur.html"),
        name="sandi_diatur",
    ),
    path("pengguna/", views.pengguna, name="pengguna"),
    path("pengguna/undang/", views.undang, name="undang"),
    path("pengguna/undangan/<int:pk>/batal/", views.batalkan_undangan, name="batalkan_undangan"),
    path("pengguna/<int:pk>/", views.ubah_pengguna, name="ubah_pengguna"),
]
