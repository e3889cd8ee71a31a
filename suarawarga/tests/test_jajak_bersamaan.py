"""Many voters at once on PostgreSQL: no vote is lost, and a voter's two simultaneous requests leave one vote."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from akun.models import User
from jembatan.lib.domain import DomainError
from jembatan.test import DESA_A, di_thread
from suarawarga.models import Jajak, Suara

pytestmark = pytest.mark.django_db

PEMILIH = 50
SUARA_PER_PEMILIH = 4


def _jajak_baru() -> int:
    oleh = User.objects.create_user("pemdes.bersamaan@uji.example", "x", peran="pemdes", wilayah_id=DESA_A)
    sekarang = timezone.now()
    jajak = Jajak.buat(
        oleh=oleh,
        opsi=["A", "B", "C"],
        pertanyaan="Uji bersamaan",
        wilayah_id=DESA_A,
        buka_pada=sekarang - timedelta(days=1),
        tutup_pada=sekarang + timedelta(days=1),
    )
    return jajak.pk


def _hapus(jajak_id: int) -> None:
    Jajak.objects.filter(pk=jajak_id).delete()
    User.objects.filter(email="pemdes.bersamaan@uji.example").delete()


def test_fifty_voters_at_once_lose_no_vote(pakai_postgres):
    """GIVEN an open poll, committed
    WHEN 50 voters vote at the same instant, each on its own connection, each sending 4 requests
         (changing their mind between A, B and C)
    THEN there are exactly 50 voters with one vote each, and the counts add up to 50."""
    jajak_id = di_thread(_jajak_baru)
    barrier = threading.Barrier(PEMILIH)
    galat = []

    def pilih(i):
        try:
            jajak = Jajak.objects.get(pk=jajak_id)
            opsi = list(jajak.opsi.values_list("pk", flat=True))
            barrier.wait(20)
            for n in range(SUARA_PER_PEMILIH):
                try:
                    jajak.pilih(pemilih=f"t{i}", opsi_ids=[opsi[(i + n) % 3]], klien=f"k{i}")
                except DomainError:
                    pass  # the same voter's other request won: theirs stands
        except Exception as e:
            galat.append(repr(e))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pilih, args=(i,)) for i in range(PEMILIH)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert galat == []
        hasil, total = di_thread(lambda: Jajak.objects.get(pk=jajak_id).hasil())
        assert total == PEMILIH and sum(h.jumlah for h in hasil) == PEMILIH
        assert di_thread(lambda: Suara.objects.filter(jajak_id=jajak_id).count()) == PEMILIH
    finally:
        di_thread(lambda: _hapus(jajak_id))
