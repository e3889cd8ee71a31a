"""The discussion under a program: stances counted, official answers by the program's owner only, and
questions left ten working days without one flagged to the owner and shown as "belum ditanggapi"."""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from diskusi.models import Komentar, Sikap
from diskusi.tests.conftest import kirim, make_komentar
from suarawarga.models import batas_tanggapan
from suarawarga.tests.bantu import make_program

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def program(cast):
    return make_program(cast)


def _halaman(client, program) -> str:
    return client.get(program.get_absolute_url()).content.decode()


def test_the_program_page_asks_a_stance_for_a_new_comment_and_counts_them(client, program):
    for sikap in (Sikap.MENDUKUNG, Sikap.MENDUKUNG, Sikap.KEBERATAN):
        make_komentar(program, sikap=sikap)
    html = _halaman(client, program)
    assert 'name="sikap"' in html
    hitung = dict(re.findall(r'<div class="sikap-(\w+)"><dt>[^<]+</dt><dd>(\d+)</dd>', html))
    assert hitung == {"mendukung": "2", "netral": "0", "keberatan": "1"}


def test_a_stance_sent_with_a_comment_is_kept_on_a_top_level_comment_only(client, program):
    kirim(client, program, sikap="keberatan")
    tanya = Komentar.objects.get()
    assert tanya.sikap == Sikap.KEBERATAN
    tanya.status = "tampil"
    tanya.save()
    kirim(client, program, sikap="mendukung", balas=str(tanya.pk), isi="Saya setuju keberatan itu.")
    assert Komentar.objects.get(parent=tanya).sikap == ""
    assert 'name="sikap"' not in client.get(f"{program.get_absolute_url()}?balas={tanya.pk}").content.decode()


def test_the_owner_answers_officially_and_the_answer_is_pinned_under_the_question(client, cast, program):
    tanya = make_komentar(program, nama="Rahmah", isi="Apakah jalan ini sampai ke Dusun 3?")
    make_komentar(program, nama="Udin", isi="Semoga sampai.", parent=tanya)
    client.force_login(cast.pemdes)
    r = client.post(f"/kelola/tanggapan-program/{tanya.pk}/", {"isi": "Tahun ini sampai batas Dusun 2; Dusun 3 diusulkan 2027."})
    assert r.status_code == 302
    jawaban = Komentar.objects.get(resmi=True)
    assert jawaban.parent == tanya and jawaban.penjawab == cast.pemdes and jawaban.nama.startswith("Pemerintah")
    html = _halaman(client, program)
    assert "Tanggapan resmi" in html
    assert html.index("Dusun 3 diusulkan 2027") < html.index("Semoga sampai.")


@pytest.mark.parametrize("peran", ["editor", "anggota", "editor_lain", "verifikator", "warga"])
def test_only_the_programs_owner_may_answer_others_get_404(client, cast, program, peran):
    tanya = make_komentar(program, isi="Berapa panjang jalannya?")
    client.force_login(getattr(cast, peran))
    assert client.post(f"/kelola/tanggapan-program/{tanya.pk}/", {"isi": "450 m."}).status_code == 404
    assert client.get("/kelola/tanggapan-program/").status_code == 404
    assert not Komentar.objects.filter(resmi=True).exists()


def test_a_reply_cannot_be_answered_officially(client, cast, program):
    tanya = make_komentar(program, isi="Kapan mulai?")
    balasan = make_komentar(program, isi="Ikut bertanya.", parent=tanya)
    client.force_login(cast.pemdes)
    assert client.post(f"/kelola/tanggapan-program/{balasan.pk}/", {"isi": "Bulan depan."}).status_code == 404


def test_a_question_is_flagged_after_ten_working_days_counting_the_independence_day_holiday(client, cast, program):
    # Written Monday 3 August 2026; 17 August is a holiday, so the tenth working day is Tuesday 18 August.
    with time_machine.travel(dt.datetime(2026, 8, 3, 10, tzinfo=WITA), tick=False):
        tanya = make_komentar(program, nama="Rahmah", isi="Kapan jalan mulai dikerjakan?")
    client.force_login(cast.pemdes)
    with time_machine.travel(dt.datetime(2026, 8, 17, 9, tzinfo=WITA), tick=False):
        assert tanya.dibuat >= batas_tanggapan()
        assert 'lencana menunggu">Belum ditanggapi' not in client.get("/kelola/tanggapan-program/").content.decode()
    with time_machine.travel(dt.datetime(2026, 8, 18, 9, tzinfo=WITA), tick=False):
        assert tanya.dibuat < batas_tanggapan()
        meja = client.get("/kelola/tanggapan-program/").content.decode()
        assert 'lencana menunggu">Belum ditanggapi' in meja and "Kapan jalan mulai dikerjakan?" in meja
        tugas = {str(t.label): t.jumlah for t in client.get("/kelola/").context["tugas"]}
        assert tugas["Pertanyaan warga di program belum ditanggapi 10 hari kerja"] == 1
        client.logout()
        assert "Belum ditanggapi" in _halaman(client, program)
        client.force_login(cast.pemdes)
        client.post(f"/kelola/tanggapan-program/{tanya.pk}/", {"isi": "Setelah musim hujan."})
        client.logout()
        assert "Belum ditanggapi" not in _halaman(client, program)


def test_question_and_answer_text_are_escaped(client, cast, program):
    tanya = make_komentar(program, isi='<script>alert("x")</script> jalan?')
    client.force_login(cast.pemdes)
    client.post(f"/kelola/tanggapan-program/{tanya.pk}/", {"isi": "<b>tebal</b> <img src=x onerror=alert(1)>"})
    client.logout()
    html = _halaman(client, program)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<b>tebal</b>" not in html and "&lt;b&gt;tebal&lt;/b&gt;" in html and "<img src=x" not in html


def test_the_daily_reminder_mails_the_owners_of_programs_with_questions_past_the_wait(cast, program, mailoutbox):
    with time_machine.travel(dt.datetime(2026, 8, 3, 10, tzinfo=WITA), tick=False):
        make_komentar(program, nama="Rahmah", isi="Kapan <mulai>?")
    with time_machine.travel(dt.datetime(2026, 8, 17, 9, tzinfo=WITA), tick=False):
        call_command("ingatkan_tanggapan_program", stdout=io.StringIO())
        assert mailoutbox == []
    with time_machine.travel(dt.datetime(2026, 8, 18, 9, tzinfo=WITA), tick=False):
        call_command("ingatkan_tanggapan_program", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mailoutbox) == sorted([cast.admin.email, cast.operator.email, cast.pemdes.email])
    assert "Kapan <mulai>?" in mailoutbox[0].body and "/kelola/tanggapan-program/" in mailoutbox[0].body
    assert "Kapan &lt;mulai&gt;?" in mailoutbox[0].alternatives[0][0]


def test_the_daily_reminder_run_twice_in_a_day_mails_each_owner_once(cast, program, mailoutbox):
    """GIVEN a question past the wait WHEN the reminder runs twice on 18 August 2026 (a retry, a second timer)
    THEN each owner gets one e-mail that day, and one again the next working day."""
    with time_machine.travel(dt.datetime(2026, 8, 3, 10, tzinfo=WITA), tick=False):
        make_komentar(program, nama="Rahmah", isi="Kapan mulai?")
    with time_machine.travel(dt.datetime(2026, 8, 18, 9, tzinfo=WITA), tick=False):
        call_command("ingatkan_tanggapan_program", stdout=io.StringIO())
        call_command("ingatkan_tanggapan_program", stdout=io.StringIO())
    assert len(mailoutbox) == 3
    with time_machine.travel(dt.datetime(2026, 8, 19, 9, tzinfo=WITA), tick=False):
        call_command("ingatkan_tanggapan_program", stdout=io.StringIO())
    assert len(mailoutbox) == 6
