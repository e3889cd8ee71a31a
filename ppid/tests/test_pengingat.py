"""Reminders: H-3 and H-1 to the PPID, and once overdue to the atasan; each once, whatever day the run misses."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from jembatan.test import KAB
from ppid.models import Keberatan, Keputusan
from ppid.pengingat import kirim_pengingat
from ppid.tests.bantu import make_permohonan

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(cast):
    # Received Tuesday 17 March 2026: due Wednesday 8 April.
    return make_permohonan(tanggal=dt.date(2026, 3, 17))


def test_h3_h1_and_overdue_each_go_once_to_the_village_government(cast, p):
    hari = [dt.date(2026, 4, d) for d in (1, 2, 3, 6, 7, 8, 9, 10)]
    terkirim = {h: kirim_pengingat(h) for h in hari}
    assert terkirim == {
        dt.date(2026, 4, 1): 0,
        dt.date(2026, 4, 2): 1,  # 3 working days left (6, 7, 8 April; the 3rd is Wafat Isa)
        dt.date(2026, 4, 3): 0,
        dt.date(2026, 4, 6): 0,
        dt.date(2026, 4, 7): 1,  # one day left
        dt.date(2026, 4, 8): 0,
        dt.date(2026, 4, 9): 1,  # overdue
        dt.date(2026, 4, 10): 0,
    }
    assert {tuple(m.to) for m in mail.outbox} == {("kades@uji.example",)}
    assert mail.outbox[2].subject == f"TERLAMBAT: permohonan informasi {p.nomor} melewati batas waktu"


def test_a_missed_run_still_sends_the_reminder_that_is_due(cast, p):
    assert kirim_pengingat(dt.date(2026, 4, 8)) == 1
    assert "paling lambat 8 April 2026" in mail.outbox[0].subject


def test_answered_requests_get_no_reminder_and_the_regency_reminds_diskominfo(cast, p):
    p.jawab(oleh=cast.pemdes, keputusan=Keputusan.DIKABULKAN, isi="Terlampir.", penandatangan="R", tanggal=dt.date(2026, 3, 20))
    make_permohonan(kode=KAB, tanggal=dt.date(2026, 3, 17))
    assert kirim_pengingat(dt.date(2026, 4, 9)) == 1
    assert mail.outbox[0].to == ["admin@uji.example"]


def test_the_command_reports_what_it_sent(cast, p, capsys):
    with time_machine.travel("2026-04-09 07:00 +08:00", tick=False):
        call_command("ingatkan_ppid")
    assert capsys.readouterr().out.strip() == "1 pengingat PPID terkirim."


def test_an_objection_left_unanswered_past_30_working_days_reminds_the_atasan_once(cast, p):
    p.jawab(oleh=cast.pemdes, keputusan=Keputusan.DIKABULKAN, isi="Terlampir.", penandatangan="R", tanggal=dt.date(2026, 3, 20))
    k = Keberatan.ajukan(p, alasan="d", uraian="Bukan yang diminta.", tanggal=dt.date(2026, 3, 23))
    assert k.batas_tanggapan == dt.date(2026, 5, 7)
    assert kirim_pengingat(dt.date(2026, 5, 7)) == 0
    assert kirim_pengingat(dt.date(2026, 5, 8)) == 1
    assert kirim_pengingat(dt.date(2026, 5, 11)) == 0
    assert mail.outbox[0].to == ["kades@uji.example"]
    assert mail.outbox[0].subject == f"TERLAMBAT: keberatan {k.nomor} belum ditanggapi atasan PPID"
    assert f"/kelola/ppid/keberatan/{k.pk}/" in mail.outbox[0].body
