"""Background work of the scores, through the one task API (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from jembatan.lib.domain import DomainError
from penilaian.models import Perhitungan
from penilaian.skor import hitung_bulan


@task()
def hitung_latar(perhitungan_id: int) -> str:
    """Compute a month's scores for the request `perhitungan_id`, writing its progress after each group of KIM
    (each group is committed on its own, so the page shows how far it got). Claimed first: a retried task does
    not compute twice."""
    Status = Perhitungan.Status
    if not Perhitungan.objects.filter(pk=perhitungan_id, status=Status.ANTRE).update(status=Status.BERJALAN):
        return "sudah"
    p = Perhitungan.objects.select_related("diminta_oleh").get(pk=perhitungan_id)

    def progres(selesai: int, total: int) -> None:
        Perhitungan.objects.filter(pk=p.pk).update(selesai=selesai, total=total)

    try:
        n = hitung_bulan(p.bulan, oleh=p.diminta_oleh, progres=progres)
    except DomainError as e:
        Perhitungan.objects.filter(pk=p.pk).update(status=Status.GAGAL, pesan=str(e)[:300])
        return "gagal"
    except Exception:
        Perhitungan.objects.filter(pk=p.pk).update(status=Status.GAGAL, pesan="Galat tak terduga; lihat log server.")
        raise
    Perhitungan.objects.filter(pk=p.pk).update(status=Status.SELESAI, selesai=n, total=n)
    return "selesai"
