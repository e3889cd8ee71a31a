from datetime import date, datetime

from django.urls import path, re_path, register_converter

from penilaian import views


class Bulan:
    """A month in an address, as 2026-05: the view gets the date of its first day."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> date:
        return datetime.strptime(value, "%Y-%m").date()  # ValueError (a month 13): the address is not found

    def to_url(self, value: date) -> str:
        return f"{value:%Y-%m}"


register_converter(Bulan, "bulan")

app_name = "penilaian"
urlpatterns = [
    path("kelola/kegiatan/", views.meja, name="meja"),
    path("kelola/kegiatan/lapor/", views.lapor, name="lapor"),
    path("kelola/kegiatan/<int:pk>/", views.ubah, name="ubah"),
    path("kelola/kegiatan/<int:pk>/lihat/", views.lihat, name="lihat"),
    path("kelola/kegiatan/<int:pk>/hapus/", views.hapus, name="hapus"),
    path("kelola/kegiatan/<int:pk>/foto/", views.tambah_foto, name="tambah_foto"),
    path("kelola/kegiatan/<int:pk>/foto/<int:foto_pk>/hapus/", views.hapus_foto, name="hapus_foto"),
    path("kelola/kegiatan/kim/<str:kode>/<bulan:bulan>/", views.laporan_bulanan, name="laporan"),
    path("kelola/kegiatan/kim/<str:kode>/<bulan:bulan>.docx", views.laporan_docx, name="laporan_docx"),
    path("kelola/penilaian/", views.kabupaten, name="kabupaten"),
    path("kelola/penilaian/hitung/", views.hitung, name="hitung"),
    path("kelola/penilaian/kandidat/", views.kandidat, name="kandidat"),
    re_path(r"^kelola/penilaian/unduh\.(?P<format>csv|xlsx)$", views.unduh, name="unduh"),
    path("kelola/penilaian/kim/<str:kode>/", views.skor_kim, name="skor"),
    path("kelola/penilaian/kim/<str:kode>/bukti.zip", views.bundel, name="bundel"),
    path("peringkat/<str:kode>/", views.peringkat, name="peringkat"),
]
