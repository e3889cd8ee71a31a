from django.urls import path

from suarawarga import feeds, views

app_name = "suarawarga"
urlpatterns = [
    path("aspirasi/", views.aspirasi_daftar, name="aspirasi_daftar"),
    path("aspirasi/statistik/", views.aspirasi_statistik, name="aspirasi_statistik"),
    path("aspirasi/kirim/", views.aspirasi_kirim, name="aspirasi_kirim"),
    path("aspirasi/lacak/", views.aspirasi_lacak, name="aspirasi_lacak"),
    path("aspirasi/lacak/<str:kode>/", views.aspirasi_status, name="aspirasi_status"),
    path("aspirasi/lacak/<str:kode>/tanggapi/", views.aspirasi_tanggapi, name="aspirasi_tanggapi"),
    path("aspirasi/lacak/<str:kode>/dukung/", views.aspirasi_dukung, name="aspirasi_dukung"),
    path("kelola/aspirasi/", views.aspirasi_meja, name="aspirasi_meja"),
    path("kelola/aspirasi/<int:pk>/", views.aspirasi_tangani, name="aspirasi_tangani"),
    path("kelola/aspirasi/musrenbang/", views.aspirasi_musrenbang, name="aspirasi_musrenbang"),
    path("program/", views.program_daftar, name="program_daftar"),
    path("program/feed/", feeds.ProgramFeed(), name="program_feed"),
    path("program/<int:pk>-<slug:slug>/", views.program_detail, name="program_detail"),
    path("program/<int:pk>-<slug:slug>/cetak/", views.program_cetak, name="program_cetak"),
    path("kelola/program/", views.program_meja, name="program_meja"),
    path("kelola/program/tambah/", views.program_tulis, name="program_tambah"),
    path("kelola/program/<int:pk>/", views.program_tulis, name="program_ubah"),
    path("kelola/program/<int:pk>/tahap/", views.program_tahap, name="program_tahap"),
    path("kelola/program/<int:pk>/progres/", views.program_progres, name="program_progres"),
    path("jajak/", views.jajak_daftar, name="jajak_daftar"),
    path("jajak/<int:pk>/", views.jajak_detail, name="jajak_detail"),
    path("jajak/<int:pk>/pilih/", views.jajak_pilih, name="jajak_pilih"),
    path("jajak/<int:pk>/hasil.csv", views.jajak_csv, name="jajak_csv"),
    path("kelola/jajak/", views.jajak_meja, name="jajak_meja"),
    path("kelola/jajak/tambah/", views.jajak_tambah, name="jajak_tambah"),
    path("kelola/jajak/<int:pk>/", views.jajak_kelola, name="jajak_kelola"),
    path("kelola/jajak/<int:pk>/hasil.csv", views.jajak_kelola_csv, name="jajak_kelola_csv"),
    path("kelola/jajak/<int:pk>/opsi/<int:opsi_pk>/tutup/", views.jajak_tutup_opsi, name="jajak_tutup_opsi"),
]
