"""Who a user is and where they may act: the scope primitives every module's `akses.py` builds on.

A user has one role; scope comes from the region tree. An admin (and the verifikator) covers the whole
kabupaten; a kecamatan operator one kecamatan (its villages and a kecamatan-level KIM); a village
government, KIM pengurus or member one village (or, for a kecamatan-level KIM, that kecamatan).

This module knows regions and roles only. The rules for each kind of object (a KIM, a news item, a
claim, a comment, a siaran …) live in the `akses.py` of the app that owns it; every view fetches its
object through those, and anything outside the user's scope is answered with 404 (never 403), so its
existence is not revealed either.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from akun.models import Peran, User
from wilayah.models import Level, Wilayah

# Roles that act inside a region of the kabupaten (and see the management pages of their scope).
PERAN_BERWILAYAH = frozenset({Peran.ADMIN, Peran.OPERATOR, Peran.PEMDES, Peran.PENGURUS, Peran.ANGGOTA})


def aktif(user: Any) -> bool:
    """Signed in with an account that has not been switched off."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def berperan(user: Any, *peran: str) -> bool:
    """Active and holding one of these roles."""
    return aktif(user) and user.peran in peran


def is_admin(user: Any) -> bool:
    return berperan(user, Peran.ADMIN)


def wilayah_cakupan(user: Any) -> QuerySet[Wilayah]:
    """The kecamatan and villages of the kabupaten inside the user's scope (none for roles without one)."""
    qs = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level__in=[Level.KECAMATAN, Level.DESA])
    if not aktif(user) or user.peran not in PERAN_BERWILAYAH:
        return qs.none()
    if user.peran == Peran.ADMIN:
        return qs
    if user.wilayah_id is None:
        return qs.none()
    if user.peran == Peran.OPERATOR:
        return qs.filter(Q(kode=user.wilayah_id) | Q(parent_id=user.wilayah_id))
    return qs.filter(kode=user.wilayah_id)


def dalam_cakupan(user: Any, wilayah: Wilayah | None) -> bool:
    """Whether this kecamatan or village is inside the user's scope (the same rule as `wilayah_cakupan`)."""
    if wilayah is None or not aktif(user) or user.peran not in PERAN_BERWILAYAH:
        return False
    if wilayah.kabupaten_kode != settings.JEMBATAN_KABUPATEN or wilayah.level not in (Level.KECAMATAN, Level.DESA):
        return False
    if user.peran == Peran.ADMIN:
        return True
    if user.wilayah_id is None:
        return False
    if user.peran == Peran.OPERATOR:
        return user.wilayah_id in (wilayah.kode, wilayah.parent_id)
    return bool(user.wilayah_id == wilayah.kode)


def wilayah_konten(user: Any) -> QuerySet[Wilayah]:
    """Regions a user may publish content about (news, and later potentials or programs): the kabupaten
    itself and everything in it for Diskominfo, else the user's own scope."""
    qs = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, berlaku=True)
    if not aktif(user) or user.peran not in PERAN_BERWILAYAH:
        return qs.none()
    if user.peran == Peran.ADMIN:
        return qs | Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN)
    if user.wilayah_id is None:
        return qs.none()
    if user.peran == Peran.OPERATOR:
        return qs.filter(Q(kode=user.wilayah_id) | Q(parent_id=user.wilayah_id))
    return qs.filter(kode=user.wilayah_id)


def wilayah_objek(obj: Any) -> Wilayah | None:
    """The region an object belongs to: itself when it is one, else its `wilayah`."""
    if isinstance(obj, Wilayah):
        return obj
    wilayah = getattr(obj, "wilayah", None)
    return wilayah if isinstance(wilayah, Wilayah) else None


def wajib(predikat: bool) -> None:
    """Raise 404 unless `predikat` holds (for pages that belong to a role rather than to an object)."""
    if not predikat:
        raise Http404("Halaman tidak ditemukan.")


def get_wilayah_dalam_cakupan(request: HttpRequest, kode: str) -> Wilayah:
    """A kecamatan or village inside the user's scope, or 404."""
    wilayah = Wilayah.objects.select_related("parent").filter(kode=kode).first()
    if wilayah is None or not dalam_cakupan(request.user, wilayah):
        raise Http404("Wilayah tidak ditemukan dalam cakupan Anda.")
    return wilayah


# --- What belongs to akun itself: accounts and the audit trail ----------------------------------------


def boleh_kelola_pengguna(user: Any) -> bool:
    """Invite users and set their role and scope: Diskominfo only."""
    return is_admin(user)


def boleh_lihat_audit(user: Any) -> bool:
    return is_admin(user)


def get_pengguna_untuk_admin(request: HttpRequest, pk: int) -> User:
    user = User.objects.filter(pk=pk).first() if boleh_kelola_pengguna(request.user) else None
    if user is None:
        raise Http404("Akun tidak ditemukan.")
    return user
