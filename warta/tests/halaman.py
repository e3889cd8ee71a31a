"""warta's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from django.utils import timezone

from jembatan.test import DESA_A, HANYA_ADMIN, PEMBACA_A, Halaman

PUBLIK = {
    "warta:daftar",
    "warta:kategori",
    "warta:wilayah",
    "warta:baca",
    "warta:feed",
    "warta:feed_kategori",
    "warta:feed_wilayah",
}
# Everyone who belongs to a village, kecamatan or KIM writes news; Diskominfo too.
PENULIS = PEMBACA_A | {"editor_lain"}
# A draft by village A's member: its writer, and Diskominfo (village A's KIM does not publish by itself).
PENULIS_DAN_EDITOR = frozenset({"anggota", "admin"})


def terlindung(cast) -> list[Halaman]:
    from warta.models import Berita, Foto, Status

    def berita(status, **fields):
        return Berita.objects.create(
            judul=f"Berita {status}", isi="Isi.", wilayah_id=DESA_A, kim=cast.kim_a, penulis=cast.anggota, status=status, **fields
        )

    draf = berita(Status.DRAF)
    foto = Foto.objects.create(berita=draf, varian={})
    diajukan = berita(Status.DIAJUKAN)
    terbit = berita(Status.TERBIT, terbit_pada=timezone.now())
    return [
        Halaman("/kelola/warta/", PENULIS),
        Halaman("/kelola/warta/tulis/", PENULIS),
        Halaman(f"/kelola/warta/{draf.pk}/", PENULIS_DAN_EDITOR),
        Halaman(f"/kelola/warta/{draf.pk}/foto/", PENULIS_DAN_EDITOR, method="post"),
        Halaman(f"/kelola/warta/{draf.pk}/foto/{foto.pk}/hapus/", PENULIS_DAN_EDITOR, method="post"),
        Halaman(f"/kelola/warta/{diajukan.pk}/periksa/", HANYA_ADMIN),
        Halaman(f"/kelola/warta/{terbit.pk}/ralat/", HANYA_ADMIN),
        # Last: it moves the draft on.
        Halaman(f"/kelola/warta/{draf.pk}/ajukan/", PENULIS_DAN_EDITOR, method="post"),
    ]
