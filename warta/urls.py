from django.urls import path

from warta import feeds, views

app_name = "warta"
urlpatterns = [
    path("warta/", views.daftar, name="daftar"),
    path("warta/kategori/<str:kategori>/", views.per_kategori, name="kategori"),
    path("warta/wilayah/<str:kode>/", views.per_wilayah, name="wilayah"),
    path("warta/<int:pk>-<slug:slug>/", views.baca, name="baca"),
    path("warta/feed/", feeds.WartaKabupaten(), name="feed"),
    path("warta/feed/kategori/<str:kategori>/", feeds.WartaKategori(), name="feed_kategori"),
    path("warta/feed/wilayah/<str:kode>/", feeds.WartaWilayah(), name="feed_wilayah"),
    path("kelola/warta/", views.meja, name="meja"),
    path("kelola/warta/tulis/", views.tulis, name="tulis"),
    path("kelola/warta/<int:pk>/", views.tulis, name="ubah"),
    path("kelola/warta/<int:pk>/ajukan/", views.ajukan, name="ajukan"),
    path("kelola/warta/<int:pk>/periksa/", views.periksa, name="periksa"),
    path("kelola/warta/<int:pk>/ralat/", views.ralat, name="ralat"),
    path("kelola/warta/<int:pk>/foto/", views.tambah_foto, name="tambah_foto"),
    path("kelola/warta/<int:pk>/foto/<int:foto_pk>/hapus/", views.hapus_foto_view, name="hapus_foto"),
]
