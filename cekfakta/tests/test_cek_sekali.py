"""The cek fakta form delivered twice (a queued offline report sent again, a resubmitted page) is stored once;
also the tests of the shared mechanism itself (akun.sekali), which needs a form to drive it."""

import re
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client

from akun.models import DeliveryRecord
from akun.sekali import FIELD
from cekfakta.models import Laporan
from jembatan.test import di_thread

pytestmark = pytest.mark.django_db

TEKS = "Beredar pesan bahwa jembatan Rantau akan ditutup total selama sebulan mulai besok pagi"


def test_a_second_delivery_with_the_same_key_stores_nothing_and_leads_to_the_same_report(client):
    """GIVEN the cek fakta form with its key
    WHEN the same filled form arrives twice
    THEN one report is stored, and the second answer leads to that report's tracking page."""
    kunci = re.search(rf'name="{FIELD}" value="(\w+)"', client.get("/cek-fakta/cek/").content.decode())[1]
    pertama = client.post("/cek-fakta/cek/", {"teks": TEKS, FIELD: kunci})
    kedua = client.post("/cek-fakta/cek/", {"teks": TEKS, FIELD: kunci})
    laporan = Laporan.objects.get()
    assert pertama.status_code == 200 and laporan.kode in pertama.content.decode()
    assert kedua.status_code == 303 and kedua["Location"] == laporan.get_absolute_url()


def test_a_refused_delivery_is_not_remembered(client, settings):
    """GIVEN a report refused by the rate limit
    WHEN the same form is sent again once allowed
    THEN it is stored."""
    settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM = 0
    data = {"teks": TEKS, FIELD: "a" * 32}
    assert client.post("/cek-fakta/cek/", data).status_code == 429
    settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM = 10
    assert client.post("/cek-fakta/cek/", data).status_code == 200
    assert Laporan.objects.count() == 1


def test_the_form_carries_a_fresh_key_at_every_rendering(client):
    pertama, kedua = (
        re.search(rf'name="{FIELD}" value="([0-9a-f]{{32}})"', client.get("/cek-fakta/cek/").content.decode()) for _ in "12"
    )
    assert pertama and kedua and pertama[1] != kedua[1]


def test_a_form_without_a_key_still_works_and_is_not_remembered(client):
    client.post("/cek-fakta/cek/", {"teks": TEKS})
    client.post("/cek-fakta/cek/", {"teks": TEKS})
    assert Laporan.objects.count() == 2 and not DeliveryRecord.objects.exists()


def test_the_same_key_with_other_text_is_another_delivery(client):
    """GIVEN a page from the shared cache, showing every visitor the same key
    WHEN two visitors send different text with it
    THEN both are stored."""
    kunci = uuid.uuid4().hex
    client.post("/cek-fakta/cek/", {"teks": TEKS, FIELD: kunci})
    client.post("/cek-fakta/cek/", {"teks": TEKS + " dan dialihkan lewat Binuang", FIELD: kunci})
    assert Laporan.objects.count() == 2


def test_two_deliveries_at_once_store_one_report(monkeypatch):
    """GIVEN one queued report delivered twice at the same moment (two server processes)
    WHEN both are processed concurrently
    THEN one report is stored and both answers lead to it.
    Each delivery runs on a thread with its own connection, so its writes commit like another process's;
    the test removes them itself."""
    if connection.vendor != "postgresql":
        pytest.skip("needs two real concurrent transactions (PostgreSQL)")
    from cekfakta import layanan

    asli = layanan.periksa
    barrier = threading.Barrier(2, timeout=10)

    def periksa_bersamaan(*args, **kwargs):
        jawaban = asli(*args, **kwargs)
        barrier.wait()  # both deliveries have written their report before either records the delivery
        return jawaban

    monkeypatch.setattr(layanan, "periksa", periksa_bersamaan)
    data = {"teks": TEKS, FIELD: uuid.uuid4().hex}
    hasil: list = []

    def kirim():
        from django.db import connections

        try:
            hasil.append(Client().post("/cek-fakta/cek/", data))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=kirim) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    try:
        laporan = Laporan.objects.get()
        assert DeliveryRecord.objects.count() == 1
        assert sorted(r.status_code for r in hasil) == [200, 303]
        assert next(r for r in hasil if r.status_code == 303)["Location"] == laporan.get_absolute_url()
    finally:
        di_thread(_hapus_kiriman)


def _hapus_kiriman() -> None:
    from cekfakta.models import Klaim

    DeliveryRecord.objects.all().delete()
    Laporan.objects.all().delete()
    Klaim.objects.all().delete()
