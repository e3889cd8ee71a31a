"""Who may add, review and confirm potensi (built on akun's scope primitives).

Writers are those who write news: a KIM's members and pengurus, the village government, the kecamatan
operator and Diskominfo, each for the villages in their scope. Reviewers approve, return and confirm the
items of a village: its KIM's pengurus, its government, the operator of its kecamatan, Diskominfo everywhere.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from akun.akses import PERAN_BERWILAYAH, aktif, berperan, dalam_cakupan, is_admin, wilayah_cakupan, wilayah_konten
from akun.models import Peran
from potensi.models import Potensi, Status
from wilayah.models import Level, Wilayah

PERAN_PEMERIKSA = frozenset({Peran.ADMIN, Peran.OPERATOR, Peran.PEMDES, Peran.PENGURUS})


def boleh_menulis(user: Any) -> bool:
    """Add items at all: Diskominfo and everyone who belongs to a village, kecamatan or KIM."""
    return aktif(user) and user.peran in PERAN_BERWILAYAH and (user.peran == Peran.ADMIN or user.wilayah_id is not None)


def desa_untuk_penulis(user: Any) -> QuerySet[Wilayah]:
    """The villages this user may add items for (a potensi always belongs to one desa or kelurahan)."""
    return wilayah_konten(user).filter(level=Level.DESA)


def boleh_memeriksa(user: Any) -> bool:
    """Whether the user reviews anyone's items at all (the review queue is theirs)."""
    return berperan(user, *PERAN_PEMERIKSA) and (is_admin(user) or user.wilayah_id is not None)


def boleh_setujui(user: Any, potensi: Potensi) -> bool:
    """Approve, return and confirm this item: a reviewer whose scope holds its village."""
    return berperan(user, *PERAN_PEMERIKSA) and dalam_cakupan(user, potensi.wilayah)


def potensi_untuk_diperiksa(user: Any) -> QuerySet[Potensi]:
    """Submitted items this user may review (the same rule as `boleh_setujui`, as one query)."""
    qs = Potensi.objects.filter(status=Status.DIAJUKAN)
    if is_admin(user):
        return qs
    if not boleh_memeriksa(user):
        return qs.none()
    return qs.filter(wilayah__in=wilayah_cakupan(user))


def boleh_ubah(user: Any, potensi: Potensi) -> bool:
    """Its writer while it is a draft or returned (and the village still in their scope); a reviewer at any stage."""
    sendiri = (
        potensi.penulis_id == user.pk
        and potensi.status in (Status.DRAF, Status.DIKEMBALIKAN)
        and boleh_menulis(user)
        and dalam_cakupan(user, potensi.wilayah)
    )
    return sendiri or boleh_setujui(user, potensi)


def boleh_lihat(user: Any, potensi: Potensi) -> bool:
    """Its writer at every stage (a submitted item stays readable to them), and those who may change it."""
    return (potensi.penulis_id == user.pk and boleh_menulis(user)) or boleh_ubah(user, potensi)


# --- Fetch-or-404: the functions views call ------------------------------------------------------------


def _potensi(pk: int) -> Potensi | None:
    return Potensi.objects.select_related("wilayah__parent", "kim", "jenis", "penulis").filter(pk=pk).first()


def get_potensi_untuk_penulis(request: HttpRequest, pk: int) -> Potensi:
    """An item its writer may still change (draft or returned), or one a reviewer may change."""
    potensi = _potensi(pk)
    if potensi is None or not boleh_ubah(request.user, potensi):
        raise Http404("Potensi tidak ditemukan.")
    return potensi


def get_potensi_untuk_pembaca(request: HttpRequest, pk: int) -> Potensi:
    """An item as its writer sees it at any stage, or as a reviewer sees it."""
    potensi = _potensi(pk)
    if potensi is None or not boleh_lihat(request.user, potensi):
        raise Http404("Potensi tidak ditemukan.")
    return potensi


def get_potensi_untuk_pemeriksa(request: HttpRequest, pk: int) -> Potensi:
    potensi = _potensi(pk)
    if potensi is None or not boleh_setujui(request.user, potensi):
        raise Http404("Potensi tidak ditemukan.")
    return potensi


def desa_untuk_impor(user: Any) -> QuerySet[Wilayah]:
    """The villages whose products this user may import from OpenSID: a reviewer's villages (the import fills
    a village's catalogue at once, so it is for those who answer for it, not for every writer)."""
    if not boleh_memeriksa(user):
        return Wilayah.objects.none()
    return wilayah_cakupan(user).filter(level=Level.DESA)
