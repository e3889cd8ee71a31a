"""beranda's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

from jembatan.test import DESA_A, DESA_B, PEMBACA_A, Halaman

PUBLIK = {"beranda:utama", "beranda:wilayah", "beranda:bahasa", "beranda:sehat", "beranda:service_worker", "beranda:manifest"}


def terlindung(cast) -> list[Halaman]:
    from diskusi.tests.conftest import make_komentar
    from suarawarga.tests.bantu import make_program
    from suarawarga.tests.halaman import PENERBIT_A

    pertanyaan = make_komentar(make_program(cast), isi="Kapan pengerjaan dimulai?")
    minggu = _audio_mading(cast)
    return [
        Halaman("/kelola/tanggapan-program/", PENERBIT_A),
        Halaman(f"/kelola/tanggapan-program/{pertanyaan.pk}/", PENERBIT_A, method="post", data={"isi": "Bulan depan."}),
        Halaman(f"/kelola/mading/{DESA_A}/", PEMBACA_A),
        Halaman(f"/kelola/mading/{DESA_B}/", frozenset({"admin", "editor_lain"})),
        Halaman(f"/kelola/mading/{DESA_A}/{minggu}/audio.ogg", PEMBACA_A),
        Halaman(f"/kelola/mading/{DESA_A}/{minggu}/audio.mp3", PEMBACA_A),
    ]


def _audio_mading(cast) -> str:
    """A week of its own (no other app's pages send anything then) with a siaran, and its audio as the task
    leaves it (written here without espeak-ng: this is about access). Returns the week."""
    import datetime as dt
    import uuid

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from beranda import mading
    from siaran.models import Siaran
    from wilayah.models import Wilayah

    siaran, _baru = Siaran.objects.kirim(
        judul="Jadwal posyandu",
        isi="Posyandu buka pukul 08.00 WITA.",
        prioritas="biasa",
        cakupan="desa",
        wilayah=list(Wilayah.objects.filter(kode=DESA_A)),
        lampiran=[],
        oleh=cast.admin,
        kunci=uuid.uuid4(),
        dasar_url="http://testserver",
    )
    senin = dt.date(2025, 3, 3)
    Siaran.objects.filter(pk=siaran.pk).update(dikirim_pada=timezone.make_aware(dt.datetime(2025, 3, 4, 9)))
    pekan = mading.pekan(Wilayah.objects.get(kode=DESA_A), senin)
    for ext in ("ogg", "mp3"):
        default_storage.save(mading.nama_audio(pekan, ext), ContentFile(b"audio"))
    return pekan.kode_minggu
