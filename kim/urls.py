from django.urls import path, re_path

from kim import views

app_name = "kim"
urlpatterns = [
    path("kim/", views.direktori, name="direktori"),
    path("kim/<str:kode>/logo", views.logo, name="logo"),
    path("cakupan/", views.halaman_cakupan, name="cakupan"),
    re_path(r"^cakupan/unduh\.(?P<format>csv|xlsx)$", views.unduh_cakupan, name="unduh_cakupan"),
    re_path(r"^wilayah/(?P<kode>[0-9.]+)/kit/(?P<dokumen>[a-z-]+)\.docx$", views.kit, name="kit"),
    path("kelola/target/", views.target, name="target"),
    path("kelola/audit/", views.audit, name="audit"),
    path("kelola/pengurus/<int:pk>/", views.ubah_pengurus, name="ubah_pengurus"),
    path("kelola/pengurus/<int:pk>/selesai/", views.akhiri_pengurus, name="akhiri_pengurus"),
    path("kelola/<str:kode>/", views.kelola, name="kelola"),
    path("kelola/<str:kode>/tahap/", views.pindah_tahap, name="pindah_tahap"),
    path("kelola/<str:kode>/profil/", views.ubah_profil, name="ubah_profil"),
    path("kelola/<str:kode>/berkas/<str:jenis>/", views.berkas, name="berkas"),
    path("kelola/<str:kode>/pengurus/tambah/", views.tambah_pengurus, name="tambah_pengurus"),
]
