"""The score's indicators over the modules beside `penilaian` (news, siaran, comments, potensi).

`penilaian` may not import those modules, so the indicators that read them are registered here, at the floor
that combines modules, when this app is ready (`BerandaConfig.ready`). Each counts one month, for all KIM at
once, in a few queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext_lazy as _

from diskusi.models import Komentar
from kim.models import Kim
from penilaian.indikator import Bukti, Hasil, Indikator, Periode, PolaUrl, daftarkan, dari_bukti, kelompokkan
from penilaian.models import Sumbu
from potensi.models import Potensi
from siaran.models import Penerimaan, StatusPenerimaan
from warta.models import Berita

# Evidence links for thousands of items, reversed once each (see PolaUrl).
_URL_BERITA = PolaUrl("warta:baca", 918273645, "zzslugzz")
_URL_POTENSI = PolaUrl("potensi:detail", 918273645, "zzslugzz")
_URL_SIARAN = PolaUrl("siaran:baca", 918273645)

# A siaran forwarded within this time counts as forwarded fast.
TERUSKAN_CEPAT = timedelta(hours=24)


def berita_terbit(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    """Verified news by the KIM published in the month (published news has passed the editors' checks)."""
    qs = (
        Berita.objects.terbit()
        .filter(kim__in=kims, terbit_pada__gte=periode.waktu_awal, terbit_pada__lt=periode.waktu_akhir)
        .order_by("terbit_pada")
        .values_list("id", "kim_id", "judul", "slug", named=True)
    )
    return dari_bukti(kims, kelompokkan(qs, lambda b: b.kim_id, lambda b: Bukti(b.judul, _URL_BERITA(b.id, b.slug))))


def potensi_terbit(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    """Village potentials of the KIM published or confirmed as current in the month."""
    qs = (
        Potensi.objects.terbit()
        .filter(kim__in=kims, dikonfirmasi_pada__gte=periode.waktu_awal, dikonfirmasi_pada__lt=periode.waktu_akhir)
        .values_list("id", "kim_id", "nama", "slug", named=True)
    )
    return dari_bukti(kims, kelompokkan(qs, lambda p: p.kim_id, lambda p: Bukti(p.nama, _URL_POTENSI(p.id, p.slug))))


def _penerimaan(kims: Sequence[Kim], periode: Periode):
    return (
        Penerimaan.objects.filter(
            kim__in=kims, siaran__dikirim_pada__gte=periode.waktu_awal, siaran__dikirim_pada__lt=periode.waktu_akhir
        )
        .order_by("siaran__dikirim_pada")
        .annotate(judul=F("siaran__judul"), dikirim_pada=F("siaran__dikirim_pada"))
        .values_list("kim_id", "siaran_id", "status", "diteruskan_pada", "judul", "dikirim_pada", named=True)
    )


def _bagian(kims: Sequence[Kim], periode: Periode, dihitung) -> dict[int, Hasil]:
    """The share of the month's siaran to each KIM for which `dihitung(penerimaan)` holds; None (does not
    apply) for a KIM that was sent none. The evidence lists every siaran with what the KIM did."""
    per_kim: dict[int, list] = {}
    for p in _penerimaan(kims, periode):
        per_kim.setdefault(p.kim_id, []).append(p)
    out = {}
    status = {v: str(label) for v, label in StatusPenerimaan.choices}  # translated once, not per row
    for k in kims:
        daftar = per_kim.get(k.pk, [])
        if not daftar:
            out[k.pk] = Hasil(None, keterangan=str(_("Tidak ada siaran bulan ini.")))
            continue
        ya = [p for p in daftar if dihitung(p)]
        bukti = [Bukti(f"{p.judul} — {status[p.status]}", _URL_SIARAN(p.siaran_id)) for p in daftar]
        ket = _("%(n)s dari %(m)s siaran") % {"n": len(ya), "m": len(daftar)}
        out[k.pk] = Hasil(round(len(ya) / len(daftar), 3), bukti, str(ket))
    return out


def siaran_diteruskan(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    return _bagian(kims, periode, lambda p: p.status == StatusPenerimaan.DITERUSKAN)


def siaran_cepat(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    return _bagian(
        kims,
        periode,
        lambda p: p.diteruskan_pada is not None and p.diteruskan_pada - p.dikirim_pada <= TERUSKAN_CEPAT,
    )


_KOLOM_KOMENTAR = ("id", "wilayah_id", "nama", "isi", "content_type_id", "object_id")


def _komentar(kims: Sequence[Kim], periode: Periode):
    """Shown comments written in the month on anything of the KIM's village (news, potentials …)."""
    kim_desa = {k.wilayah_id: k.pk for k in kims}
    qs = Komentar.objects.tampil().filter(
        wilayah_id__in=list(kim_desa), dibuat__gte=periode.waktu_awal, dibuat__lt=periode.waktu_akhir
    )
    return kim_desa, qs


def _url_objek(baris: list) -> dict[tuple[int, int], str]:
    """The page of each comment's object, by (content type, object id): news and potentials from their id and
    slug (one query each), anything else from its own get_absolute_url."""
    per_jenis: dict[int, set[int]] = {}
    for k in baris:
        per_jenis.setdefault(k.content_type_id, set()).add(k.object_id)
    out: dict[tuple[int, int], str] = {}
    for ct_id, ids in per_jenis.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is Berita or model is Potensi:
            pola = _URL_BERITA if model is Berita else _URL_POTENSI
            for pk, slug in model.objects.filter(pk__in=ids).values_list("pk", "slug"):
                out[ct_id, pk] = pola(pk, slug)
        elif model is not None:
            for pk, obj in model._base_manager.in_bulk(list(ids)).items():
                url = getattr(obj, "get_absolute_url", None)
                out[ct_id, pk] = url() if url else ""
    return out


def _bukti_komentar(k, url: dict[tuple[int, int], str]) -> Bukti:
    """The comment where it stands on its page (as Komentar.get_absolute_url, without a reverse() per comment)."""
    return Bukti(f"{k.nama}: {k.isi[:80]}", f"{url.get((k.content_type_id, k.object_id), '')}#komentar-{k.id}")


def komentar(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    kim_desa, qs = _komentar(kims, periode)
    baris = list(qs.order_by("dibuat").values_list(*_KOLOM_KOMENTAR, named=True))
    url = _url_objek(baris)
    return dari_bukti(kims, kelompokkan(baris, lambda k: kim_desa[k.wilayah_id], lambda k: _bukti_komentar(k, url)))


def komentar_dijawab(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    """The share of the month's top-level comments that got a shown reply (None when there were none)."""
    kim_desa, qs = _komentar(kims, periode)
    dijawab = Komentar.objects.tampil().filter(parent=OuterRef("pk"))
    baris = list(
        qs.filter(parent__isnull=True)
        .annotate(dijawab=Exists(dijawab))
        .order_by("dibuat")
        .values_list(*_KOLOM_KOMENTAR, "dijawab", named=True)
    )
    url = _url_objek([k for k in baris if k.dijawab])
    per_kim: dict[int, list] = {}
    for k in baris:
        per_kim.setdefault(kim_desa[k.wilayah_id], []).append(k)
    out = {}
    for kim in kims:
        daftar = per_kim.get(kim.pk, [])
        if not daftar:
            out[kim.pk] = Hasil(None, keterangan=str(_("Tidak ada komentar warga bulan ini.")))
            continue
        ya = [k for k in daftar if k.dijawab]  # type: ignore[attr-defined]
        ket = _("%(n)s dari %(m)s komentar dibalas") % {"n": len(ya), "m": len(daftar)}
        out[kim.pk] = Hasil(round(len(ya) / len(daftar), 3), [_bukti_komentar(k, url) for k in ya], str(ket))
    return out


def daftarkan_semua() -> None:
    for ind in (
        Indikator("informasi.berita", Sumbu.INFORMASI, _("Berita terverifikasi yang terbit"), 4, berita_terbit),
        Indikator("informasi.potensi", Sumbu.INFORMASI, _("Potensi desa terbit atau dikonfirmasi"), 1, potensi_terbit),
        Indikator(
            "diseminasi.siaran_diteruskan",
            Sumbu.DISEMINASI,
            _("Bagian siaran yang diteruskan ke warga (0–1)"),
            1,
            siaran_diteruskan,
        ),
        Indikator(
            "diseminasi.siaran_cepat", Sumbu.DISEMINASI, _("Bagian siaran yang diteruskan dalam 24 jam (0–1)"), 1, siaran_cepat
        ),
        Indikator("diskusi.komentar", Sumbu.DISKUSI, _("Komentar warga tentang desa"), 5, komentar),
        Indikator("diskusi.dijawab", Sumbu.DISKUSI, _("Bagian komentar warga yang dibalas (0–1)"), 1, komentar_dijawab),
    ):
        daftarkan(ind)
