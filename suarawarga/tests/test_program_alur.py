"""A program's stage and progress as model methods: the rules, the reasons the public reads, the audit trail."""

from datetime import date

import pytest
import time_machine

from akun.models import Audit
from jembatan.lib.domain import DomainError, StaleVersion
from suarawarga.models import AksiSuara, Program, TahapProgram
from suarawarga.tests.bantu import make_program

pytestmark = pytest.mark.django_db


def test_a_program_runs_records_progress_and_completes(cast):
    p = make_program(cast)
    p.ubah_tahap(TahapProgram.BERJALAN, oleh=cast.pemdes, versi=p.versi)
    with time_machine.travel("2026-07-10 10:00 +08:00", tick=False):
        p.catat_progres(oleh=cast.pemdes, persen=40, tanggal=date(2026, 7, 9), catatan="Timbunan sirtu 180 m.")
    p.ubah_tahap(TahapProgram.SELESAI, oleh=cast.pemdes, versi=p.versi)
    p.refresh_from_db()
    assert (p.tahap, p.progres) == (TahapProgram.SELESAI, 100)
    assert [(k.persen, k.catatan) for k in p.kemajuan.all()] == [(40, "Timbunan sirtu 180 m.")]
    aksi = list(Audit.objects.filter(objek_id=str(p.pk), objek_tipe="program").order_by("pk").values_list("aksi", flat=True))
    assert aksi == [AksiSuara.PROGRAM_TAHAP, AksiSuara.PROGRAM_PROGRES, AksiSuara.PROGRAM_TAHAP]


@pytest.mark.parametrize(
    ("dari", "ke"),
    [
        (TahapProgram.RENCANA, TahapProgram.SELESAI),
        (TahapProgram.SELESAI, TahapProgram.BERJALAN),
        (TahapProgram.BATAL, TahapProgram.BERJALAN),
    ],
)
def test_a_stage_that_may_not_follow_is_refused(cast, dari, ke):
    p = make_program(cast, tahap=dari)
    with pytest.raises(DomainError) as e:
        p.ubah_tahap(ke, oleh=cast.pemdes, versi=p.versi)
    assert e.value.field == "tahap"
    p.refresh_from_db()
    assert p.tahap == dari


def test_postponing_or_cancelling_needs_a_reason_the_public_reads(cast):
    p = make_program(cast, tahap=TahapProgram.BERJALAN)
    with pytest.raises(DomainError) as e:
        p.ubah_tahap(TahapProgram.DITUNDA, oleh=cast.pemdes, versi=p.versi)
    assert e.value.field == "alasan"
    p.ubah_tahap(TahapProgram.DITUNDA, oleh=cast.pemdes, versi=p.versi, alasan="Menunggu pencairan tahap II.")
    p.ubah_tahap(TahapProgram.BERJALAN, oleh=cast.pemdes, versi=p.versi)
    p.refresh_from_db()
    assert p.tahap == TahapProgram.BERJALAN and p.alasan_tahap == ""


def test_a_stale_form_does_not_overwrite_a_newer_stage(cast):
    p = make_program(cast)
    versi_lama = p.versi
    p.ubah_tahap(TahapProgram.BERJALAN, oleh=cast.pemdes, versi=versi_lama)
    with pytest.raises(StaleVersion):
        p.ubah_tahap(TahapProgram.BATAL, oleh=cast.operator, versi=versi_lama, alasan="x")


@pytest.mark.parametrize(
    ("persen", "tanggal", "field"),
    [(30, date(2026, 7, 9), "persen"), (101, date(2026, 7, 9), "persen"), (60, date(2026, 7, 11), "tanggal")],
)
def test_progress_does_not_go_back_beyond_100_or_into_the_future(cast, persen, tanggal, field):
    p = make_program(cast, tahap=TahapProgram.BERJALAN, progres=50)
    with time_machine.travel("2026-07-10 10:00 +08:00", tick=False), pytest.raises(DomainError) as e:
        p.catat_progres(oleh=cast.pemdes, persen=persen, tanggal=tanggal, catatan="Catatan.")
    assert e.value.field == field
    assert not p.kemajuan.exists()


def test_progress_is_recorded_only_while_running(cast):
    p = make_program(cast)
    with pytest.raises(DomainError, match="sedang berjalan"):
        p.catat_progres(oleh=cast.pemdes, persen=10, tanggal=date(2026, 1, 5), catatan="Catatan.")


def test_a_stage_change_keeps_progress_recorded_since_the_page_was_read(cast):
    p = make_program(cast, tahap=TahapProgram.BERJALAN)
    dibaca_lebih_dulu = Program.objects.get(pk=p.pk)
    with time_machine.travel("2026-07-10 10:00 +08:00", tick=False):
        p.catat_progres(oleh=cast.pemdes, persen=60, tanggal=date(2026, 7, 10), catatan="Pengecoran.")
    dibaca_lebih_dulu.ubah_tahap(TahapProgram.DITUNDA, oleh=cast.pemdes, versi=dibaca_lebih_dulu.versi, alasan="Hujan.")
    p.refresh_from_db()
    assert (p.tahap, p.progres) == (TahapProgram.DITUNDA, 60)
