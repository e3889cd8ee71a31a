"""Reminders to the pengurus of dormant KIM, with frozen time."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from jembatan.test import make_pengurus, make_user
from penilaian.models import PengingatTidur
from penilaian.tests.bantu import make_kegiatan

pytestmark = pytest.mark.django_db


def _jalankan(waktu: str) -> None:
    with time_machine.travel(waktu, tick=False):
        call_command("ingatkan_kim_tidur", stdout=None)


def test_a_kim_silent_for_60_days_gets_one_reminder_a_month(cast):
    """GIVEN village A's KIM last reported on 1 March, village B's on 20 April
    WHEN the daily run goes on from 1 May to 15 June
    THEN village A's pengurus are mailed on 1 May (61 days) and again on 31 May, not in between; village B's
    on 20 June (61 days after 20 April) would be next, so not yet."""
    make_kegiatan(cast, tanggal=date(2026, 3, 1))
    make_kegiatan(cast, kim=cast.kim_b, pelapor=cast.editor_lain, tanggal=date(2026, 4, 20))
    _jalankan("2026-04-30 08:00 +08:00")
    assert not mail.outbox
    _jalankan("2026-05-01 08:00 +08:00")
    assert [m.to for m in mail.outbox] == [["editor@uji.example"]]
    assert "1 Maret 2026" in mail.outbox[0].body and "/kelola/kegiatan/lapor/" in mail.outbox[0].body
    _jalankan("2026-05-15 08:00 +08:00")
    assert len(mail.outbox) == 1
    _jalankan("2026-05-31 09:00 +08:00")
    assert len(mail.outbox) == 2
    assert PengingatTidur.objects.filter(kim=cast.kim_a).count() == 2
    assert not PengingatTidur.objects.filter(kim=cast.kim_b).exists()


def test_a_new_report_ends_the_reminders(cast):
    make_kegiatan(cast, tanggal=date(2026, 3, 1))
    make_kegiatan(cast, kim=cast.kim_b, pelapor=cast.editor_lain, tanggal=date(2026, 5, 1))
    _jalankan("2026-05-01 08:00 +08:00")
    make_kegiatan(cast, tanggal=date(2026, 5, 20))
    _jalankan("2026-06-05 08:00 +08:00")
    assert len(mail.outbox) == 1


def test_the_board_linked_to_accounts_is_reminded_too_but_not_plain_members(cast):
    sekretaris = make_user("sekretaris@uji.example", "warga")
    anggota = make_user("anggota.lain@uji.example", "warga")
    make_pengurus(cast.kim_a, "Sekretaris", jabatan="sekretaris", user=sekretaris)
    make_pengurus(cast.kim_a, "Anggota", jabatan="anggota", user=anggota)
    make_kegiatan(cast, kim=cast.kim_b, pelapor=cast.editor_lain, tanggal=date(2026, 5, 1))
    _jalankan("2026-05-10 08:00 +08:00")
    assert mail.outbox[0].to == ["editor@uji.example", "sekretaris@uji.example"]
