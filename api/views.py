"""The public JSON API, version 1. Everything here is public data: no personal data, ever."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth
from pydantic import AfterValidator, Field

from api.kunci import DOK_KUNCI_ATAU_ANONIM, KUNCI_ATAU_ANONIM, KunciDitolak, batas_terlampaui
from cekfakta import layanan
from diskusi.models import Komentar, Sikap
from diskusi.models import Status as StatusKomentar
from jembatan.lib.markup import to_html
from kim.akses import kim_pengguna
from kim.cakupan import TAHAP_URUT, cakupan
from kim.models import Jabatan, Kim, Tahap
from penilaian.models import Kegiatan, Pengaturan
from ppid.laporan import hitung as hitung_laporan
from ppid.models import Informasi, Keberatan, Permohonan, is_badan_publik, nama_ppid
from siaran.models import Penerimaan
from suarawarga.models import Aspirasi, Bidang, Jajak, Program, TahapProgram, TopikAspirasi, batas_tanggapan
from suarawarga.statistik import statistik_aspirasi
from warta.cari import cari
from warta.models import Berita, Kategori
from wilayah.models import Level, Wilayah

api = NinjaAPI(
    title="Jembatan API",
    version="1",
    description=(
        "Data publik Jembatan: wilayah Kemendagri, direktori KIM dan cakupan pembentukan KIM. "
        "Endpoint yang dibatasi per jam menerima kunci API mitra (`Authorization: Bearer jbt_…`) dengan batasnya sendiri. "
        "Public data: Kemendagri regions, the KIM directory and KIM formation coverage. "
        "Rate-limited endpoints accept a partner API key (`Authorization: Bearer jbt_…`) with its own limit."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(KunciDitolak)
def kunci_ditolak(request, exc: KunciDitolak):
    response = api.create_response(request, {"detail": str(exc)}, status=401)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


class WilayahRingkas(Schema):
    kode: str
    nama: str
    tipe: str
    level: int


class WilayahDetail(WilayahRingkas):
    kode_pos: str
    lat: float | None
    lng: float | None
    berlaku: bool
    induk: WilayahRingkas | None
    anak: list[WilayahRingkas]


class Galat(Schema):
    detail: str


class RincianGalat(Schema):
    type: str
    loc: list[str | int]
    msg: str
    ctx: dict[str, Any] | None = None


class GalatValidasi(Schema):
    """422: the request does not match this document (a parameter of the wrong type or out of its range, a
    body field missing or too long); one entry per problem, `loc` says where."""

    detail: list[RincianGalat]


# Every operation answers 422 when its parameters or body do not match their schema (django-ninja's check).
VALIDASI = {422: GalatValidasi}

# A Kemendagri code: province 63, kabupaten 63.05, kecamatan 63.05.01, village 63.05.01.2003.
KodeWilayah = Annotated[str, Field(pattern=r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")]


def _tanpa_nul(teks: str) -> str:
    # PostgreSQL refuses NUL in any text it is given; like the news search, take it for a space.
    return teks.replace("\x00", " ").strip()


# Search words: at most 200 characters.
TeksCari = Annotated[str, Field(max_length=200), AfterValidator(_tanpa_nul)]


class PengurusPublik(Schema):
    nama: str
    jabatan: str
    jabatan_lengkap: str


class KimRingkas(Schema):
    wilayah_kode: str
    wilayah_nama: str
    kecamatan_kode: str
    kecamatan_nama: str
    nama: str
    tahap: str
    tahap_label: str
    tanggal_tahap: date | None
    nomor_kimid: str
    demo: bool


class KimDetail(KimRingkas):
    profil: str
    alamat: str
    email_kontak: str | None
    telepon_kontak: str | None
    tanggal_berdiri: date | None
    nomor_sk: str
    tanggal_sk: date | None
    situs: str
    facebook: str
    instagram: str
    youtube: str
    pengurus: list[PengurusPublik]


class BarisCakupan(Schema):
    kode: str
    nama: str
    jumlah_wilayah: int
    jumlah_desa: int
    jumlah_kelurahan: int
    per_tahap: dict[str, int]
    tercakup: int
    persen_tercakup: float


class CakupanWilayah(Schema):
    wilayah: WilayahRingkas
    tahap: list[str]
    total: BarisCakupan
    rincian: list[BarisCakupan]


class PermintaanCocok(Schema):
    # Checked here, so the document says it and a breach is a 422 like any other; what only the matcher can
    # judge (text that is no message once control characters are removed) is a 400 with the reason.
    teks: str = Field(
        min_length=1,
        max_length=settings.JEMBATAN_CEKFAKTA_MAKS_KARAKTER,
        pattern=r"\S",
        description="Teks pesan yang diteruskan; tidak kosong, paling banyak JEMBATAN_CEKFAKTA_MAKS_KARAKTER karakter.",
    )


class KlaimPublik(Schema):
    id: int
    klaim: str
    hasil: str
    label: str
    url: str
    sumber_url: str
    diterbitkan: date | None


class KandidatCocok(Schema):
    skor: float
    klaim: KlaimPublik


class JawabanCocok(Schema):
    tingkat: Literal["sama", "mungkin", "belum"] = Field(
        description="sama: putusan `klaim` adalah jawabannya; mungkin: tanyakan ke pengguna apakah pesannya tentang "
        "salah satu `usulan`; belum: belum pernah diperiksa."
    )
    cocok: bool = Field(description='Sama dengan tingkat == "sama" (dipertahankan untuk klien lama).')
    skor: float
    klaim: KlaimPublik | None
    usulan: list[KandidatCocok] = Field(description='Untuk tingkat "mungkin": sampai tiga putusan, terbaik dahulu.')
    kandidat: list[KandidatCocok]


class DatabasePagination(LimitOffsetPagination):
    """Limit/offset paging done by the database: the view returns a queryset with a total order, the
    database counts it and returns one page, and only that page's rows become dicts, through
    `build_items(request, rows)` (which may fetch batch data for those rows, such as comment counts).
    Same query parameters and response shape as `LimitOffsetPagination`."""

    def __init__(self, *, build_items: Callable[[HttpRequest, list], list[dict]], **kwargs) -> None:
        self.build_items = build_items
        super().__init__(**kwargs)

    def paginate_queryset(self, queryset: QuerySet, pagination: LimitOffsetPagination.Input, request: HttpRequest, **params):
        limit = min(pagination.limit, self.max_limit)
        rows = list(queryset[pagination.offset : pagination.offset + limit])
        return {self.items_attribute: self.build_items(request, rows), "count": queryset.count()}


def _ringkas(w: Wilayah) -> dict:
    return {"kode": w.kode, "nama": w.nama, "tipe": w.tipe, "level": w.level}


@api.get(
    "/wilayah/{kode}", response={200: WilayahDetail, 404: Galat, **VALIDASI}, tags=["wilayah"], summary="Wilayah dan anak-anaknya"
)
def wilayah(request, kode: KodeWilayah):
    """A region of Indonesia by its Kemendagri code (e.g. `63.05`), with its parent and children."""
    w = Wilayah.objects.select_related("parent").filter(kode=kode).first()
    if w is None:
        return Status(404, {"detail": f"Wilayah {kode} tidak ditemukan. Gunakan kode Kemendagri, mis. 63.05.01."})
    anak = [_ringkas(c) for c in w.children.order_by("kode").only("kode", "nama", "tipe", "level")]
    return {
        **_ringkas(w),
        "kode_pos": w.kode_pos,
        "lat": w.lat,
        "lng": w.lng,
        "berlaku": w.berlaku,
        "induk": _ringkas(w.parent) if w.parent else None,
        "anak": anak,
    }


def _kim_ringkas(k: Kim) -> dict:
    w = k.wilayah
    kec = w.parent if w.level == Level.DESA else w
    assert kec is not None, "a village always lies in a kecamatan"
    return {
        "wilayah_kode": w.kode,
        "wilayah_nama": w.nama,
        "kecamatan_kode": kec.kode,
        "kecamatan_nama": kec.nama,
        "nama": k.nama,
        "tahap": k.tahap,
        "tahap_label": str(k.get_tahap_display()),
        "tanggal_tahap": k.tanggal_tahap,
        "nomor_kimid": k.nomor_kimid,
        "demo": k.demo,
    }


class FilterKim(Schema):
    kecamatan: KodeWilayah | None = None
    tahap: Tahap | None = None
    q: TeksCari | None = None


def _halaman_kim(request, rows: list[Kim]) -> list[dict]:
    return [_kim_ringkas(k) for k in rows]


@api.get("/kim", response={200: list[KimRingkas], **VALIDASI}, tags=["kim"], summary="Direktori KIM")
@paginate(DatabasePagination, build_items=_halaman_kim)
def daftar_kim(request, filters: Query[FilterKim]):
    """KIM of this deployment's kabupaten, filtered by kecamatan code, stage or name."""
    qs = Kim.objects.publik().di_kabupaten(settings.JEMBATAN_KABUPATEN).select_related("wilayah__parent").order_by("wilayah_id")
    if filters.kecamatan:
        qs = qs.filter(Q(wilayah__parent_id=filters.kecamatan) | Q(wilayah_id=filters.kecamatan))
    if filters.tahap:
        qs = qs.filter(tahap=filters.tahap)
    if filters.q:
        qs = qs.filter(Q(nama__icontains=filters.q) | Q(wilayah__nama__icontains=filters.q))
    return qs


@api.get("/kim/{kode}", response={200: KimDetail, 404: Galat, **VALIDASI}, tags=["kim"], summary="Profil publik KIM")
def detail_kim(request, kode: KodeWilayah):
    """The public profile of the KIM of a village (or kecamatan) code. Contacts only when the
    KIM chose to publish them; pengurus by name and role only."""
    k = Kim.objects.publik().select_related("wilayah__parent").filter(wilayah_id=kode).first()
    if k is None:
        return Status(404, {"detail": f"Tidak ada KIM di wilayah {kode}."})
    pengurus = sorted(
        k.pengurus_menjabat(timezone.localdate()).exclude(jabatan=Jabatan.ANGGOTA), key=lambda p: (p.jabatan_urut, p.nama)
    )
    return {
        **_kim_ringkas(k),
        "profil": k.profil,
        "alamat": k.alamat,
        "email_kontak": k.email_kontak if k.kontak_publik else None,
        "telepon_kontak": k.telepon_kontak if k.kontak_publik else None,
        "tanggal_berdiri": k.tanggal_berdiri,
        "nomor_sk": k.nomor_sk,
        "tanggal_sk": k.tanggal_sk,
        "situs": k.situs,
        "facebook": k.facebook,
        "instagram": k.instagram,
        "youtube": k.youtube,
        "pengurus": [{"nama": p.nama, "jabatan": p.jabatan, "jabatan_lengkap": p.jabatan_lengkap} for p in pengurus],
    }


@api.get("/cakupan/{kode}", response={200: CakupanWilayah, 404: Galat, **VALIDASI}, tags=["cakupan"], summary="Cakupan KIM")
def data_cakupan(request, kode: KodeWilayah):
    """Villages per KIM stage for a province, kabupaten/kota (broken down by kecamatan) or kecamatan."""
    w = Wilayah.objects.filter(kode=kode, level__in=[Level.PROVINSI, Level.KABUPATEN, Level.KECAMATAN]).first()
    if w is None:
        return Status(404, {"detail": f"{kode} bukan kode provinsi, kabupaten/kota atau kecamatan yang dikenal."})
    data = cakupan(w)
    return {
        "wilayah": _ringkas(w),
        "tahap": TAHAP_URUT,
        "total": data.total.as_dict(),
        "rincian": [b.as_dict() for b in data.baris],
    }


def _klaim_publik(request, k) -> dict:
    return {
        "id": k.pk,
        "klaim": k.judul,
        "hasil": k.hasil,
        "label": k.label,
        "url": request.build_absolute_uri(k.get_absolute_url()),
        "sumber_url": k.sumber_url,
        "diterbitkan": timezone.localdate(k.diterbitkan) if k.diterbitkan else None,
    }


@api.post(
    "/cek-fakta/cocokkan",
    response={200: JawabanCocok, 400: Galat, 401: Galat, 429: Galat, **VALIDASI},
    auth=KUNCI_ATAU_ANONIM,
    openapi_extra=DOK_KUNCI_ATAU_ANONIM,
    tags=["cek-fakta"],
    summary="Cocokkan pesan dengan putusan cek fakta",
)
def cocokkan(request, data: PermintaanCocok):
    """Match a forwarded message against published verdicts, in three tiers: `sama` when the best verdict
    scores at or above the calibrated threshold (it is the answer; `cocok` is true only then), `mungkin` when
    up to three verdicts score above the lower threshold (ask the user which, if any), else `belum`.
    Nothing is recorded. Anonymous callers are limited per address and hour (429).

    An empty or blank `teks`, or one longer than the limit, is a 422; a body that is not JSON, or a text
    that does not look like a message (mostly control characters), is a 400 with the reason."""

    if pesan := batas_terlampaui(request, "api-cocok", settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM):
        return Status(429, {"detail": pesan})
    try:
        teks = layanan.validasi_teks(data.teks)
    except layanan.PesanDitolak as e:
        return Status(400, {"detail": str(e)})
    kandidat = [k for k in layanan.cocokkan(teks, k=30) if k.klaim.is_terbit][:5]
    sama = bool(kandidat) and kandidat[0].skor >= layanan.ambang()
    usulan = [] if sama else [k for k in kandidat if k.skor >= layanan.ambang_mungkin()][: layanan.USULAN_MAKS]

    def publik(k: layanan.Kandidat) -> dict:
        return {"skor": round(k.skor, 4), "klaim": _klaim_publik(request, k.klaim)}

    return {
        "tingkat": "sama" if sama else "mungkin" if usulan else "belum",
        "cocok": sama,
        "skor": round(kandidat[0].skor, 4) if kandidat else 0.0,
        "klaim": _klaim_publik(request, kandidat[0].klaim) if sama else None,
        "usulan": [publik(k) for k in usulan],
        "kandidat": [publik(k) for k in (kandidat[1:] if sama else kandidat)],
    }


# --- Siaran (authenticated) -------------------------------------------------------------------


class SiaranUntukKim(Schema):
    id: int
    judul: str
    isi: str
    prioritas: str
    prioritas_label: str
    dikirim_pada: datetime
    url: str
    kim_kode: str
    kim_nama: str
    status: str
    status_label: str
    diterima_pada: datetime | None
    diteruskan_pada: datetime | None
    diteruskan_ke: list[str]


def _halaman_siaran(request, rows: list) -> list[dict]:
    return [_siaran_untuk_kim(request, p) for p in rows]


@api.get(
    "/siaran",
    auth=django_auth,
    response={200: list[SiaranUntukKim], 401: Galat, **VALIDASI},
    tags=["siaran"],
    summary="Siaran untuk KIM saya (perlu masuk)",
)
@paginate(DatabasePagination, build_items=_halaman_siaran)
def daftar_siaran(request):
    """Broadcasts from Diskominfo to the KIM of the signed-in user (session cookie), newest first, each
    with that KIM's state: `belum` (not read), `diterima` (received) or `diteruskan` (passed on, with where).
    One row per siaran and KIM; a user who belongs to no KIM gets an empty list. 401 without a session."""

    return (
        Penerimaan.objects.filter(kim__in=kim_pengguna(request.user))
        .select_related("siaran", "kim")
        .order_by("-siaran__dikirim_pada", "-siaran_id", "kim_id")
    )


def _siaran_untuk_kim(request, p) -> dict:
    s = p.siaran
    return {
        "id": s.pk,
        "judul": s.judul,
        "isi": s.isi,
        "prioritas": s.prioritas,
        "prioritas_label": str(s.get_prioritas_display()),
        "dikirim_pada": s.dikirim_pada,
        "url": request.build_absolute_uri(s.get_absolute_url()),
        "kim_kode": p.kim.wilayah_id,
        "kim_nama": p.kim.nama,
        "status": p.status,
        "status_label": str(p.get_status_display()),
        "diterima_pada": p.diterima_pada,
        "diteruskan_pada": p.diteruskan_pada,
        "diteruskan_ke": p.diteruskan_ke,
    }


# --- Warta (published news) ---------------------------------------------------------------


class WartaRingkas(Schema):
    id: int
    judul: str
    ringkasan: str
    kategori: str
    kategori_label: str
    wilayah_kode: str
    wilayah_nama: str
    kim: str | None
    terbit: datetime
    diperbarui: datetime | None
    url: str
    jumlah_komentar: int
    demo: bool


class WartaDetail(WartaRingkas):
    isi_html: str
    diperiksa_oleh: str | None
    foto: list[dict]
    ralat: list[dict]


class FilterWarta(Schema):
    kategori: Kategori | None = None
    wilayah: KodeWilayah | None = None
    q: TeksCari | None = None


def _jumlah_komentar(ids: list[int]) -> dict[int, int]:

    ct = ContentType.objects.get_for_model(Berita)
    rows = (
        Komentar.objects.filter(content_type=ct, object_id__in=ids, status=StatusKomentar.TAMPIL)
        .values("object_id")
        .annotate(n=Count("id"))
    )
    return {r["object_id"]: r["n"] for r in rows}


def _warta_ringkas(request, b, komentar: dict[int, int]) -> dict:
    return {
        "id": b.pk,
        "judul": b.judul,
        "ringkasan": b.ringkasan_atau_awal,
        "kategori": b.kategori,
        "kategori_label": str(b.get_kategori_display()),
        "wilayah_kode": b.wilayah_id,
        "wilayah_nama": b.wilayah.nama,
        "kim": b.kim.nama if b.kim else None,
        "terbit": b.terbit_pada,
        "diperbarui": b.diperbarui_pada,
        "url": request.build_absolute_uri(b.get_absolute_url()),
        "jumlah_komentar": komentar.get(b.pk, 0),
        "demo": b.demo,
    }


def _halaman_warta(request, rows: list) -> list[dict]:
    komentar = _jumlah_komentar([b.pk for b in rows])
    return [_warta_ringkas(request, b, komentar) for b in rows]


@api.get("/warta", response={200: list[WartaRingkas], **VALIDASI}, tags=["warta"], summary="Warta terverifikasi")
@paginate(DatabasePagination, build_items=_halaman_warta)
def daftar_warta(request, filters: Query[FilterWarta]):
    """Published (verified) news of this deployment, newest first, with approved-comment counts; filter by
    category, by region code (a kecamatan includes its villages) or search words."""

    qs = Berita.objects.terbit().select_related("wilayah", "kim").order_by("-terbit_pada", "-dibuat", "-pk")
    if filters.kategori:
        qs = qs.filter(kategori=filters.kategori)
    if filters.wilayah:
        qs = qs.filter(Q(wilayah_id=filters.wilayah) | Q(wilayah__parent_id=filters.wilayah))
    if filters.q:
        qs = cari(filters.q, qs).defer(None)  # the summaries read the text
    return qs


@api.get("/warta/{id}", response={200: WartaDetail, 404: Galat, **VALIDASI}, tags=["warta"], summary="Satu warta terverifikasi")
def detail_warta(request, id: int):

    b = Berita.objects.terbit().select_related("wilayah", "kim", "diperiksa_oleh").filter(pk=id).first()
    if b is None:
        return Status(404, {"detail": f"Tidak ada warta terbit dengan nomor {id}."})
    return {
        **_warta_ringkas(request, b, _jumlah_komentar([b.pk])),
        "isi_html": str(to_html(b.isi)),
        "diperiksa_oleh": b.diperiksa_oleh.nama if b.diperiksa_oleh else None,
        "foto": [
            {"keterangan": f.keterangan, "url_800": request.build_absolute_uri(f.url(800)), "lebar": f.lebar, "tinggi": f.tinggi}
            for f in b.foto.all()
        ],
        "ralat": [{"waktu": r.waktu.isoformat(), "isi": r.isi} for r in b.ralat.all()],
    }


# --- PPID: lists of public information, request status by tracking code, yearly figures ----------------------


class InformasiPublik(Schema):
    kategori: str
    kategori_label: str
    judul: str
    ringkasan: str
    penanggung_jawab: str
    bentuk: str
    retensi: str
    tanggal: date
    tautan: str
    alasan_pengecualian: str
    dikecualikan_sampai: date | None
    diperbarui: date
    perlu_diperbarui: bool


class DaftarInformasi(Schema):
    badan_publik: WilayahRingkas
    ppid: str
    informasi: list[InformasiPublik]


class KeberatanPublik(Schema):
    nomor: str
    diterima: date
    alasan: str
    batas_tanggapan: date
    keputusan: str
    tanggal_tanggapan: date | None
    nomor_sengketa: str
    tahap_sengketa: str


class StatusPermohonan(Schema):
    """A request as its requester follows it: dates and decisions, never who asked or what they typed."""

    nomor: str
    badan_publik: WilayahRingkas
    diterima: date
    batas_jawab: date
    perpanjangan_hari: int | None
    status: str
    terlambat: bool
    keputusan: str
    keputusan_label: str
    alasan_pengecualian: str
    dijawab: date | None
    keberatan: KeberatanPublik | None


class Hitungan(Schema):
    label: str
    jumlah: int


class StatistikPpid(Schema):
    badan_publik: WilayahRingkas
    tahun: int
    permohonan: int
    diproses: int
    keputusan: list[Hitungan]
    pengecualian: list[Hitungan]
    rata_rata_hari_kerja: float | None
    terlama_hari_kerja: int | None
    tepat_waktu: int
    terlambat: int
    keberatan: int
    sengketa: int


def _badan_publik(kode: str) -> Wilayah | None:
    w = Wilayah.objects.filter(kode=kode).first()
    return w if is_badan_publik(w) else None


def _hitungan(baris: list[tuple[str, int]]) -> list[dict]:
    return [{"label": label, "jumlah": n} for label, n in baris]


@api.get(
    "/ppid/lacak/{kode}",
    response={200: StatusPermohonan, 404: Galat, **VALIDASI},
    tags=["ppid"],
    summary="Status permohonan informasi",
)
def status_permohonan(request, kode: Annotated[str, Field(max_length=14)]):
    """A request's state by its tracking code: deadlines, decision, objection. No personal data."""
    p = Permohonan.objects.select_related("wilayah").filter(kode="".join(kode.split()).upper()).first()
    if p is None:
        return Status(404, {"detail": "Kode pelacakan tidak ditemukan."})
    k = Keberatan.objects.filter(permohonan=p).first()
    return {
        "nomor": p.nomor,
        "badan_publik": _ringkas(p.wilayah),
        "diterima": p.diterima,
        "batas_jawab": p.batas_jawab,
        "perpanjangan_hari": p.perpanjangan_hari,
        "status": p.status,
        "terlambat": p.is_terlambat(),
        "keputusan": p.keputusan,
        "keputusan_label": p.get_keputusan_display() if p.keputusan else "",
        "alasan_pengecualian": p.alasan_pengecualian,
        "dijawab": p.dijawab,
        "keberatan": None
        if k is None
        else {
            "nomor": k.nomor,
            "diterima": k.diterima,
            "alasan": k.alasan,
            "batas_tanggapan": k.batas_tanggapan,
            "keputusan": k.keputusan,
            "tanggal_tanggapan": k.tanggal_tanggapan,
            "nomor_sengketa": k.nomor_sengketa,
            "tahap_sengketa": k.tahap_sengketa,
        },
    }


@api.get(
    "/ppid/{kode}/dip",
    response={200: DaftarInformasi, 404: Galat, **VALIDASI},
    tags=["ppid"],
    summary="Daftar informasi publik",
)
def daftar_informasi(request, kode: KodeWilayah):
    """The list of public information of the regency (its code) or one of its villages, by category."""
    w = _badan_publik(kode)
    if w is None:
        return Status(404, {"detail": f"{kode} bukan badan publik yang dilayani di sini (kabupaten ini atau desanya)."})
    return {
        "badan_publik": _ringkas(w),
        "ppid": nama_ppid(w),
        "informasi": [
            {
                "kategori": x.kategori,
                "kategori_label": x.get_kategori_display(),
                "judul": x.judul,
                "ringkasan": x.ringkasan,
                "penanggung_jawab": x.penanggung_jawab,
                "bentuk": x.bentuk,
                "retensi": x.retensi,
                "tanggal": x.tanggal,
                "tautan": x.tautan,
                "alasan_pengecualian": x.alasan_pengecualian,
                "dikecualikan_sampai": x.dikecualikan_sampai,
                "diperbarui": x.diperbarui,
                "perlu_diperbarui": x.perlu_diperbarui,
            }
            for x in Informasi.objects.filter(wilayah=w)
        ],
    }


@api.get(
    "/ppid/{kode}/statistik",
    response={200: StatistikPpid, 404: Galat, **VALIDASI},
    tags=["ppid"],
    summary="Statistik layanan informasi",
)
def statistik_ppid(request, kode: KodeWilayah, tahun: Annotated[int, Field(ge=2000, le=2100)] | None = None):
    """A year's figures of a badan publik, counted from its registers (the current year unless `tahun` is given)."""
    w = _badan_publik(kode)
    if w is None:
        return Status(404, {"detail": f"{kode} bukan badan publik yang dilayani di sini (kabupaten ini atau desanya)."})
    tahun = tahun or timezone.localdate().year
    r, k = hitung_laporan(w, tahun)
    return {
        "badan_publik": _ringkas(w),
        "tahun": tahun,
        "permohonan": r.diterima,
        "diproses": r.diproses,
        "keputusan": _hitungan(r.keputusan),
        "pengecualian": _hitungan(r.pengecualian),
        "rata_rata_hari_kerja": r.rata_rata_hari,
        "terlama_hari_kerja": r.terlama_hari,
        "tepat_waktu": r.tepat_waktu,
        "terlambat": r.terlambat,
        "keberatan": k.diterima,
        "sengketa": k.sengketa,
    }


# --- Suara warga: programs, public aspirations (anonymised) with statistics, poll results ----------------


class DesaProgram(Schema):
    kode: str
    nama: str


class SikapProgram(Schema):
    mendukung: int
    netral: int
    keberatan: int


class TanggapanResmiProgram(Schema):
    pertanyaan_id: int
    penanya: str
    pertanyaan: str
    sikap: str
    tanggapan: str
    oleh: str
    ditanggapi: datetime
    url: str


class ProgramRingkas(Schema):
    id: int
    nama: str
    wilayah_kode: str
    wilayah_nama: str
    desa: list[DesaProgram]
    bidang: str
    bidang_label: str
    tahun: int
    sumber_dana: str
    sumber_dana_label: str
    anggaran: int | None
    pelaksana: str
    tahap: str
    tahap_label: str
    alasan_tahap: str
    progres: int
    url: str
    diubah: datetime
    demo: bool
    sikap: SikapProgram
    jumlah_pertanyaan: int
    belum_ditanggapi: int
    tanggapan_resmi: list[TanggapanResmiProgram]


class ProgramDetail(ProgramRingkas):
    deskripsi_html: str


class FilterProgram(Schema):
    wilayah: KodeWilayah | None = None
    bidang: Bidang | None = None
    tahun: int | None = Field(None, ge=2000, le=2100)
    tahap: TahapProgram | None = None


def _diskusi_program(request, ids: list[int]) -> dict[int, dict]:
    """The discussion of each program in two queries: stance counts of the shown top-level comments, how many
    of them wait past the answer time, and the official answers with the question each answers."""
    ct = ContentType.objects.get_for_model(Program)
    tampil = Komentar.objects.filter(content_type=ct, object_id__in=ids, status=StatusKomentar.TAMPIL)
    batas = batas_tanggapan()
    hasil: dict[int, dict] = {
        pk: {
            "sikap": {s: 0 for s in Sikap.values},
            "jumlah_pertanyaan": 0,
            "belum_ditanggapi": 0,
            "tanggapan_resmi": [],
        }
        for pk in ids
    }
    for object_id, sikap, ditanggapi, dibuat in tampil.filter(parent=None).values_list(
        "object_id", "sikap", "ditanggapi", "dibuat"
    ):
        baris = hasil[object_id]
        baris["jumlah_pertanyaan"] += 1
        if sikap:
            baris["sikap"][sikap] += 1
        if ditanggapi is None and dibuat < batas:
            baris["belum_ditanggapi"] += 1
    jawaban = tampil.filter(resmi=True, parent__status=StatusKomentar.TAMPIL).select_related("parent").order_by("dibuat", "id")
    urls = {p.pk: p.get_absolute_url() for p in Program.objects.filter(pk__in=ids).only("id", "slug")}
    for j in jawaban.defer("email", "parent__email"):
        t = j.parent
        if t is None:  # filtered on the parent above; said again for the type checker
            continue
        hasil[j.object_id]["tanggapan_resmi"].append(
            {
                "pertanyaan_id": t.pk,
                "penanya": t.nama,
                "pertanyaan": t.isi,
                "sikap": t.sikap,
                "tanggapan": j.isi,
                "oleh": j.nama,
                "ditanggapi": j.dibuat,
                "url": request.build_absolute_uri(f"{urls[j.object_id]}#komentar-{t.pk}"),
            }
        )
    return hasil


def _program_ringkas(request, p: Program, diskusi: dict) -> dict:
    return {
        "id": p.pk,
        "nama": p.nama,
        "wilayah_kode": p.wilayah_id,
        "wilayah_nama": str(p.wilayah.nama_lengkap),
        "desa": [{"kode": w.kode, "nama": str(w.nama_lengkap)} for w in p.daftar_desa],
        "bidang": p.bidang,
        "bidang_label": str(p.get_bidang_display()),
        "tahun": p.tahun,
        "sumber_dana": p.sumber_dana,
        "sumber_dana_label": str(p.get_sumber_dana_display()),
        "anggaran": p.anggaran,
        "pelaksana": p.pelaksana,
        "tahap": p.tahap,
        "tahap_label": str(p.get_tahap_display()),
        "alasan_tahap": p.alasan_tahap,
        "progres": p.progres,
        "url": request.build_absolute_uri(p.get_absolute_url()),
        "diubah": p.diubah,
        "demo": p.demo,
        **diskusi,
    }


def _halaman_program(request, rows: list) -> list[dict]:
    diskusi = _diskusi_program(request, [p.pk for p in rows])
    return [_program_ringkas(request, p, diskusi[p.pk]) for p in rows]


@api.get("/program", response={200: list[ProgramRingkas], **VALIDASI}, tags=["suara warga"], summary="Program pembangunan")
@paginate(DatabasePagination, build_items=_halaman_program)
def daftar_program(request, filters: Query[FilterProgram]):
    """Development programs, most recently changed first, each with its discussion: stance counts, questions
    waiting past the answer time, and official answers. A region code selects the programs of a village (also
    those it shares with other villages), or a kecamatan's own and its villages'."""
    qs = Program.objects.select_related("wilayah").prefetch_related("desa").order_by("-diubah", "-pk")
    if filters.wilayah:
        qs = qs.di_kode(filters.wilayah)
    for kolom in ("bidang", "tahun", "tahap"):
        if getattr(filters, kolom) is not None:
            qs = qs.filter(**{kolom: getattr(filters, kolom)})
    return qs


@api.get(
    "/program/{id}",
    response={200: ProgramDetail, 404: Galat, **VALIDASI},
    tags=["suara warga"],
    summary="Satu program pembangunan",
)
def detail_program(request, id: int):
    """One development program with its description and its discussion (as in the list)."""
    p = Program.objects.select_related("wilayah").prefetch_related("desa").filter(pk=id).first()
    if p is None:
        return Status(404, {"detail": f"Program {id} tidak ditemukan."})
    return {**_program_ringkas(request, p, _diskusi_program(request, [p.pk])[p.pk]), "deskripsi_html": str(to_html(p.deskripsi))}


class AspirasiPublik(Schema):
    kode: str
    topik: str
    topik_label: str
    wilayah_kode: str
    wilayah_nama: str
    kecamatan_nama: str
    isi: str
    status: str
    status_label: str
    jumlah_pendukung: int
    diterima: datetime
    dijawab: datetime | None
    url: str
    demo: bool


class FilterAspirasi(Schema):
    wilayah: KodeWilayah | None = None
    topik: TopikAspirasi | None = None


def _halaman_aspirasi(request, rows: list) -> list[dict]:
    # Never the sender's name, phone or e-mail: only what the public list shows.
    return [
        {
            "kode": a.kode,
            "topik": a.topik,
            "topik_label": str(a.get_topik_display()),
            "wilayah_kode": a.wilayah_id,
            "wilayah_nama": str(a.wilayah.nama_lengkap),
            "kecamatan_nama": a.wilayah.parent.nama if a.wilayah.parent else "",
            "isi": a.isi,
            "status": a.status,
            "status_label": str(a.get_status_display()),
            "jumlah_pendukung": a.jumlah_pendukung,
            "diterima": a.diterima_pada,
            "dijawab": a.ditindaklanjuti_pada,
            "url": request.build_absolute_uri(a.get_absolute_url()),
            "demo": a.demo,
        }
        for a in rows
    ]


@api.get("/aspirasi", response={200: list[AspirasiPublik], **VALIDASI}, tags=["suara warga"], summary="Aspirasi publik")
@paginate(DatabasePagination, build_items=_halaman_aspirasi)
def daftar_aspirasi(request, filters: Query[FilterAspirasi]):
    """Aspirations their senders allowed to be shown, newest first, without who sent them."""
    qs = Aspirasi.objects.publik().select_related("wilayah__parent").order_by("-diterima_pada", "-pk")
    if filters.wilayah:
        qs = qs.filter(Q(wilayah_id=filters.wilayah) | Q(wilayah__parent_id=filters.wilayah))
    if filters.topik:
        qs = qs.filter(topik=filters.topik)
    return qs


class BarisStatistikAspirasi(Schema):
    kode: str
    nama: str
    jumlah: int
    selesai: int
    terlambat: int
    median_hari_kerja: float | None


class StatistikAspirasi(Schema):
    kecamatan: list[BarisStatistikAspirasi]
    topik: list[BarisStatistikAspirasi]
    total: BarisStatistikAspirasi


def _baris_statistik(b) -> dict:
    return {
        "kode": b.kode,
        "nama": b.nama,
        "jumlah": b.jumlah,
        "selesai": b.selesai,
        "terlambat": b.terlambat,
        "median_hari_kerja": b.median_hari,
    }


@api.get("/aspirasi/statistik", response={200: StatistikAspirasi, **VALIDASI}, tags=["suara warga"], summary="Statistik aspirasi")
def statistik_aspirasi_api(request):
    """Every aspiration counted (numbers only) per kecamatan and topic, with the median working days from arrival
    to an answer (a follow-up or a refusal)."""
    kecamatan, topik, total = statistik_aspirasi()
    return {
        "kecamatan": [_baris_statistik(b) for b in kecamatan],
        "topik": [_baris_statistik(b) for b in topik],
        "total": _baris_statistik(total),
    }


class HasilPilihan(Schema):
    teks: str
    suara: int
    persen_pemilih: float
    ditutup: bool


class HasilJajak(Schema):
    id: int
    pertanyaan: str
    wilayah_kode: str
    dibuka: datetime
    ditutup: datetime
    pilihan_ganda: bool
    tidak_ilmiah: bool
    jumlah_pemilih: int
    pilihan: list[HasilPilihan]


@api.get(
    "/jajak/{id}/hasil", response={200: HasilJajak, 404: Galat, **VALIDASI}, tags=["suara warga"], summary="Hasil jajak pendapat"
)
def hasil_jajak(request, id: int):
    """A poll's counts; 404 while its results are kept until the close. `tidak_ilmiah`: anyone could vote
    without an account (one vote per browser), so the numbers are an impression, not a survey."""
    jajak = Jajak.objects.filter(pk=id).first()
    if jajak is None or not jajak.hasil_terlihat():
        return Status(404, {"detail": f"Tidak ada hasil jajak pendapat nomor {id} yang terbuka."})
    hasil, total = jajak.hasil()
    return {
        "id": jajak.pk,
        "pertanyaan": jajak.pertanyaan,
        "wilayah_kode": jajak.wilayah_id,
        "dibuka": jajak.buka_pada,
        "ditutup": jajak.tutup_pada,
        "pilihan_ganda": jajak.ganda,
        "tidak_ilmiah": jajak.tidak_ilmiah,
        "jumlah_pemilih": total,
        "pilihan": [
            {"teks": h.opsi.teks, "suara": h.jumlah, "persen_pemilih": round(h.persen, 1), "ditutup": h.opsi.ditutup}
            for h in hasil
        ],
    }


class FotoPublik(Schema):
    keterangan: str
    url_800: str
    lebar: int
    tinggi: int


class KegiatanPublik(Schema):
    id: int
    tanggal: date
    jenis: str
    sumbu: str
    judul: str
    tempat: str
    uraian: str
    jumlah_peserta: int | None
    peserta_laki: int | None
    peserta_perempuan: int | None
    bersama: list[str]
    foto: list[FotoPublik]
    demo: bool


def _halaman_kegiatan(request, rows: list[Kegiatan]) -> list[dict]:
    return [
        {
            "id": g.pk,
            "tanggal": g.tanggal,
            "jenis": g.jenis.nama,
            "sumbu": g.jenis.sumbu,
            "judul": g.judul,
            "tempat": g.tempat,
            "uraian": g.uraian,
            "jumlah_peserta": g.jumlah_peserta,
            "peserta_laki": g.peserta_laki,
            "peserta_perempuan": g.peserta_perempuan,
            "bersama": [m.nama for m in g.kim_mitra.all()],
            "foto": [
                {
                    "keterangan": f.keterangan,
                    "url_800": request.build_absolute_uri(f.url(800)),
                    "lebar": f.lebar,
                    "tinggi": f.tinggi,
                }
                for f in g.foto.all()
            ],
            "demo": g.demo,
        }
        for g in rows
    ]


@api.get(
    "/kim/{kode}/kegiatan", response={200: list[KegiatanPublik], 404: Galat, **VALIDASI}, tags=["kim"], summary="Kegiatan KIM"
)
@paginate(DatabasePagination, build_items=_halaman_kegiatan)
def kegiatan_kim(request, kode: KodeWilayah):
    """The activities a KIM reported, newest first: what, when, where, how many took part, photos. Never the
    attendance list or who reported it."""
    kim = Kim.objects.publik().filter(wilayah_id=kode).first()
    if kim is None:
        raise HttpError(404, f"Tidak ada KIM di wilayah {kode}.")
    qs = Kegiatan.objects.filter(kim=kim).select_related("jenis").prefetch_related("foto", "kim_mitra")
    return qs.order_by("-tanggal", "-pk")


class SkorPublik(Schema):
    bulan: str = Field(description="YYYY-MM")
    skor: float
    tingkat: str
    sumbu: dict[str, float]


class SkorKim(Schema):
    diterbitkan: bool = Field(description="false: Diskominfo does not publish levels and scores (the list is empty)")
    bulan: list[SkorPublik]


@api.get("/kim/{kode}/skor", response={200: SkorKim, 404: Galat, **VALIDASI}, tags=["kim"], summary="Skor dan tingkat KIM")
def skor_kim(request, kode: KodeWilayah):
    """A KIM's monthly score (0–100), level and score per ADINDA-P axis for the months already over, newest
    first, when Diskominfo publishes levels."""
    kim = Kim.objects.publik().filter(wilayah_id=kode).first()
    if kim is None:
        return Status(404, {"detail": f"Tidak ada KIM di wilayah {kode}."})
    if not Pengaturan.ambil().terbitkan_tingkat:
        return {"diterbitkan": False, "bulan": []}
    qs = kim.skor_bulanan.filter(bulan__lt=timezone.localdate().replace(day=1)).order_by("-bulan")[:24]
    return {
        "diterbitkan": True,
        "bulan": [{"bulan": f"{s.bulan:%Y-%m}", "skor": s.total, "tingkat": s.tingkat, "sumbu": s.per_sumbu} for s in qs],
    }
