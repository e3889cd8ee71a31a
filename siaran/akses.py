"""Who sends, reads and acknowledges siaran (built on akun's scope primitives and kim's membership rules)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from akun.akses import aktif, berperan, is_admin
from akun.models import Peran
from kim.akses import kim_pengguna, kim_pengurus
from siaran.models import Lampiran, Penerimaan, PenerimaanQuerySet, Siaran


def boleh_kirim_siaran(user: Any) -> bool:
    """Send siaran and reminders: Diskominfo only."""
    return is_admin(user)


def boleh_lihat_tabel_siaran(user: Any) -> bool:
    """See the state of every targeted KIM: Diskominfo for all, a kecamatan operator for their kecamatan (read-only)."""
    return is_admin(user) or (berperan(user, Peran.OPERATOR) and user.wilayah_id is not None)


def penerimaan_untuk_pembaca(user: Any) -> PenerimaanQuerySet:
    """The per-KIM copies of siaran a user may see: all for Diskominfo, the KIM of their kecamatan for
    an operator, their own KIM for its pengurus and members; nothing for anyone else."""
    qs = Penerimaan.objects.all()
    if is_admin(user):
        return qs
    if not aktif(user):
        return qs.none()
    if user.peran == Peran.OPERATOR:
        if user.wilayah_id is None:
            return qs.none()
        return qs.filter(Q(kim__wilayah__parent_id=user.wilayah_id) | Q(kim__wilayah_id=user.wilayah_id))
    return qs.filter(kim__in=kim_pengguna(user))


def siaran_untuk_pembaca(user: Any) -> QuerySet[Siaran]:
    if is_admin(user):
        return Siaran.objects.all()
    return Siaran.objects.filter(pk__in=penerimaan_untuk_pembaca(user).values("siaran_id"))


def penerimaan_untuk_pengurus(user: Any) -> QuerySet[Penerimaan]:
    """The copies this user may mark received and passed on: those of the KIM they serve as pengurus."""
    return Penerimaan.objects.filter(kim__in=kim_pengurus(user))


# --- Fetch-or-404: the functions views call ------------------------------------------------------------


def get_siaran_untuk_pembaca(request: HttpRequest, pk: int) -> Siaran:
    siaran = siaran_untuk_pembaca(request.user).select_related("dikirim_oleh").filter(pk=pk).first()
    if siaran is None:
        raise Http404("Siaran tidak ditemukan.")
    return siaran


def get_penerimaan_untuk_kim(request: HttpRequest, pk: int) -> Penerimaan:
    """A KIM's copy of a siaran, for a pengurus of that KIM to mark received or passed on."""
    penerimaan = penerimaan_untuk_pengurus(request.user).select_related("siaran", "kim__wilayah").filter(pk=pk).first()
    if penerimaan is None:
        raise Http404("Siaran tidak ditemukan.")
    return penerimaan


def get_lampiran_untuk_pembaca(request: HttpRequest, pk: int) -> Lampiran:
    lampiran = Lampiran.objects.filter(pk=pk, siaran__in=siaran_untuk_pembaca(request.user)).first()
    if lampiran is None:
        raise Http404("Lampiran tidak ditemukan.")
    return lampiran
