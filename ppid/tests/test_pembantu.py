"""PPID Pembantu: units under PPID Utama that answer the regency's requests forwarded to them, with their own
registers and figures, and accounts that reach nothing else."""

import datetime as dt
import io

import pytest
import time_machine
from docx import Document
from openpyxl import load_workbook

from akun.models import Audit
from jembatan.lib.domain import DomainError
from jembatan.test import DESA_A, KAB, make_user
from ppid.models import AksiPpid, Keputusan, PpidPembantu, Status
from ppid.tests.bantu import make_permohonan

pytestmark = pytest.mark.django_db

SEKARANG = "2026-11-27 09:00 +08:00"


@pytest.fixture
def dinkes():
    unit = PpidPembantu.objects.create(nama="Dinas Kesehatan")
    petugas = make_user("ppid@dinkes.example", "pembantu", nama="Petugas Dinkes")
    unit.petugas.add(petugas)
    return unit, petugas


@time_machine.travel(SEKARANG, tick=False)
def test_ppid_utama_forwards_a_request_and_the_pembantu_answers_it(client, cast, dinkes):
    """GIVEN a request to the regency and a PPID Pembantu configured by Diskominfo
    WHEN PPID Utama forwards it, and the Pembantu's officer gives the notice
    THEN the Pembantu's desk lists it, the notice is signed in the Pembantu's name, the clock stays the regency's,
    and both steps are in the audit trail."""
    unit, petugas = dinkes
    p = make_permohonan(kode=KAB, rincian="Data cakupan imunisasi 2026.")
    batas = p.batas_jawab
    client.force_login(cast.admin)
    assert "Teruskan ke PPID Pembantu" in client.get(f"/kelola/ppid/permohonan/{p.pk}/").content.decode()
    assert client.post(f"/kelola/ppid/permohonan/{p.pk}/teruskan/", {"pembantu": unit.pk}).status_code == 302
    p.refresh_from_db()
    assert p.pembantu == unit and p.batas_jawab == batas

    client.force_login(petugas)
    meja = client.get("/kelola/ppid/").content.decode()
    assert p.nomor in meja and "PPID Pembantu Dinas Kesehatan" in meja
    halaman = client.get(f"/kelola/ppid/permohonan/{p.pk}/").content.decode()
    assert "Beri pemberitahuan tertulis" in halaman and "Teruskan ke PPID Pembantu" not in halaman
    data = {"keputusan": "dikabulkan", "isi": "Data terlampir.", "penandatangan": "dr. Rina", "biaya": 0, "tanggal": "2026-11-27"}
    assert client.post(f"/kelola/ppid/permohonan/{p.pk}/jawab/", data).status_code == 302
    p.refresh_from_db()
    assert p.status == Status.SELESAI and p.dijawab_oleh == petugas
    surat = Document(io.BytesIO(client.get(f"/kelola/ppid/permohonan/{p.pk}/pemberitahuan.docx").content))
    assert "PPID PEMBANTU DINAS KESEHATAN" in [x.text for x in surat.paragraphs]
    assert list(
        Audit.objects.filter(aksi__in=[AksiPpid.TERUSKAN, AksiPpid.JAWAB]).values_list("aksi", flat=True).order_by("pk")
    ) == [
        AksiPpid.TERUSKAN,
        AksiPpid.JAWAB,
    ]


@time_machine.travel(SEKARANG, tick=False)
def test_a_pembantu_account_reaches_only_what_was_forwarded_to_its_unit(client, cast, dinkes):
    unit, petugas = dinkes
    lain = PpidPembantu.objects.create(nama="Dinas Pendidikan")
    milik = make_permohonan(kode=KAB)
    milik.teruskan(oleh=cast.admin, pembantu=unit)
    punya_lain = make_permohonan(kode=KAB)
    punya_lain.teruskan(oleh=cast.admin, pembantu=lain)
    utama = make_permohonan(kode=KAB)
    desa = make_permohonan(kode=DESA_A)
    client.force_login(petugas)
    assert client.get(f"/kelola/ppid/permohonan/{milik.pk}/").status_code == 200
    for p in (punya_lain, utama, desa):
        assert client.get(f"/kelola/ppid/permohonan/{p.pk}/").status_code == 404
        assert client.post(f"/kelola/ppid/permohonan/{p.pk}/jawab/", {"keputusan": "dikabulkan"}).status_code == 404
    assert client.post(f"/kelola/ppid/permohonan/{milik.pk}/teruskan/", {"pembantu": lain.pk}).status_code == 404
    meja = client.get("/kelola/ppid/?tampil=semua").content.decode()
    assert milik.nomor in meja and punya_lain.nomor not in meja and utama.nomor not in meja and desa.nomor not in meja
    for url in (
        f"/kelola/ppid/{KAB}/register-permohonan.xlsx",
        f"/kelola/ppid/{KAB}/dip/",
        f"/kelola/ppid/{KAB}/laporan/2025/",
        f"/kelola/ppid/pembantu/{lain.pk}/register-permohonan.xlsx",
    ):
        assert client.get(url).status_code == 404, url
    # An account of that role no unit names reaches no desk at all.
    client.force_login(make_user("lepas@opd.example", "pembantu"))
    assert client.get("/kelola/ppid/").status_code == 404
    assert client.get(f"/kelola/ppid/permohonan/{milik.pk}/").status_code == 404


@time_machine.travel(SEKARANG, tick=False)
def test_the_pembantu_keeps_its_own_registers_and_yearly_figures(client, cast, dinkes):
    unit, petugas = dinkes
    with time_machine.travel("2025-06-02 09:00 +08:00", tick=False):
        p = make_permohonan(kode=KAB, tanggal=dt.date(2025, 6, 2), rincian="Data stunting per desa.")
        p.teruskan(oleh=cast.admin, pembantu=unit)
    p.jawab(oleh=petugas, keputusan=Keputusan.DIKABULKAN, isi="Terlampir.", penandatangan="R", tanggal=dt.date(2025, 6, 4))
    make_permohonan(kode=KAB, tanggal=dt.date(2025, 6, 3), rincian="Anggaran Diskominfo.")  # PPID Utama's own
    client.force_login(petugas)
    wb = load_workbook(io.BytesIO(client.get(f"/kelola/ppid/pembantu/{unit.pk}/register-permohonan.xlsx?tahun=2025").content))
    sel = [c for row in wb.active.iter_rows(values_only=True) for c in row if c]
    assert "Data stunting per desa." in sel and "Anggaran Diskominfo." not in sel
    assert "PPID Pembantu Dinas Kesehatan — 2025" in sel
    doc = Document(io.BytesIO(client.get(f"/kelola/ppid/pembantu/{unit.pk}/laporan-2025.docx").content))
    baris = [" | ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    assert "Permohonan diterima | 1" in baris and "Dikabulkan seluruhnya | 1" in baris
    # The regency's report recaps its Pembantu.
    client.force_login(cast.admin)
    doc = Document(io.BytesIO(client.get(f"/kelola/ppid/{KAB}/laporan-2025.docx").content))
    baris = [" | ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    assert "Dinas Kesehatan | 1 | 1 | 0" in baris and "Permohonan diterima | 2" in baris


def test_only_the_regencys_open_requests_go_to_an_active_pembantu(cast, dinkes):
    unit, _petugas = dinkes
    with pytest.raises(DomainError, match="Hanya permohonan kepada PPID Utama"):
        make_permohonan(kode=DESA_A).teruskan(oleh=cast.admin, pembantu=unit)
    p = make_permohonan(kode=KAB)
    unit.aktif = False
    unit.save()
    with pytest.raises(DomainError, match="tidak aktif"):
        p.teruskan(oleh=cast.admin, pembantu=unit)
    p.jawab(oleh=cast.admin, keputusan=Keputusan.DIKABULKAN, isi="Terlampir.", penandatangan="R")
    with pytest.raises(DomainError, match="sudah dijawab"):
        p.teruskan(oleh=cast.admin, pembantu=None)
