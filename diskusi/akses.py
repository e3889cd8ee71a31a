"""Who moderates comments (built on akun's scope primitives).

A comment carries the region of the object it was written on (copied when written), so the rule reads
the same for every kind of commented object without importing the apps that own them."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from akun.akses import aktif, berperan, dalam_cakupan, is_admin, wilayah_cakupan, wilayah_objek
from akun.models import Peran
from diskusi.models import Komentar

# Roles that moderate comments on content carrying a region inside their scope.
PERAN_MODERATOR_WILAYAH = frozenset({Peran.OPERATOR, Peran.PEMDES, Peran.PENGURUS})
# Objects without a region that the verifikator moderates (fact-check verdicts), as app label and model.
OBJEK_VERIFIKATOR = ("cekfakta", "klaim")


def boleh_moderasi(user: Any, obj: Any) -> bool:
    """Moderate comments on `obj`: Diskominfo's admins everywhere; the verifikator on fact-check verdicts;
    a kecamatan operator, village government or KIM pengurus when the object's region is in their scope."""
    if is_admin(user):
        return True
    if obj is None or not aktif(user):
        return False
    if user.peran == Peran.VERIFIKATOR:
        return bool(obj._meta.label_lower == ".".join(OBJEK_VERIFIKATOR))
    return user.peran in PERAN_MODERATOR_WILAYAH and dalam_cakupan(user, wilayah_objek(obj))


def boleh_buka_antrean_komentar(user: Any) -> bool:
    return is_admin(user) or berperan(user, *PERAN_MODERATOR_WILAYAH, Peran.VERIFIKATOR)


def komentar_untuk_moderator(user: Any) -> QuerySet[Komentar]:
    """The comments `user` may moderate, as one query (the same rule as `boleh_moderasi`, read from the
    region copied onto each comment when it was written)."""
    qs = Komentar.objects.all()
    if is_admin(user):
        return qs
    if not boleh_buka_antrean_komentar(user):
        return qs.none()
    if user.peran == Peran.VERIFIKATOR:
        return qs.filter(content_type=ContentType.objects.get_by_natural_key(*OBJEK_VERIFIKATOR))
    return qs.filter(wilayah__in=wilayah_cakupan(user))


def get_komentar_untuk_moderator(request: HttpRequest, pk: int) -> Komentar:
    komentar = komentar_untuk_moderator(request.user).filter(pk=pk).first()
    # Both the listing rule and the live object must agree (the object's region may have changed).
    if komentar is None or not (is_admin(request.user) or boleh_moderasi(request.user, komentar.objek)):
        raise Http404("Komentar tidak ditemukan dalam cakupan Anda.")
    return komentar
