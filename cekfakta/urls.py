from django.urls import path

from cekfakta import views

app_name = "cekfakta"
urlpatterns = [
    path("cek-fakta/", views.daftar, name="daftar"),
    path("cek-fakta/cek/", views.cek, name="cek"),
    path("cek-fakta/claimreview.json", views.claimreview_feed, name="claimreview"),
    path("cek-fakta/lacak/<str:kode>/", views.lacak, name="lacak"),
    path("cek-fakta/lacak/<str:kode>/pilih/", views.pilih_usulan, name="pilih_usulan"),
    path("cek-fakta/lacak/<str:kode>/bukan/", views.tolak_usulan, name="tolak_usulan"),
    path("cek-fakta/<int:pk>-<slug:slug>/", views.putusan, name="putusan"),
    path("cek-fakta/webhook/<str:saluran>/", views.webhook, name="webhook"),
    path("kelola/cek-fakta/", views.antrean, name="antrean"),
    path("kelola/cek-fakta/bukan-klaim/", views.tutup_bukan_klaim, name="tutup_bukan_klaim"),
    path("kelola/cek-fakta/<int:pk>/", views.periksa_klaim, name="periksa"),
    path("kelola/cek-fakta/<int:pk>/gabung/", views.gabung, name="gabung"),
    path("kelola/cek-fakta/laporan/<int:pk>/pisah/", views.pisah, name="pisah"),
    path("kelola/cek-fakta/laporan/<int:pk>/gambar/", views.tangkapan_layar, name="tangkapan_layar"),
    path("kelola/cek-fakta/statistik/", views.statistik, name="statistik"),
    path("kelola/cek-fakta/statistik.csv", views.unduh_statistik, name="unduh_statistik"),
    path("cek-fakta/<int:pk>-<slug:slug>/gambar.png", views.gambar_putusan, name="gambar"),
]
