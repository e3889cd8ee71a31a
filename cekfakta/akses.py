"""Who works the verification desk (built on akun's role primitives)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from akun.akses import berperan
from akun.models import Peran
from cekfakta.models import Klaim, Laporan


def boleh_verifikasi(user: Any) -> bool:
    """Work the claim queue and publish verdicts: Diskominfo's admins and the verifikator."""
    return berperan(user, Peran.ADMIN, Peran.VERIFIKATOR)


def get_laporan_untuk_verifikator(request: HttpRequest, pk: int) -> Laporan:
    laporan = Laporan.objects.filter(pk=pk).first() if boleh_verifikasi(request.user) else None
    if laporan is None:
        raise Http404("Laporan tidak ditemukan.")
    return laporan


def get_klaim_untuk_verifikator(request: HttpRequest, pk: int) -> Klaim:
    klaim = Klaim.objects.filter(pk=pk).first() if boleh_verifikasi(request.user) else None
    if klaim is None:
        raise Http404("Klaim tidak ditemukan.")
    return klaim
