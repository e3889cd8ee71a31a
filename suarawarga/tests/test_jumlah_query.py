"""The public pages of suara warga ask the database the same number of questions however much they show."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from diskusi.models import Sikap
from diskusi.tests.conftest import make_komentar
from jembatan.test import DESA_B, KEL_BINUANG
from suarawarga.models import StatusAspirasi
from suarawarga.tests.bantu import make_aspirasi, make_jajak, make_program

pytestmark = pytest.mark.django_db


def _query(client, path: str) -> int:
    """Queries of one uncached render, after a first one that fills the per-process caches (holidays, types)."""
    with override_settings(JEMBATAN_PAGE_CACHE_SECONDS=0):
        client.get(path)
    with override_settings(JEMBATAN_PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as q:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(q)


def test_program_list_and_page_whatever_their_villages_and_discussion(client, cast):
    program = make_program(cast, desa_lain=[KEL_BINUANG])
    make_komentar(program, sikap=Sikap.MENDUKUNG)
    sedikit = (_query(client, "/program/"), _query(client, program.get_absolute_url()))
    for i in range(6):
        make_program(cast, nama=f"Program {i}", slug=f"program-{i}", desa_lain=[KEL_BINUANG, DESA_B])
        tanya = make_komentar(program, sikap=Sikap.KEBERATAN, isi=f"Pertanyaan {i}")
        tanya.tanggapi_resmi(isi="Jawaban.", nama="Pemerintah Desa Tungkap", oleh=cast.pemdes, boleh=True, tautan=str)
    assert (_query(client, "/program/"), _query(client, program.get_absolute_url())) == sedikit


def test_aspiration_status_list_and_statistics_whatever_their_number(client, cast):
    a = make_aspirasi(boleh_publik=True)
    halaman = [a.get_absolute_url(), "/aspirasi/", "/aspirasi/statistik/"]
    sedikit = [_query(client, p) for p in halaman]
    for i in range(6):
        b = make_aspirasi(boleh_publik=True, isi=f"Aspirasi nomor {i} tentang air bersih.", wilayah_id=DESA_B)
        b.verifikasi(oleh=cast.admin, catatan=f"Dicek {i}")
    a.verifikasi(oleh=cast.admin)
    a.teruskan(oleh=cast.admin, tujuan="desa")
    a.tindak_lanjuti(oleh=cast.admin, catatan="Sudah ditambal.")
    assert a.status == StatusAspirasi.DITINDAKLANJUTI
    assert [_query(client, p) for p in halaman] == sedikit


def test_poll_page_whatever_its_votes(client, cast):
    jajak = make_jajak(cast)
    sedikit = _query(client, jajak.get_absolute_url())
    opsi = list(jajak.opsi.values_list("pk", flat=True))
    for i in range(30):
        jajak.pilih(pemilih=f"t{i}", opsi_ids=[opsi[i % 3]])
    assert _query(client, jajak.get_absolute_url()) == sedikit
