"""Reminders to the editors of stale items (`manage.py ingatkan_potensi`), with frozen time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from jembatan.test import DESA_B
from potensi.models import PengingatPotensi, Status
from potensi.tests.bantu import make_potensi

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
DIKONFIRMASI = datetime(2025, 3, 1, 10, 0, tzinfo=WITA)


def _jalankan(waktu: str) -> None:
    with time_machine.travel(waktu, tick=False):
        call_command("ingatkan_potensi", stdout=None)


def _terbit(cast, **fields):
    fields.setdefault("terbit_pada", DIKONFIRMASI)
    fields.setdefault("dikonfirmasi_pada", DIKONFIRMASI)
    return make_potensi(cast, status=Status.TERBIT, **fields)


def _penerima() -> list[str]:
    return sorted(a for m in mail.outbox for a in m.to)


def test_editors_are_reminded_once_when_stale_and_once_before_it_leaves(cast):
    """GIVEN an item of village A last confirmed on 1 March 2025, written by its KIM member
    WHEN the daily run goes on through March and April 2026
    THEN its writer, the village's pengurus and government get one e-mail on 1 March 2026 (a year), none on
    the next runs that day or the days after, one more on 24 March (a week before it leaves the catalogue
    on 31 March), and nothing once it has left."""
    p = _terbit(cast)
    _jalankan("2026-02-28 08:00 +08:00")
    assert not mail.outbox

    _jalankan("2026-03-01 11:00 +08:00")
    assert _penerima() == ["anggota@uji.example", "editor@uji.example", "kades@uji.example"]
    surel = mail.outbox[0]
    assert "Gula aren Tungkap" in surel.body and p.get_absolute_url() in surel.body and "/kelola/potensi/" in surel.body
    assert "keluar dari katalog publik" not in surel.body
    assert surel.alternatives and "Gula aren Tungkap" in surel.alternatives[0][0]

    _jalankan("2026-03-01 15:00 +08:00")
    _jalankan("2026-03-10 08:00 +08:00")
    assert len(mail.outbox) == 3

    _jalankan("2026-03-24 11:00 +08:00")
    assert len(mail.outbox) == 6
    assert "keluar dari katalog publik pada 31 Maret 2026" in mail.outbox[-1].body
    _jalankan("2026-03-25 08:00 +08:00")
    _jalankan("2026-04-05 08:00 +08:00")
    assert len(mail.outbox) == 6
    assert PengingatPotensi.objects.filter(potensi=p).count() == 2


def test_one_email_per_person_lists_all_their_items_and_other_villages_are_not_mailed(cast):
    _terbit(cast, nama="Gula aren")
    _terbit(cast, nama="Anyaman purun")
    _terbit(cast, nama="Ikan saluang", wilayah_id=DESA_B, kim=cast.kim_b, penulis=cast.editor_lain)

    _jalankan("2026-03-02 08:00 +08:00")

    surel = {m.to[0]: m for m in mail.outbox}
    assert sorted(surel) == ["anggota@uji.example", "editor.b@uji.example", "editor@uji.example", "kades@uji.example"]
    badan = surel["editor@uji.example"].body
    assert "Gula aren" in badan and "Anyaman purun" in badan and "Ikan saluang" not in badan
    assert "Ikan saluang" in surel["editor.b@uji.example"].body and "Gula aren" not in surel["editor.b@uji.example"].body


def test_confirming_starts_the_year_again(cast):
    """GIVEN an item reminded as stale
    WHEN its pengurus confirms it, and a year passes again
    THEN it is reminded again, for the new confirmation."""
    p = _terbit(cast)
    _jalankan("2026-03-01 11:00 +08:00")
    assert len(mail.outbox) == 3
    with time_machine.travel("2026-03-05 09:00 +08:00", tick=False):
        p.refresh_from_db()
        p.konfirmasi(oleh=cast.editor, versi=p.versi)
    _jalankan("2026-06-01 08:00 +08:00")
    assert len(mail.outbox) == 3
    _jalankan("2027-03-05 10:00 +08:00")
    assert len(mail.outbox) == 6
    assert PengingatPotensi.objects.filter(potensi=p).count() == 2


def test_an_item_first_seen_in_its_last_week_gets_only_the_last_reminder(cast):
    _terbit(cast)
    _jalankan("2026-03-26 08:00 +08:00")
    assert len(mail.outbox) == 3
    assert all("keluar dari katalog publik" in m.body for m in mail.outbox)
    _jalankan("2026-03-27 08:00 +08:00")
    assert len(mail.outbox) == 3


def test_drafts_and_current_items_are_not_reminded(cast):
    make_potensi(cast, status=Status.DRAF)
    _terbit(cast, dikonfirmasi_pada=datetime(2026, 1, 10, tzinfo=WITA))
    _jalankan("2026-03-10 08:00 +08:00")
    assert not mail.outbox
