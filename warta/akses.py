"""Who may write, check and publish news (built on akun's scope primitives and kim's publishing permission)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from akun.akses import PERAN_BERWILAYAH, aktif, berperan, is_admin
from akun.models import Peran
from kim.akses import kim_terbit_sendiri
from warta.models import Berita, Status


def boleh_menulis(user: Any) -> bool:
    """Write news drafts: Diskominfo and everyone who belongs to a village, kecamatan or KIM."""
    return aktif(user) and user.peran in PERAN_BERWILAYAH and (user.peran == Peran.ADMIN or user.wilayah_id is not None)


def boleh_terbitkan(user: Any, berita: Berita) -> bool:
    """Check and publish an item: Diskominfo everywhere; a KIM's pengurus for their own village's items
    when Diskominfo has allowed that KIM to publish by itself."""
    if is_admin(user):
        return True
    if not berperan(user, Peran.PENGURUS) or user.wilayah_id != berita.wilayah_id:
        return False
    return kim_terbit_sendiri(user)


def boleh_memeriksa(user: Any) -> bool:
    """Whether the user checks anyone's news at all (the editors' queue is theirs)."""
    return is_admin(user) or (berperan(user, Peran.PENGURUS) and kim_terbit_sendiri(user))


def berita_untuk_diperiksa(user: Any) -> QuerySet[Berita]:
    """Submitted items this user may check."""
    qs = Berita.objects.filter(status=Status.DIAJUKAN)
    if is_admin(user):
        return qs
    if berperan(user, Peran.PENGURUS) and kim_terbit_sendiri(user):
        return qs.filter(wilayah_id=user.wilayah_id)
    return qs.none()


def boleh_ubah(user: Any, berita: Berita) -> bool:
    """Its writer while it is a draft or returned; an editor who may publish it, at any stage."""
    sendiri = berita.penulis_id == user.pk and berita.status in (Status.DRAF, Status.DIKEMBALIKAN)
    return (sendiri and boleh_menulis(user)) or boleh_terbitkan(user, berita)


def boleh_lihat(user: Any, berita: Berita) -> bool:
    """Its writer, at every stage (a submitted item stays readable to them), and those who may edit it."""
    return (berita.penulis_id == user.pk and boleh_menulis(user)) or boleh_ubah(user, berita)


# --- Fetch-or-404: the functions views call ------------------------------------------------------------


def _berita(pk: int) -> Berita | None:
    return Berita.objects.select_related("wilayah", "kim", "penulis").filter(pk=pk).first()


def get_berita_untuk_penulis(request: HttpRequest, pk: int) -> Berita:
    """An item its author may still edit (draft or returned), or one an editor may edit."""
    berita = _berita(pk)
    if berita is None or not boleh_ubah(request.user, berita):
        raise Http404("Berita tidak ditemukan.")
    return berita


def get_berita_untuk_pembaca(request: HttpRequest, pk: int) -> Berita:
    """An item as its writer sees it at any stage (the page after 'Ajukan'), or as an editor sees it."""
    berita = _berita(pk)
    if berita is None or not boleh_lihat(request.user, berita):
        raise Http404("Berita tidak ditemukan.")
    return berita


def get_berita_untuk_editor(request: HttpRequest, pk: int) -> Berita:
    berita = _berita(pk)
    if berita is None or not boleh_terbitkan(request.user, berita):
        raise Http404("Berita tidak ditemukan.")
    return berita
