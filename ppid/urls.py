from django.urls import path

from ppid import maklumat, views

app_name = "ppid"
urlpatterns = [
    path("ppid/", views.indeks, name="indeks"),
    path("ppid/lacak/", views.cari_lacak, name="cari_lacak"),
    path("ppid/lacak/<str:kode>/", views.lacak, name="lacak"),
    path("ppid/lacak/<str:kode>/keberatan/", views.ajukan_keberatan, name="ajukan_keberatan"),
    path("ppid/lacak/<str:kode>/berkas/<str:rahasia>/", views.lampiran_lacak, name="lampiran_lacak"),
    path("ppid/informasi/<int:pk>/berkas/", views.informasi_berkas, name="informasi_berkas"),
    path("ppid/<str:kode>/", views.badan, name="badan"),
    path("ppid/<str:kode>/mohon/", views.mohon, name="mohon"),
    path("ppid/<str:kode>/dip.xlsx", views.dip_xlsx, name="dip_xlsx"),
    path("ppid/<str:kode>/maklumat/", maklumat.maklumat, name="maklumat"),
    path("kelola/ppid/<str:kode>/maklumat/", maklumat.maklumat_ubah, name="maklumat_ubah"),
    path("kelola/ppid/", views.meja, name="meja"),
    path("kelola/ppid/permohonan/<int:pk>/", views.permohonan, name="permohonan"),
    path("kelola/ppid/permohonan/<int:pk>/perpanjang/", views.perpanjang, name="perpanjang"),
    path("kelola/ppid/permohonan/<int:pk>/jawab/", views.jawab, name="jawab"),
    path("kelola/ppid/permohonan/<int:pk>/teruskan/", views.teruskan, name="teruskan"),
    path("kelola/ppid/pembantu/<int:pk>/register-<str:jenis>.xlsx", views.register_pembantu, name="register_pembantu"),
    path("kelola/ppid/pembantu/<int:pk>/laporan-<int:tahun>.docx", views.laporan_pembantu, name="laporan_pembantu"),
    path("kelola/ppid/pembantu/<int:pk>/laporan/<int:tahun>/", views.laporan_pembantu_susun, name="laporan_pembantu_susun"),
    path("kelola/ppid/permohonan/<int:pk>/berkas/<int:lampiran_pk>/", views.lampiran, name="lampiran"),
    path("kelola/ppid/permohonan/<int:pk>/pemberitahuan.docx", views.pemberitahuan_docx, name="pemberitahuan_docx"),
    path("kelola/ppid/keberatan/<int:pk>/", views.keberatan, name="keberatan"),
    path("kelola/ppid/<str:kode>/register-<str:jenis>.xlsx", views.unduh_register, name="register"),
    path("kelola/ppid/<str:kode>/catat/", views.catat_permohonan, name="catat"),
    path("kelola/ppid/<str:kode>/dip/", views.dip_kelola, name="dip_kelola"),
    path("kelola/ppid/<str:kode>/dip/tambah/", views.dip_tulis, name="dip_tambah"),
    path("kelola/ppid/dip/<int:pk>/", views.dip_tulis, name="dip_ubah"),
    path("kelola/ppid/dip/<int:pk>/hapus/", views.dip_hapus, name="dip_hapus"),
    path("kelola/ppid/laporan/<int:tahun>/", views.laporan_rekap, name="laporan_rekap"),
    path("kelola/ppid/<str:kode>/laporan/<int:tahun>/", views.laporan, name="laporan"),
    path("kelola/ppid/<str:kode>/laporan-<int:tahun>.docx", views.laporan_docx, name="laporan_docx"),
]
