"""Who answers and who follows information requests and objections (built on akun's scope primitives).

A village's PPID is its government (role pemdes): it answers the village's requests and, as the kepala desa is
atasan PPID (Perki 1/2018), its objections too. PPID Utama at Diskominfo (admin) answers for the regency's own
offices and follows every village; a kecamatan operator follows the villages of their kecamatan. Anyone asks;
the requester follows their request with its tracking code, which is the only key to it outside the PPID.

A PPID Pembantu account (role pembantu) answers only the requests PPID Utama forwarded to its unit(s), and
reads only those and its units' registers and figures; every other PPID page is 404 to it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from akun.akses import berperan, dalam_cakupan, is_admin, wilayah_cakupan
from akun.models import Peran
from ppid.models import (
    Informasi,
    Kategori,
    Keberatan,
    KeberatanQuerySet,
    Lampiran,
    Permohonan,
    PermohonanQuerySet,
    PpidPembantu,
    badan_publik_qs,
    is_badan_publik,
    is_kabupaten,
)
from wilayah.models import Level, Wilayah


def _ppid_desa(user: Any, wilayah: Wilayah) -> bool:
    return berperan(user, Peran.PEMDES) and wilayah.level == Level.DESA and dalam_cakupan(user, wilayah)


def unit_pembantu(user: Any) -> frozenset[int]:
    """The PPID Pembantu units this account serves (none unless its role is PPID Pembantu); read once per request."""
    if not berperan(user, Peran.PPID_PEMBANTU):
        return frozenset()
    unit = getattr(user, "_unit_pembantu", None)
    if unit is None:
        unit = frozenset(user.ppid_pembantu.filter(aktif=True).values_list("pk", flat=True))
        user._unit_pembantu = unit
    return unit


def boleh_jawab_permohonan(user: Any, p: Permohonan) -> bool:
    """Answer (extend, give the notice of) this request: its badan publik's PPID, or the PPID Pembantu it was
    forwarded to."""
    return boleh_jawab(user, p.wilayah) or (p.pembantu_id is not None and p.pembantu_id in unit_pembantu(user))


def boleh_ikuti_permohonan(user: Any, p: Permohonan) -> bool:
    return boleh_ikuti(user, p.wilayah) or (p.pembantu_id is not None and p.pembantu_id in unit_pembantu(user))


def boleh_ikuti_pembantu(user: Any, pembantu: PpidPembantu) -> bool:
    """The registers and figures of a PPID Pembantu: PPID Utama (Diskominfo) and the unit's own accounts."""
    return is_admin(user) or pembantu.pk in unit_pembantu(user)


def boleh_susun_laporan_pembantu(user: Any, pembantu: PpidPembantu) -> bool:
    """Write a PPID Pembantu's own words in its yearly report: the unit's accounts, and PPID Utama."""
    return boleh_ikuti_pembantu(user, pembantu)


def boleh_jawab(user: Any, wilayah: Wilayah) -> bool:
    """Answer the requests (and, as atasan PPID, the objections) of this badan publik: the village's own
    government, or Diskominfo for the regency."""
    if not is_badan_publik(wilayah):
        return False
    if is_kabupaten(wilayah):
        return is_admin(user)
    return _ppid_desa(user, wilayah)


def boleh_ikuti(user: Any, wilayah: Wilayah) -> bool:
    """Read the requests and registers of this badan publik: those who answer them, Diskominfo everywhere,
    and the kecamatan operator for their villages."""
    if not is_badan_publik(wilayah):
        return False
    if is_admin(user) or boleh_jawab(user, wilayah):
        return True
    return berperan(user, Peran.OPERATOR) and wilayah.level == Level.DESA and dalam_cakupan(user, wilayah)


def badan_diikuti(user: Any) -> QuerySet[Wilayah]:
    """The badan publik whose requests this user reads (the same rule as `boleh_ikuti`, as one query)."""
    qs = badan_publik_qs()
    if is_admin(user):
        return qs
    if berperan(user, Peran.PEMDES, Peran.OPERATOR):
        return qs.filter(level=Level.DESA, kode__in=wilayah_cakupan(user).values("kode"))
    return qs.none()


def boleh_buka_meja(user: Any) -> bool:
    """The PPID desk at all: whoever follows at least one badan publik, or serves a PPID Pembantu."""
    return (
        is_admin(user)
        or (berperan(user, Peran.PEMDES, Peran.OPERATOR) and user.wilayah_id is not None)
        or bool(unit_pembantu(user))
    )


def permohonan_diikuti(user: Any) -> PermohonanQuerySet:
    if is_admin(user):
        return Permohonan.objects.all()
    if berperan(user, Peran.PPID_PEMBANTU):
        return Permohonan.objects.filter(pembantu__in=unit_pembantu(user))
    return Permohonan.objects.filter(wilayah__in=badan_diikuti(user))


def keberatan_diikuti(user: Any) -> KeberatanQuerySet:
    if is_admin(user):
        return Keberatan.objects.all()
    if berperan(user, Peran.PPID_PEMBANTU):
        return Keberatan.objects.filter(permohonan__pembantu__in=unit_pembantu(user))
    return Keberatan.objects.filter(permohonan__wilayah__in=badan_diikuti(user))


def boleh_bantu(user: Any, wilayah: Wilayah) -> bool:
    """Enter a request on behalf of a villager (recorded as assisted): a KIM's pengurus or member, for their
    village or for the regency."""
    if not berperan(user, Peran.PENGURUS, Peran.ANGGOTA) or user.wilayah_id is None:
        return False
    return is_kabupaten(wilayah) or dalam_cakupan(user, wilayah)


# --- Fetch-or-404: the functions views call ------------------------------------------------------------


def get_badan_publik(kode: str) -> Wilayah:
    """A badan publik served here (the regency or one of its villages), for the public pages."""
    wilayah = Wilayah.objects.select_related("parent").filter(kode=kode).first()
    if wilayah is None or not is_badan_publik(wilayah) or (wilayah.level == Level.DESA and not wilayah.berlaku):
        raise Http404("Badan publik tidak ditemukan.")
    return wilayah


def get_badan_untuk_pengikut(request: HttpRequest, kode: str) -> Wilayah:
    wilayah = Wilayah.objects.select_related("parent").filter(kode=kode).first()
    if wilayah is None or not boleh_ikuti(request.user, wilayah):
        raise Http404("Badan publik tidak ditemukan dalam cakupan Anda.")
    return wilayah


def _permohonan(pk: int) -> Permohonan | None:
    return Permohonan.objects.select_related("wilayah__parent", "dibantu_oleh", "dijawab_oleh", "pembantu").filter(pk=pk).first()


def get_permohonan_untuk_pengikut(request: HttpRequest, pk: int) -> Permohonan:
    p = _permohonan(pk)
    if p is None or not boleh_ikuti_permohonan(request.user, p):
        raise Http404("Permohonan tidak ditemukan.")
    return p


def get_permohonan_untuk_ppid(request: HttpRequest, pk: int) -> Permohonan:
    p = _permohonan(pk)
    if p is None or not boleh_jawab_permohonan(request.user, p):
        raise Http404("Permohonan tidak ditemukan.")
    return p


def get_permohonan_untuk_utama(request: HttpRequest, pk: int) -> Permohonan:
    """A request to the regency, for PPID Utama (who forwards it to a PPID Pembantu)."""
    p = _permohonan(pk)
    if p is None or not is_kabupaten(p.wilayah) or not boleh_jawab(request.user, p.wilayah):
        raise Http404("Permohonan tidak ditemukan.")
    return p


def get_pembantu_untuk_pengikut(request: HttpRequest, pk: int) -> PpidPembantu:
    pembantu = PpidPembantu.objects.filter(pk=pk).first()
    if pembantu is None or not boleh_ikuti_pembantu(request.user, pembantu):
        raise Http404("PPID Pembantu tidak ditemukan.")
    return pembantu


def get_permohonan_lacak(kode: str) -> Permohonan:
    """The requester's own request, by its tracking code (case and spaces forgiven)."""
    p = Permohonan.objects.select_related("wilayah__parent", "pembantu").filter(kode="".join(kode.split()).upper()).first()
    if p is None:
        raise Http404("Kode pelacakan tidak ditemukan.")
    return p


def get_lampiran_lacak(kode: str, rahasia: str) -> Lampiran:
    """A file of the answer, for the requester: their tracking code and the file's own secret must both match."""
    lampiran = (
        Lampiran.objects.select_related("permohonan")
        .filter(rahasia=rahasia, permohonan__kode="".join(kode.split()).upper())
        .first()
    )
    if lampiran is None:
        raise Http404("Berkas tidak ditemukan.")
    return lampiran


def get_lampiran_untuk_pengikut(request: HttpRequest, pk: int, lampiran_pk: int) -> Lampiran:
    lampiran = Lampiran.objects.select_related("permohonan__wilayah").filter(pk=lampiran_pk, permohonan_id=pk).first()
    if lampiran is None or not boleh_ikuti_permohonan(request.user, lampiran.permohonan):
        raise Http404("Berkas tidak ditemukan.")
    return lampiran


def get_berkas_informasi(request: HttpRequest, pk: int) -> Informasi:
    """The file of a DIP entry: anyone's for the public categories of a badan publik served here; an excluded
    entry's file only for its PPID."""
    informasi = Informasi.objects.select_related("wilayah").filter(pk=pk).exclude(berkas="").first()
    if informasi is None or not is_badan_publik(informasi.wilayah):
        raise Http404("Berkas tidak ditemukan.")
    if informasi.kategori == Kategori.DIKECUALIKAN and not boleh_jawab(request.user, informasi.wilayah):
        raise Http404("Berkas tidak ditemukan.")
    return informasi


def get_keberatan_untuk_atasan(request: HttpRequest, pk: int) -> Keberatan:
    k = Keberatan.objects.select_related("permohonan__wilayah__parent").filter(pk=pk).first()
    if k is None or not boleh_jawab(request.user, k.permohonan.wilayah):
        raise Http404("Keberatan tidak ditemukan.")
    return k


def get_badan_untuk_ppid(request: HttpRequest, kode: str) -> Wilayah:
    """A badan publik whose list of public information this user keeps (its PPID)."""
    wilayah = Wilayah.objects.select_related("parent").filter(kode=kode).first()
    if wilayah is None or not boleh_jawab(request.user, wilayah):
        raise Http404("Badan publik tidak ditemukan dalam cakupan Anda.")
    return wilayah


def get_informasi_untuk_ppid(request: HttpRequest, pk: int) -> Informasi:
    informasi = Informasi.objects.select_related("wilayah__parent").filter(pk=pk).first()
    if informasi is None or not boleh_jawab(request.user, informasi.wilayah):
        raise Http404("Informasi tidak ditemukan.")
    return informasi
