"""Small helpers for penilaian's tests."""

from datetime import date

from penilaian.models import JenisKegiatan, Kegiatan


def jenis(slug: str = "sosialisasi") -> JenisKegiatan:
    return JenisKegiatan.objects.get(slug=slug)


def make_kegiatan(cast, **fields) -> Kegiatan:
    """An activity of village A's KIM reported by its member."""
    fields.setdefault("kim", cast.kim_a)
    fields.setdefault("jenis", jenis(fields.pop("jenis_slug", "sosialisasi")))
    fields.setdefault("pelapor", cast.anggota)
    fields.setdefault("tanggal", date(2026, 5, 12))
    fields.setdefault("judul", "Sosialisasi cek fakta di balai desa")
    fields.setdefault("tempat", "Balai Desa Tungkap")
    fields.setdefault("uraian", "Warga belajar memeriksa kabar bohong sebelum membagikannya.")
    mitra = fields.pop("mitra", [])
    kegiatan = Kegiatan.objects.create(**fields)
    kegiatan.kim_mitra.set(mitra)
    return kegiatan
