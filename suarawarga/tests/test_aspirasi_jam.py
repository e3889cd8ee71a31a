"""The working-day clock, with frozen time across Idul Fitri's cuti bersama and the year's end (real 2026–2027 dates)."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from suarawarga.models import Aspirasi, StatusAspirasi, Tujuan
from suarawarga.tests.bantu import make_aspirasi
from wilayah.models import HariKhusus, JenisHari

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("diterima", "batas"),
    [
        # Tuesday before Nyepi and Idul Fitri 1447 H: 18–24 March 2026 are holidays and cuti bersama.
        ("2026-03-17 10:00", "2026-03-27"),
        # Received on the holiday itself: the clock starts with the first working day after it.
        ("2026-03-21 10:00", "2026-03-27"),
        # A Friday: the weekend does not count.
        ("2026-05-08 16:00", "2026-05-13"),
        # Before Christmas: cuti bersama 24 December and Natal 25 December 2026.
        ("2026-12-23 08:00", "2026-12-30"),
        # Across the new year: 1 January and Isra Mikraj on 5 January 2027.
        ("2026-12-31 08:00", "2027-01-07"),
        # Late in the evening, local time (WITA), is still that day.
        ("2026-03-16 23:30", "2026-03-26"),
    ],
)
def test_forwarding_is_due_three_working_days_after_arrival(cast, diterima, batas):
    with time_machine.travel(f"{diterima} +08:00", tick=False):
        a = make_aspirasi()
    assert a.batas_teruskan.isoformat() == batas


def test_follow_up_is_due_five_working_days_after_forwarding_across_the_new_year(cast):
    with time_machine.travel("2026-12-28 09:00 +08:00", tick=True):
        a = make_aspirasi()
        a.verifikasi(oleh=cast.editor)
    with time_machine.travel("2026-12-30 09:00 +08:00", tick=True):
        a.teruskan(oleh=cast.pemdes, tujuan=Tujuan.DESA)
    # 31 Dec, (1 Jan), 4 Jan, (5 Jan Isra Mikraj), 6, 7, 8 Jan.
    assert a.batas_tindak_lanjut == date(2027, 1, 8)


def test_the_regencys_own_holidays_move_the_clock(cast):
    # Friday 8 May: 11 May off for the regency, 12, 13, (14 Ascension, 15 cuti bersama), 18 May.
    HariKhusus.objects.create(tanggal=date(2026, 5, 11), nama="Hari Jadi Kabupaten Tapin", jenis=JenisHari.LIBUR)
    with time_machine.travel("2026-05-08 16:00 +08:00", tick=False):
        a = make_aspirasi()
    assert a.batas_teruskan == date(2026, 5, 18)


def test_overdue_items_are_flagged_the_day_after_their_deadline(cast):
    with time_machine.travel("2026-03-17 10:00 +08:00", tick=False):
        a = make_aspirasi()
    assert not Aspirasi.objects.terlambat(date(2026, 3, 27)).exists() and not a.terlambat(date(2026, 3, 27))
    assert list(Aspirasi.objects.terlambat(date(2026, 3, 30))) == [a] and a.terlambat(date(2026, 3, 30))


def test_the_daily_run_closes_unanswered_follow_ups_and_tells_the_sender(cast, django_capture_on_commit_callbacks):
    """GIVEN a follow-up recorded on Monday 16 March 2026, its sender silent
    WHEN the daily run goes on the tenth working day after it (7 April: Idul Fitri leave in between) and after
    THEN it is closed only after that day, with a step saying why, and the sender is e-mailed."""
    with time_machine.travel("2026-03-09 09:00 +08:00", tick=True):
        a = make_aspirasi(email="warga@contoh.id")
        a.verifikasi(oleh=cast.editor)
        a.teruskan(oleh=cast.pemdes, tujuan=Tujuan.DESA)
    with time_machine.travel("2026-03-16 09:00 +08:00", tick=True):
        a.tindak_lanjuti(oleh=cast.pemdes, catatan="Sudah diperbaiki.")
    a.refresh_from_db()
    assert a.batas_tutup == date(2026, 4, 7)
    with time_machine.travel("2026-04-07 09:00 +08:00", tick=True):
        call_command("jalankan_jam_aspirasi", stdout=StringIO())
    a.refresh_from_db()
    assert a.status == StatusAspirasi.DITINDAKLANJUTI
    mail.outbox.clear()
    with time_machine.travel("2026-04-08 06:00 +08:00", tick=True), django_capture_on_commit_callbacks(execute=True):
        call_command("jalankan_jam_aspirasi", stdout=StringIO())
    a.refresh_from_db()
    assert a.status == StatusAspirasi.SELESAI and "Ditutup otomatis" in a.langkah.last().catatan
    assert [m.to for m in mail.outbox] == [["warga@contoh.id"]] and a.kode in mail.outbox[0].subject


def test_the_daily_run_reminds_the_holders_of_overdue_items_once_a_day(cast):
    with time_machine.travel("2026-05-04 09:00 +08:00", tick=True):
        a = make_aspirasi()
    with time_machine.travel("2026-05-08 09:00 +08:00", tick=True):
        call_command("jalankan_jam_aspirasi", stdout=StringIO())
        kepada = sorted(m.to[0] for m in mail.outbox)
        call_command("jalankan_jam_aspirasi", stdout=StringIO())
    # Village A's government and KIM pengurus, and Binuang's operator; not the member, not village B.
    assert kepada == ["editor@uji.example", "kades@uji.example", "operator@uji.example"]
    assert len(mail.outbox) == 3 and a.kode in mail.outbox[0].body


def test_an_overdue_item_is_claimed_for_the_reminder_once_a_day(cast):
    """A run that finds an item another run of the same day has already claimed mails nothing about it."""
    with time_machine.travel("2026-05-04 09:00 +08:00", tick=True):
        a = make_aspirasi()
    assert a.klaim_pengingat(date(2026, 5, 8)) is True
    assert a.klaim_pengingat(date(2026, 5, 8)) is False
    with time_machine.travel("2026-05-08 09:00 +08:00", tick=True):
        call_command("jalankan_jam_aspirasi", stdout=StringIO())
    assert mail.outbox == []
    assert a.klaim_pengingat(date(2026, 5, 11)) is True
