"""The potensi catalogue in the API: the published items the `/potensi/` page lists, with its filters.

What an item says is `potensi.ekspor.data_publik`, shared with the downloads: never a phone number; where
the page has a "Chat di WhatsApp" button, `kontak_url` points at it. Registered on the one NinjaAPI of
`api.views` when `api.urls` imports this module.
"""

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from api.views import VALIDASI, DatabasePagination, Galat, KodeWilayah, TeksCari, api
from jembatan.lib.markup import to_html
from potensi.ekspor import data_publik, katalog
from potensi.models import Potensi


class PotensiRingkas(Schema):
    id: int
    nama: str
    jenis: str
    jenis_slug: str
    ringkasan: str
    wilayah_kode: str
    wilayah_nama: str
    kecamatan_kode: str
    kecamatan_nama: str
    kim: str | None
    nama_produsen: str
    nama_usaha: str
    nib: str
    nomor_pirt: str
    nomor_halal: str
    harga_min: int | None
    harga_max: int | None
    satuan: str
    teks_harga: str = Field(description='Seperti di halaman: "Rp25.000–Rp40.000 / kg".')
    bulan: list[int] = Field(description="Bulan tersedia, 1 = Januari; dua belas bulan: sepanjang tahun.")
    teks_bulan: str
    kapasitas: str
    jam_buka: str
    tiket: str
    lat: float | None
    lng: float | None
    titik_tepat: bool = Field(description="false: titik tengah desa (rumah pribadi atau tanpa titik), seperti di halaman.")
    pemverifikasi: str
    terbit: datetime
    dikonfirmasi: datetime
    perlu_diperbarui: bool = Field(description="Belum dikonfirmasi lebih dari setahun; keluar dari katalog sebulan kemudian.")
    url: str
    kontak_url: str | None = Field(
        description="Tombol “Chat di WhatsApp” di halaman potensi, bila ada. Nomor telepon tidak pernah diberikan API."
    )
    demo: bool


class FotoPotensiPublik(Schema):
    keterangan: str
    url_800: str
    lebar: int
    tinggi: int


class PotensiDetail(PotensiRingkas):
    deskripsi_html: str
    foto: list[FotoPotensiPublik]


class FilterPotensi(Schema):
    jenis: str | None = Field(None, max_length=60, description="slug jenis, mis. `kuliner`")
    kecamatan: KodeWilayah | None = None
    desa: KodeWilayah | None = None
    bulan_ini: bool = Field(False, description="Hanya yang tersedia bulan ini (waktu setempat).")
    q: TeksCari | None = None


def _halaman_potensi(request: HttpRequest, rows: list[Potensi]) -> list[dict]:
    return [data_publik(p, request.build_absolute_uri) for p in rows]


@api.get("/potensi", response={200: list[PotensiRingkas], **VALIDASI}, tags=["potensi"], summary="Katalog potensi desa")
@paginate(DatabasePagination, build_items=_halaman_potensi)
def daftar_potensi(request, filters: Query[FilterPotensi]):
    """Published village potentials still in the catalogue, most recently confirmed first, with the
    `/potensi/` page's filters: kind (slug), kecamatan, village, available this month, words."""
    data = {k: v for k, v in filters.dict().items() if v not in (None, "", False)}
    qs = katalog(data)
    # The page ignores a filter it cannot read; an API caller asking for an unknown place gets nothing.
    if filters.jenis:
        qs = qs.filter(jenis__slug=filters.jenis)
    if filters.kecamatan:
        qs = qs.filter(wilayah__parent_id=filters.kecamatan)
    if filters.desa:
        qs = qs.filter(wilayah_id=filters.desa)
    return qs


@api.get("/potensi/{id}", response={200: PotensiDetail, 404: Galat, **VALIDASI}, tags=["potensi"], summary="Satu potensi desa")
def detail_potensi(request, id: int):
    p = Potensi.objects.publik().select_related("jenis", "wilayah__parent", "kim").filter(pk=id).first()
    if p is None:
        return Status(404, {"detail": f"Tidak ada potensi terbit dengan nomor {id}."})
    return {
        **data_publik(p, request.build_absolute_uri),
        "deskripsi_html": str(to_html(p.deskripsi)),
        "foto": [
            {"keterangan": f.keterangan, "url_800": request.build_absolute_uri(f.url(800)), "lebar": f.lebar, "tinggi": f.tinggi}
            for f in p.foto.all()
        ],
    }
