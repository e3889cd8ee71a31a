"""Small helpers for suara warga's tests."""

from jembatan.test import DESA_A
from suarawarga.models import Aspirasi, Topik
from wilayah.models import Wilayah


def make_aspirasi(**fields) -> Aspirasi:
    """An aspiration of village A, sent anonymously through the model's own `kirim`."""
    fields.setdefault("topik", Topik.INFRASTRUKTUR)
    fields.setdefault("isi", "Jalan di RT 3 rusak berlubang sejak musim hujan, motor sering jatuh.")
    fields["wilayah"] = Wilayah.objects.get(kode=fields.pop("wilayah_id", DESA_A))
    return Aspirasi.kirim(**fields)
