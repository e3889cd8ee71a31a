"""Who may handle aspirations, programs and polls (built on akun's scope primitives).

Anyone sends an aspiration; a KIM member, the village government, the kecamatan operator or Diskominfo may
enter one for a villager met offline (with their consent). Aspirations of a village are handled (verified,
forwarded, answered) by its KIM's pengurus, its government, the operator of its kecamatan and Diskominfo.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from akun.akses import PERAN_BERWILAYAH, berperan, dalam_cakupan, is_admin, wilayah_cakupan, wilayah_konten
from akun.models import Peran
from suarawarga.models import Aspirasi, AspirasiQuerySet, Jajak, Program
from wilayah.models import Level, Wilayah

PERAN_PENANGAN = frozenset({Peran.ADMIN, Peran.OPERATOR, Peran.PEMDES, Peran.PENGURUS})


def _berwilayah(user: Any, peran: frozenset[str]) -> bool:
    return berperan(user, *peran) and (is_admin(user) or user.wilayah_id is not None)


# --- Aspirasi ---------------------------------------------------------------------------------------------


def boleh_catat_untuk_warga(user: Any) -> bool:
    """Enter an aspiration on behalf of a villager: whoever belongs to a village, kecamatan or KIM, and Diskominfo."""
    return _berwilayah(user, PERAN_BERWILAYAH)


def desa_untuk_pencatat(user: Any) -> QuerySet[Wilayah]:
    """The villages a signed-in user may enter aspirations for on a villager's behalf."""
    return wilayah_konten(user).filter(level=Level.DESA)


def boleh_tangani_aspirasi(user: Any) -> bool:
    """Whether the user handles anyone's aspirations at all (the desk is theirs)."""
    return _berwilayah(user, PERAN_PENANGAN)


def boleh_tangani(user: Any, aspirasi: Aspirasi) -> bool:
    """Verify, forward, answer, refuse or merge this aspiration: a handler whose scope holds its village."""
    return berperan(user, *PERAN_PENANGAN) and dalam_cakupan(user, aspirasi.wilayah)


def aspirasi_untuk_penangan(user: Any) -> AspirasiQuerySet:
    """The aspirations this user handles (the same rule as `boleh_tangani`, as one query)."""
    qs = Aspirasi.objects.all()
    if is_admin(user):
        return qs
    if not boleh_tangani_aspirasi(user):
        return qs.none()
    return qs.filter(wilayah__in=wilayah_cakupan(user))


def get_aspirasi_untuk_penangan(request: HttpRequest, pk: int) -> Aspirasi:
    aspirasi = Aspirasi.objects.select_related("wilayah__parent", "induk", "dicatat_oleh").filter(pk=pk).first()
    if aspirasi is None or not boleh_tangani(request.user, aspirasi):
        raise Http404("Aspirasi tidak ditemukan.")
    return aspirasi


# --- Program pembangunan ----------------------------------------------------------------------------------

PERAN_PROGRAM = frozenset({Peran.ADMIN, Peran.OPERATOR, Peran.PEMDES})


def boleh_terbitkan_program(user: Any) -> bool:
    """Publish programs at all: Diskominfo, kecamatan operators and village governments."""
    return _berwilayah(user, PERAN_PROGRAM)


def wilayah_untuk_program(user: Any) -> QuerySet[Wilayah]:
    """Where this user may publish programs: the whole regency (Diskominfo), a kecamatan and its villages, a village."""
    return wilayah_konten(user).filter(level__in=[Level.KABUPATEN, Level.KECAMATAN, Level.DESA])


def desa_untuk_program_bersama(user: Any) -> QuerySet[Wilayah]:
    """The villages a publisher may add to a village program of theirs: any village of the regency for
    Diskominfo, else the villages of their kecamatan (programs shared by neighbouring villages, e.g. through
    the BKAD, are run by one of them)."""
    qs = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, berlaku=True, level=Level.DESA)
    if is_admin(user):
        return qs
    if not boleh_terbitkan_program(user):
        return qs.none()
    kecamatan = wilayah_cakupan(user).filter(level=Level.KECAMATAN).values("kode")
    desa = wilayah_cakupan(user).filter(level=Level.DESA).values("parent_id")
    return qs.filter(Q(parent_id__in=kecamatan) | Q(parent_id__in=desa))


def boleh_kelola_program(user: Any, program: Program) -> bool:
    """Change a program, its stage and its progress: its government, in scope (the regency's own: Diskominfo).

    A program of several villages: whoever's scope holds all of them (the kecamatan operator for villages of
    one kecamatan), or its owner — the account that published it, while its main village is still in their
    scope. The government of one of the other villages reads it like anyone else."""
    if not berperan(user, *PERAN_PROGRAM):
        return False
    if is_admin(user):
        return True
    if not dalam_cakupan(user, program.wilayah):
        return False
    return program.dibuat_oleh_id == user.pk or all(dalam_cakupan(user, w) for w in program.desa.all())


def program_untuk_pengelola(user: Any) -> QuerySet[Program]:
    """The programs this user may change (the same rule as `boleh_kelola_program`, as one query)."""
    qs = Program.objects.all()
    if is_admin(user):
        return qs
    if not boleh_terbitkan_program(user):
        return qs.none()
    cakupan = wilayah_cakupan(user)
    di_luar = Program.desa.through.objects.exclude(wilayah__in=cakupan).values("program_id")
    return qs.filter(wilayah__in=cakupan).filter(Q(dibuat_oleh=user) | ~Q(pk__in=di_luar))


def get_program_untuk_pengelola(request: HttpRequest, pk: int) -> Program:
    program = Program.objects.select_related("wilayah__parent").prefetch_related("desa").filter(pk=pk).first()
    if program is None or not boleh_kelola_program(request.user, program):
        raise Http404("Program tidak ditemukan.")
    return program


# --- Jajak pendapat ---------------------------------------------------------------------------------------

PERAN_JAJAK = frozenset({Peran.ADMIN, Peran.PEMDES})


def boleh_buat_jajak(user: Any) -> bool:
    """Create polls: Diskominfo (the regency or any village) and village governments (their village)."""
    return _berwilayah(user, PERAN_JAJAK)


def wilayah_untuk_jajak(user: Any) -> QuerySet[Wilayah]:
    return wilayah_konten(user).filter(level__in=[Level.KABUPATEN, Level.DESA])


def boleh_kelola_jajak(user: Any, jajak: Jajak) -> bool:
    return berperan(user, *PERAN_JAJAK) and (is_admin(user) or dalam_cakupan(user, jajak.wilayah))


def jajak_untuk_pengelola(user: Any) -> QuerySet[Jajak]:
    qs = Jajak.objects.all()
    if is_admin(user):
        return qs
    if not boleh_buat_jajak(user):
        return qs.none()
    return qs.filter(wilayah__in=wilayah_cakupan(user))


def get_jajak_untuk_pengelola(request: HttpRequest, pk: int) -> Jajak:
    jajak = Jajak.objects.select_related("wilayah").filter(pk=pk).first()
    if jajak is None or not boleh_kelola_jajak(request.user, jajak):
        raise Http404("Jajak pendapat tidak ditemukan.")
    return jajak
