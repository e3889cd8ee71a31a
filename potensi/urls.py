from django.urls import path

from potensi import cetak, feeds, peta, views

app_name = "potensi"
urlpatterns = [
    path("potensi/", views.daftar, name="daftar"),
    path("potensi/<int:pk>-<slug:slug>/", views.detail, name="detail"),
    path("kelola/potensi/", views.meja, name="meja"),
    path("kelola/potensi/tambah/", views.tulis, name="tambah"),
    path("kelola/potensi/<int:pk>/", views.tulis, name="ubah"),
    path("kelola/potensi/<int:pk>/ajukan/", views.ajukan, name="ajukan"),
    path("kelola/potensi/<int:pk>/periksa/", views.periksa, name="periksa"),
    path("kelola/potensi/<int:pk>/konfirmasi/", views.konfirmasi, name="konfirmasi"),
    path("kelola/potensi/<int:pk>/foto/", views.tambah_foto, name="tambah_foto"),
    path("kelola/potensi/<int:pk>/foto/<int:foto_pk>/hapus/", views.hapus_foto, name="hapus_foto"),
    path("potensi/peta/", peta.halaman_peta, name="peta"),
    path("potensi/feed/", feeds.PotensiKabupaten(), name="feed"),
    path("potensi/<int:pk>-<slug:slug>/poster/", cetak.poster, name="poster"),
    path("potensi/cetak/<str:kode>/", cetak.katalog, name="katalog"),
]

# Open data and imports (potensi/ekspor.py, potensi/impor.py).
from django.urls import re_path  # noqa: E402

from potensi import ekspor  # noqa: E402

urlpatterns += [
    re_path(r"^potensi/unduh\.(?P<format>csv|xlsx|geojson)$", ekspor.unduh, name="unduh"),
]

from potensi import impor  # noqa: E402

urlpatterns += [path("kelola/potensi/impor/", impor.impor, name="impor")]
