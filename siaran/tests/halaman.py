"""siaran's views for the every-role test (jembatan/tests/test_akses_halaman.py)."""

import uuid

from django.core.files.base import ContentFile

from jembatan.lib.speech import text_digest
from jembatan.test import DESA_A, HANYA_ADMIN, Halaman

PUBLIK: set[str] = set()
# A siaran to village A's KIM: Diskominfo, the Binuang operator (read-only table) and the KIM's own people.
PEMBACA_SIARAN_A = frozenset({"admin", "operator", "editor", "anggota"})


def terlindung(cast) -> list[Halaman]:
    from siaran.models import JenisSasaran, Lampiran, Siaran
    from wilayah.models import Wilayah

    siaran, _baru = Siaran.objects.kirim(
        judul="Uji akses",
        isi="Isi.",
        prioritas="biasa",
        cakupan=JenisSasaran.DESA,
        wilayah=list(Wilayah.objects.filter(kode=DESA_A)),
        lampiran=[],
        oleh=cast.admin,
        kunci=uuid.uuid4(),
        dasar_url="http://testserver",
    )
    # Audio as the task leaves it (made without espeak-ng here: this test is about access, not speech).
    siaran.audio_ogg.save("siaran/audio/uji.ogg", ContentFile(b"OggS"), save=False)
    siaran.audio_mp3.save("siaran/audio/uji.mp3", ContentFile(b"ID3"), save=False)
    siaran.audio_digest = text_digest(siaran.teks_audio())
    siaran.save()
    lampiran = Lampiran(siaran=siaran, nama="edaran.pdf")
    lampiran.berkas.save("edaran.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    penerimaan = siaran.penerimaan.get(kim=cast.kim_a)
    return [
        # Diskominfo and operators are sent on to the list of all siaran; a KIM's people see their inbox.
        Halaman("/kelola/siaran/", frozenset({"admin", "operator", "editor", "anggota", "editor_lain"})),
        Halaman("/kelola/siaran/semua/", frozenset({"admin", "operator"})),
        Halaman("/kelola/siaran/kirim/", HANYA_ADMIN),
        Halaman(f"/kelola/siaran/{siaran.pk}/", PEMBACA_SIARAN_A),
        Halaman(f"/kelola/siaran/lampiran/{lampiran.pk}/", PEMBACA_SIARAN_A),
        Halaman(f"/kelola/siaran/{siaran.pk}/audio.ogg", PEMBACA_SIARAN_A),
        Halaman(f"/kelola/siaran/{siaran.pk}/audio.mp3", PEMBACA_SIARAN_A),
        Halaman(f"/kelola/siaran/{siaran.pk}/ingatkan/", HANYA_ADMIN, method="post"),
        # Only the KIM's pengurus mark its copy received and passed on.
        Halaman(f"/kelola/siaran/penerimaan/{penerimaan.pk}/terima/", frozenset({"editor"}), method="post"),
        Halaman(f"/kelola/siaran/penerimaan/{penerimaan.pk}/teruskan/", frozenset({"editor"}), method="post"),
    ]
