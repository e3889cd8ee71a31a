"""Who may see and change a KIM, its formation pipeline and its pengurus (built on akun's scope primitives)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from akun.akses import aktif, berperan, dalam_cakupan, get_wilayah_dalam_cakupan, is_admin
from akun.models import Peran
from kim.models import Jabatan, Kim, Pengurus, Tahap
from wilayah.models import Wilayah

# Roles that manage KIM (profile, pengurus, documents) inside their scope; members only read.
PERAN_PENGELOLA = frozenset({Peran.ADMIN, Peran.OPERATOR, Peran.PEMDES, Peran.PENGURUS})
# Pipeline steps each role may record. Registration at Diskominfo, activation and dissolution are
# Diskominfo's decisions; village governments and kecamatan operators record the steps they lead, up to
# the SK they issue.
TAHAP_PER_PERAN: dict[str, frozenset[str]] = {
    Peran.ADMIN: frozenset(Tahap.values) - {Tahap.BELUM_ADA},
    Peran.OPERATOR: frozenset({Tahap.SOSIALISASI, Tahap.MUSYAWARAH, Tahap.SK_TERBIT}),
    Peran.PEMDES: frozenset({Tahap.SOSIALISASI, Tahap.MUSYAWARAH, Tahap.SK_TERBIT}),
}


def boleh_kelola_kim(user: Any, wilayah: Wilayah) -> bool:
    """Edit the KIM profile, pengurus, members and documents of this region."""
    return dalam_cakupan(user, wilayah) and user.peran in PERAN_PENGELOLA


def tahap_yang_boleh(user: Any, wilayah: Wilayah) -> frozenset[str]:
    """The pipeline steps this user may record for this region (empty: none)."""
    if not dalam_cakupan(user, wilayah):
        return frozenset()
    return TAHAP_PER_PERAN.get(user.peran, frozenset())


def boleh_ubah_kimid(user: Any) -> bool:
    """The national KIM.id number is recorded by Diskominfo when it registers the KIM."""
    return is_admin(user)


def boleh_atur_target(user: Any) -> bool:
    return is_admin(user)


def boleh_lihat_data_pribadi(user: Any, wilayah: Wilayah) -> bool:
    """NIK, phone and address of pengurus: only for those who manage the KIM."""
    return boleh_kelola_kim(user, wilayah)


def kim_terbit_sendiri(user: Any) -> bool:
    """Whether Diskominfo lets the KIM of this user's village publish its own news."""
    return Kim.objects.filter(wilayah_id=user.wilayah_id, boleh_terbit_sendiri=True).exists()


def _kim_lewat_pengurus(user: Any, *, tanpa_anggota: bool) -> QuerySet[Pengurus, Mapping[str, object]]:
    qs = Pengurus.objects.menjabat(timezone.localdate()).filter(user=user)
    return (qs.exclude(jabatan=Jabatan.ANGGOTA) if tanpa_anggota else qs).values("kim_id")


def kim_pengguna(user: Any) -> QuerySet[Kim]:
    """The KIM a user belongs to: the KIM of their village (or kecamatan) for the pengurus and anggota
    roles, and any KIM where a serving pengurus or member row is linked to their account."""
    if not aktif(user):
        return Kim.objects.none()
    q = Q(pk__in=_kim_lewat_pengurus(user, tanpa_anggota=False))
    if user.peran in (Peran.PENGURUS, Peran.ANGGOTA) and user.wilayah_id:
        q |= Q(wilayah_id=user.wilayah_id)
    return Kim.objects.filter(q)


def kim_pengurus(user: Any) -> QuerySet[Kim]:
    """The KIM this user serves as pengurus (not as a plain member): those who act for the KIM."""
    if not aktif(user):
        return Kim.objects.none()
    q = Q(pk__in=_kim_lewat_pengurus(user, tanpa_anggota=True))
    if berperan(user, Peran.PENGURUS) and user.wilayah_id:
        q |= Q(wilayah_id=user.wilayah_id)
    return Kim.objects.filter(q)


# --- Fetch-or-404: the functions views call ------------------------------------------------------------


def get_wilayah_untuk_pengelola(request: HttpRequest, kode: str) -> Wilayah:
    wilayah = get_wilayah_dalam_cakupan(request, kode)
    if not boleh_kelola_kim(request.user, wilayah):
        raise Http404("Wilayah tidak ditemukan dalam cakupan Anda.")
    return wilayah


def get_kim_untuk_editor(request: HttpRequest, kode: str) -> Kim:
    wilayah = get_wilayah_untuk_pengelola(request, kode)
    kim = Kim.objects.filter(wilayah=wilayah).first()
    if kim is None:
        raise Http404("Belum ada KIM di wilayah ini.")
    kim.wilayah = wilayah
    return kim


def get_pengurus_untuk_editor(request: HttpRequest, pk: int) -> Pengurus:
    pengurus = Pengurus.objects.select_related("kim__wilayah__parent").filter(pk=pk).first()
    if pengurus is None or not boleh_kelola_kim(request.user, pengurus.kim.wilayah):
        raise Http404("Data tidak ditemukan dalam cakupan Anda.")
    return pengurus
