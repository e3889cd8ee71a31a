"""Telling the reporters of a claim that its verdict is out: each once, even when two runs meet."""

from __future__ import annotations

import pytest
from django.core import mail as django_mail

from cekfakta import layanan
from cekfakta.models import Laporan
from cekfakta.tests.test_meja import putusan

pytestmark = pytest.mark.django_db


def _laporan(k, n: int) -> None:
    for i in range(n):
        Laporan.objects.create(klaim=k, kode=f"TAHU{i:04d}", teks="Pesan berantai", email=f"p{i}@uji.example")


def test_a_second_run_that_starts_while_the_first_is_sending_tells_nobody_twice(monkeypatch):
    """GIVEN three reporters and a run that, while mailing the first, lets a second run start (a retry or the
    periodic catch-up at the same moment) THEN every reporter gets exactly one e-mail."""
    k = putusan()
    _laporan(k, 3)
    kirim_asli, kedua = layanan.mail.send, []

    def kirim(*args, **kwargs):
        if not kedua:
            kedua.append(0)
            kedua[0] = layanan.beri_tahu(k.pk)
        return kirim_asli(*args, **kwargs)

    monkeypatch.setattr(layanan.mail, "send", kirim)
    pertama = layanan.beri_tahu(k.pk)
    assert sorted(m.to[0] for m in django_mail.outbox) == ["p0@uji.example", "p1@uji.example", "p2@uji.example"]
    assert pertama + kedua[0] == 3
    assert not Laporan.objects.filter(diberi_tahu__isnull=True).exists()


def test_a_reporter_whose_mail_failed_is_released_and_told_on_the_next_run(monkeypatch):
    k = putusan()
    _laporan(k, 1)

    def gagal(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(layanan.mail, "send", gagal)
    assert layanan.beri_tahu(k.pk) == 0
    assert Laporan.objects.get().diberi_tahu is None
    monkeypatch.undo()
    assert layanan.beri_tahu(k.pk) == 1
    assert [m.to for m in django_mail.outbox] == [["p0@uji.example"]]


def test_any_other_error_while_telling_releases_the_reporter_before_it_is_raised(monkeypatch):
    """A template error or a refused header is not a dead mail server, but the reporter was still not told: the
    claim is given back, so the periodic catch-up tells them once the cause is fixed."""
    k = putusan()
    _laporan(k, 1)

    def rusak(*args, **kwargs):
        raise ValueError("header tidak sah")

    monkeypatch.setattr(layanan.mail, "send", rusak)
    with pytest.raises(ValueError):
        layanan.beri_tahu(k.pk)
    assert Laporan.objects.get().diberi_tahu is None
