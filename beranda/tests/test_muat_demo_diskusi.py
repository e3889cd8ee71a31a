"""The DEMO discussion under the DEMO program: stances, one official answer, one question left unanswered."""

import io

import pytest
from django.core.management import call_command

from diskusi.models import Komentar
from suarawarga.models import Program, TahapProgram

pytestmark = pytest.mark.django_db


def test_the_demo_program_shows_stances_an_official_answer_and_a_question_waiting_too_long(client):
    """GIVEN the demo accounts, KIM and programs WHEN the demo discussion is loaded (twice) THEN the running
    demo program's page and the API show the stance counts, a pinned official answer and "Belum ditanggapi"."""
    for perintah in ("muat_demo", "muat_demo_suarawarga", "muat_demo_diskusi_program", "muat_demo_diskusi_program"):
        call_command(perintah, stdout=io.StringIO())
    program = Program.objects.get(demo=True, tahap=TahapProgram.BERJALAN)
    assert Komentar.objects.filter(object_id=program.pk, resmi=False).count() == 5
    assert program.desa.count() == 2
    html = client.get(program.get_absolute_url()).content.decode()
    assert "Tanggapan resmi" in html and "Ruas Dusun 3 sudah diusulkan" in html and "Belum ditanggapi" in html
    item = next(p for p in client.get("/api/v1/program").json()["items"] if p["id"] == program.pk)
    assert item["sikap"] == {"mendukung": 2, "netral": 2, "keberatan": 1}
    assert item["belum_ditanggapi"] == 1 and len(item["tanggapan_resmi"]) == 1
    for desa in program.desa.all():
        assert program.get_absolute_url() in client.get(desa.get_absolute_url()).content.decode()
