"""ppid's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import HANYA_ADMIN, KAB, Halaman

PUBLIK = {
    "ppid:indeks",
    "ppid:badan",
    "ppid:mohon",
    "ppid:cari_lacak",
    "ppid:lacak",
    "ppid:ajukan_keberatan",
    "ppid:dip_xlsx",
    "ppid:maklumat",
    # The requester's files (tracking code and the file's secret) and a DIP entry's file (an excluded one's: 404
    # but for its PPID, tested in test_berkas.py).
    "ppid:lampiran_lacak",
    "ppid:informasi_berkas",
}
# Village A's PPID is its government; Diskominfo and the Binuang operator follow it.
PPID_A = frozenset({"pemdes"})
PENGIKUT_A = frozenset({"admin", "operator", "pemdes"})
MEJA = PENGIKUT_A


def terlindung(cast) -> list[Halaman]:
    import datetime as dt

    from ppid.models import Keberatan, PpidPembantu
    from ppid.tests.bantu import berkas_pdf, make_informasi, make_permohonan

    terlambat = make_permohonan(tanggal=dt.date(2026, 1, 5))
    keberatan = Keberatan.ajukan(terlambat, alasan="c", uraian="Belum dijawab.", tanggal=dt.date(2026, 1, 26))
    p = make_permohonan()
    kab = make_permohonan(kode=KAB)
    pembantu = PpidPembantu.objects.create(nama="Dinas Kesehatan")
    info = make_informasi()
    dijawab = make_permohonan(tanggal=dt.date(2026, 1, 5))
    dijawab.jawab(
        oleh=cast.pemdes,
        keputusan="dikabulkan",
        isi="Terlampir.",
        penandatangan="R",
        tanggal=dt.date(2026, 1, 6),
        lampiran=[berkas_pdf()],
    )
    lampiran = dijawab.lampiran.get()
    return [
        Halaman("/kelola/ppid/", MEJA),
        Halaman(f"/kelola/ppid/permohonan/{p.pk}/", PENGIKUT_A),
        Halaman(f"/kelola/ppid/permohonan/{kab.pk}/", HANYA_ADMIN),
        Halaman(f"/kelola/ppid/permohonan/{p.pk}/perpanjang/", PPID_A, method="post", data={"hari": 9}),
        Halaman(f"/kelola/ppid/permohonan/{p.pk}/jawab/", PPID_A, method="post", data={"keputusan": "ditolak"}),
        Halaman(f"/kelola/ppid/permohonan/{kab.pk}/jawab/", HANYA_ADMIN, method="post", data={"keputusan": "ditolak"}),
        Halaman(f"/kelola/ppid/permohonan/{kab.pk}/teruskan/", HANYA_ADMIN, method="post", data={"pembantu": "x"}),
        Halaman(f"/kelola/ppid/permohonan/{p.pk}/teruskan/", frozenset(), method="post", data={"pembantu": "x"}),
        Halaman(f"/kelola/ppid/pembantu/{pembantu.pk}/register-permohonan.xlsx", HANYA_ADMIN),
        Halaman(f"/kelola/ppid/pembantu/{pembantu.pk}/laporan-2025.docx", HANYA_ADMIN),
        Halaman(f"/kelola/ppid/pembantu/{pembantu.pk}/laporan/2025/", HANYA_ADMIN),
        Halaman(f"/kelola/ppid/pembantu/{pembantu.pk}/laporan/2025/", HANYA_ADMIN, method="post", data={"kebijakan": ""}),
        Halaman(f"/kelola/ppid/keberatan/{keberatan.pk}/", PPID_A),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/register-permohonan.xlsx", PENGIKUT_A),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/register-keberatan.xlsx", PENGIKUT_A),
        Halaman(f"/kelola/ppid/{KAB}/register-permohonan.xlsx", HANYA_ADMIN),
        Halaman(f"/kelola/ppid/permohonan/{dijawab.pk}/pemberitahuan.docx", PENGIKUT_A),
        Halaman(f"/kelola/ppid/permohonan/{dijawab.pk}/berkas/{lampiran.pk}/", PENGIKUT_A),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/catat/", PPID_A),
        Halaman(f"/kelola/ppid/{KAB}/catat/", HANYA_ADMIN),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/dip/", PPID_A),
        Halaman(f"/kelola/ppid/{KAB}/dip/", HANYA_ADMIN),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/dip/tambah/", PPID_A, method="post", data={"kategori": "berkala"}),
        Halaman(f"/kelola/ppid/dip/{info.pk}/", PPID_A),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/maklumat/", PPID_A),
        Halaman(f"/kelola/ppid/{KAB}/maklumat/", HANYA_ADMIN),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/maklumat/", PPID_A, method="post", data={"biaya": "salinan"}),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/laporan/2025/", PENGIKUT_A),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/laporan/2025/", PPID_A, method="post", data={"kebijakan": ""}),
        Halaman(f"/kelola/ppid/{KAB}/laporan/2025/", HANYA_ADMIN),
        Halaman(f"/kelola/ppid/{p.wilayah_id}/laporan-2025.docx", PENGIKUT_A),
        Halaman(f"/kelola/ppid/{KAB}/laporan-2025.docx", HANYA_ADMIN),
        Halaman("/kelola/ppid/laporan/2025/", MEJA),
        # Last: it deletes the entry.
        Halaman(f"/kelola/ppid/dip/{info.pk}/hapus/", PPID_A, method="post"),
    ]
