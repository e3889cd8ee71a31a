"""Two admins recording the same village's first step at the same instant, on real PostgreSQL."""

import threading
from datetime import date

import pytest
from django.db import connections

from akun.models import Aksi, Audit
from jembatan.lib.domain import DomainError
from jembatan.test import di_thread
from kim.models import Kim, RiwayatTahap
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db

KODE = "63.05.09.2001"


def test_concurrent_first_steps_keep_exactly_one(pakai_postgres):
    desa = Wilayah.objects.get(kode=KODE)
    barrier = threading.Barrier(2)
    results = []

    def move(ke):
        try:
            barrier.wait(10)
            Kim.objects.pindahkan_tahap(desa, ke, tanggal=date(2025, 1, 10), catatan="", oleh=None, versi=0)
            results.append("disimpan")
        except DomainError:
            results.append("ditolak")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move, args=(ke,)) for ke in ("sosialisasi", "musyawarah")]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(results) == ["disimpan", "ditolak"]
        # Committed by the threads, so read from another connection too.
        counts = di_thread(
            lambda: (
                Kim.objects.filter(wilayah_id=KODE).count(),
                RiwayatTahap.objects.filter(kim__wilayah_id=KODE).count(),
                Audit.objects.filter(wilayah_id=KODE, aksi=Aksi.TAHAP).count(),
            )
        )
        assert counts == (1, 1, 1)  # one KIM, one step, one audit entry
    finally:
        di_thread(_hapus)


def _hapus() -> None:
    """Committed rows must go, or later tests would find them."""
    Audit.objects.filter(wilayah_id=KODE).delete()
    Kim.objects.filter(wilayah_id=KODE).delete()
