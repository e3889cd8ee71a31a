"""Who may report, read and change a KIM's activities, and read its score (built on akun's scope primitives).

Reporters are the KIM's own people: its pengurus and members (accounts of those roles in its village, or
linked to a serving board row), and Diskominfo for any KIM. Readers of a KIM's activities, monthly report and
score are those whose scope holds its village: the KIM's people, the village government, the kecamatan
operator and Diskominfo. A report is changed by whoever wrote it while they still belong to the KIM, by the
KIM's pengurus, and by Diskominfo. The regency overview, computing scores and awards are Diskominfo's; a
kecamatan's leaderboard is Diskominfo's and its operator's, or everyone's when Diskominfo makes it public.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from akun.akses import PERAN_BERWILAYAH, aktif, berperan, dalam_cakupan, is_admin, wilayah_cakupan
from akun.models import Peran
from kim.akses import kim_pengguna, kim_pengurus
from kim.models import Kim
from penilaian.models import Kegiatan, Pengaturan
from wilayah.models import Wilayah


def _kim_kabupaten() -> QuerySet[Kim]:
    qs: QuerySet[Kim] = Kim.objects.di_kabupaten(settings.JEMBATAN_KABUPATEN).publik()
    return qs


def kim_pelapor(user: Any) -> QuerySet[Kim]:
    """The KIM this user may report activities for."""
    if is_admin(user):
        return _kim_kabupaten()
    return kim_pengguna(user)


def boleh_lapor(user: Any) -> bool:
    return kim_pelapor(user).exists()


def kim_terbaca(user: Any) -> QuerySet[Kim]:
    """The KIM whose activities, monthly reports and scores this user may read."""
    if not aktif(user):
        return Kim.objects.none()
    q = Q(pk__in=kim_pengguna(user).values("pk"))
    if user.peran in PERAN_BERWILAYAH:
        q |= Q(wilayah__in=wilayah_cakupan(user))
    return _kim_kabupaten().filter(q)


def boleh_baca_kim(user: Any, kim: Kim) -> bool:
    return kim_terbaca(user).filter(pk=kim.pk).exists()


def boleh_ubah_kegiatan(user: Any, kegiatan: Kegiatan) -> bool:
    if is_admin(user):
        return True
    if kim_pengurus(user).filter(pk=kegiatan.kim_id).exists():
        return True
    return kegiatan.pelapor_id == user.pk and kim_pengguna(user).filter(pk=kegiatan.kim_id).exists()


def boleh_lihat_kabupaten(user: Any) -> bool:
    """The all-KIM overview, computing scores, and the export: Diskominfo."""
    return is_admin(user)


def boleh_lihat_peringkat(user: Any, kecamatan: Wilayah) -> bool:
    """A kecamatan's leaderboard: everyone when Diskominfo makes it public, else Diskominfo and the kecamatan's
    operator."""
    if Pengaturan.ambil().peringkat_publik:
        return True
    return is_admin(user) or (berperan(user, Peran.OPERATOR) and dalam_cakupan(user, kecamatan))


# --- Fetch-or-404: the functions views call ------------------------------------------------------------


def get_kim_untuk_pembaca(request: HttpRequest, kode: str) -> Kim:
    kim = kim_terbaca(request.user).select_related("wilayah__parent").filter(wilayah_id=kode).first()
    if kim is None:
        raise Http404("KIM tidak ditemukan dalam cakupan Anda.")
    return kim


def _kegiatan(pk: int) -> Kegiatan | None:
    return Kegiatan.objects.select_related("kim__wilayah__parent", "jenis", "pelapor").filter(pk=pk).first()


def get_kegiatan_untuk_pembaca(request: HttpRequest, pk: int) -> Kegiatan:
    kegiatan = _kegiatan(pk)
    if kegiatan is None or not boleh_baca_kim(request.user, kegiatan.kim):
        raise Http404("Kegiatan tidak ditemukan.")
    return kegiatan


def get_kegiatan_untuk_pengubah(request: HttpRequest, pk: int) -> Kegiatan:
    kegiatan = _kegiatan(pk)
    if kegiatan is None or not aktif(request.user) or not boleh_ubah_kegiatan(request.user, kegiatan):
        raise Http404("Kegiatan tidak ditemukan.")
    return kegiatan
