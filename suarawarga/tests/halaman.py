"""suara warga's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import DESA_A, DESA_B, KEL_BINUANG, PENGELOLA_A, Halaman

PUBLIK = {
    "suarawarga:aspirasi_daftar",
    "suarawarga:aspirasi_statistik",
    "suarawarga:aspirasi_kirim",
    "suarawarga:aspirasi_lacak",
    "suarawarga:aspirasi_status",
    "suarawarga:aspirasi_tanggapi",
    "suarawarga:aspirasi_dukung",
    "suarawarga:program_daftar",
    "suarawarga:program_feed",
    "suarawarga:program_detail",
    "suarawarga:program_cetak",
    "suarawarga:jajak_daftar",
    "suarawarga:jajak_detail",
    "suarawarga:jajak_pilih",
    "suarawarga:jajak_csv",
}
# Those who publish programs of village A: its government, the Binuang operator, Diskominfo.
PENERBIT_A = frozenset({"admin", "operator", "pemdes"})
# Those who run polls of village A: its government and Diskominfo.
PENYELENGGARA_A = frozenset({"admin", "pemdes"})
# Handlers of aspirations: the KIM's pengurus, the village government, the kecamatan operator, Diskominfo.
PENANGAN = PENGELOLA_A | {"editor_lain"}


def terlindung(cast) -> list[Halaman]:
    from suarawarga.models import TahapProgram
    from suarawarga.tests.bantu import make_aspirasi, make_jajak, make_program

    aspirasi = make_aspirasi()
    program = make_program(cast)
    berjalan = make_program(cast, tahap=TahapProgram.BERJALAN)
    # Shared with a village of the same kecamatan and published by Diskominfo: the operator covers both, village
    # A's government neither owns it nor covers the other village.
    bersama = make_program(cast, desa_lain=[KEL_BINUANG], dibuat_oleh=cast.admin)
    # Shared with a village of another kecamatan: Diskominfo alone.
    lintas = make_program(cast, desa_lain=[DESA_B], dibuat_oleh=cast.admin)
    jajak = make_jajak(cast)
    opsi = jajak.opsi.all()[0]
    return [
        Halaman("/kelola/aspirasi/", PENANGAN),
        Halaman(f"/kelola/aspirasi/musrenbang/?desa={DESA_A}&format=docx", PENGELOLA_A),
        Halaman(f"/kelola/aspirasi/{aspirasi.pk}/", PENGELOLA_A),
        Halaman(f"/kelola/aspirasi/{aspirasi.pk}/", PENGELOLA_A, method="post", data={"langkah": "tolak"}),
        Halaman("/kelola/program/", PENERBIT_A),
        Halaman("/kelola/program/tambah/", PENERBIT_A),
        Halaman(f"/kelola/program/{program.pk}/", PENERBIT_A),
        Halaman(f"/kelola/program/{bersama.pk}/", frozenset({"admin", "operator"})),
        Halaman(f"/kelola/program/{lintas.pk}/", frozenset({"admin"})),
        Halaman(f"/kelola/program/{program.pk}/tahap/", PENERBIT_A, method="post", data={"tahap": "x"}),
        Halaman(f"/kelola/program/{berjalan.pk}/progres/", PENERBIT_A, method="post", data={"persen": "x"}),
        Halaman("/kelola/jajak/", PENYELENGGARA_A),
        Halaman("/kelola/jajak/tambah/", PENYELENGGARA_A),
        Halaman(f"/kelola/jajak/{jajak.pk}/", PENYELENGGARA_A),
        Halaman(f"/kelola/jajak/{jajak.pk}/hasil.csv", PENYELENGGARA_A),
        Halaman(f"/kelola/jajak/{jajak.pk}/opsi/{opsi.pk}/tutup/", PENYELENGGARA_A, method="post"),
    ]
