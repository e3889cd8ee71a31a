"""The one place that decides what a user may see and change.

Every management view fetches its object through a function here; anything outside the
user's scope is answered with 404 (never 403), so its existence is not revealed either.

Scope comes from the region tree: an admin or verifikator covers the whole kabupaten, an
operator one kecamatan (its villages and a kecamatan-level KIM), a village government,
pengurus or member one village (or, for a kecamatan-level KIM, that kecamatan).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from akun.models import Peran
from kim.models import Kim, Pengurus, Tahap
from wilayah.models import Level, Wilayah

# Roles that manage KIM (profile, pengurus, documents) inside their scope.
PERAN_PENGELOLA = frozenset({Peran.ADMIN, Peran.OPERATOR, Peran.PEMDES, Peran.PENGURUS})
# Roles that see the management pages of their scope (members read their own KIM).
PERAN_PEMBACA = PERAN_PENGELOLA | {Peran.ANGGOTA}
# Pipeline steps each role may record. Registration at Diskominfo, activation and
# dissolution are Diskominfo's decisions; village governments and kecamatan operators
# record the steps they lead, up to the SK they issue.
TAHAP_PER_PERAN = {
    Peran.ADMIN: frozenset(Tahap.values) - {Tahap.BELUM_ADA},
    Peran.OPERATOR: frozenset({Tahap.SOSIALISASI, Tahap.MUSYAWARAH, Tahap.SK_TERBIT}),
    Peran.PEMDES: frozenset({Tahap.SOSIALISASI, Tahap.MUSYAWARAH, Tahap.SK_TERBIT}),
}


def _aktif(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_admin(user) -> bool:
    return _aktif(user) and user.peran == Peran.ADMIN


def wilayah_dikelola(user) -> QuerySet[Wilayah]:
    """Villages and kecamatan whose KIM pages the user may open in the management area."""
    qs = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level__in=[Level.KECAMATAN, Level.DESA])
    if not _aktif(user) or user.peran not in PERAN_PEMBACA:
        return qs.none()
    if user.peran == Peran.ADMIN:
        return qs
    if user.wilayah_id is None:
        return qs.none()
    if user.peran == Peran.OPERATOR:
        return qs.filter(Q(kode=user.wilayah_id) | Q(parent_id=user.wilayah_id))
    return qs.filter(kode=user.wilayah_id)


def dalam_cakupan(user, wilayah: Wilayah) -> bool:
    if not _aktif(user) or user.peran not in PERAN_PEMBACA:
        return False
    if wilayah.kabupaten_kode != settings.JEMBATAN_KABUPATEN or wilayah.level not in (Level.KECAMATAN, Level.DESA):
        return False
    if user.peran == Peran.ADMIN:
        return True
    if user.peran == Peran.OPERATOR:
        return user.wilayah_id is not None and user.wilayah_id in (wilayah.kode, wilayah.parent_id)
    return user.wilayah_id == wilayah.kode


def boleh_kelola_kim(user, wilayah: Wilayah) -> bool:
    """Edit the KIM profile, pengurus, members and documents of this region."""
    return dalam_cakupan(user, wilayah) and user.peran in PERAN_PENGELOLA


def tahap_yang_boleh(user, wilayah: Wilayah) -> frozenset[str]:
    if not dalam_cakupan(user, wilayah):
        return frozenset()
    return TAHAP_PER_PERAN.get(user.peran, frozenset())


def boleh_ubah_kimid(user) -> bool:
    """The national KIM.id number is recorded by Diskominfo when it registers the KIM."""
    return is_admin(user)


def boleh_kelola_pengguna(user) -> bool:
    return is_admin(user)


def boleh_atur_target(user) -> bool:
    return is_admin(user)


def boleh_lihat_audit(user) -> bool:
    return is_admin(user)


def boleh_lihat_data_pribadi(user, wilayah: Wilayah) -> bool:
    """NIK, phone and address of pengurus: only for those who manage the KIM."""
    return boleh_kelola_kim(user, wilayah)


# --- Fetch-or-404: the functions views call ---------------------------------------------------


def get_wilayah_untuk_pembaca(request: HttpRequest, kode: str) -> Wilayah:
    wilayah = Wilayah.objects.select_related("parent").filter(kode=kode).first()
    if wilayah is None or not dalam_cakupan(request.user, wilayah):
        raise Http404("Wilayah tidak ditemukan dalam cakupan Anda.")
    return wilayah


def get_wilayah_untuk_pengelola(request: HttpRequest, kode: str) -> Wilayah:
    wilayah = get_wilayah_untuk_pembaca(request, kode)
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


def wajib(predikat) -> None:
    """Raise 404 unless `predikat` holds (for whole-regency pages like users and targets)."""
    if not predikat:
        raise Http404("Halaman tidak ditemukan.")


# --- Verification desk ------------------------------------------------------------------------


def boleh_verifikasi(user) -> bool:
    """Work the claim queue and publish verdicts: Diskominfo's admins and the verifikator."""
    return _aktif(user) and user.peran in (Peran.ADMIN, Peran.VERIFIKATOR)


def get_klaim_untuk_verifikator(request: HttpRequest, pk: int):
    from cekfakta.models import Klaim

    klaim = Klaim.objects.filter(pk=pk).first() if boleh_verifikasi(request.user) else None
    if klaim is None:
        raise Http404("Klaim tidak ditemukan.")
    return klaim
