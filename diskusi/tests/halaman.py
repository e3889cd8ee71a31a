"""diskusi's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from jembatan.test import DESA_A, PENGELOLA_A, Halaman

PUBLIK = {"diskusi:kirim", "diskusi:menunggu", "diskusi:laporkan", "diskusi:log"}
# Those who moderate comments somewhere: Diskominfo, the verifikator (verdicts), and operators, village
# governments and pengurus (their own regions).
MODERATOR = frozenset({"admin", "verifikator", "operator", "pemdes", "editor", "editor_lain"})


def terlindung(cast) -> list[Halaman]:
    from diskusi.models import Komentar, Status
    from warta.models import Berita

    berita = Berita.objects.create(
        judul="Berita desa A", isi="Isi.", wilayah_id=DESA_A, penulis=cast.admin, status="terbit", terbit_pada=timezone.now()
    )
    komentar = Komentar.objects.create(
        content_type=ContentType.objects.get_for_model(berita),
        object_id=berita.pk,
        wilayah_id=DESA_A,
        nama="Budi",
        isi="Menunggu moderasi.",
        status=Status.MENUNGGU,
        klien="uji",
    )
    return [
        Halaman("/kelola/komentar/", MODERATOR),
        # A comment on village A's news: Diskominfo and those whose scope holds village A.
        Halaman(f"/kelola/komentar/{komentar.pk}/", PENGELOLA_A, method="post", data={"aksi": "setujui", "kembali": "tinjau"}),
    ]
