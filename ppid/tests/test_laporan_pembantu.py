"""A PPID Pembantu's own words in its part of the yearly report: written by the unit's accounts or PPID Utama,
kept per unit and year, audited, and printed in the unit's DOCX around its figures."""

import datetime as dt
import io

import pytest
import time_machine
from docx import Document

from akun.models import Audit
from jembatan.test import KAB, make_user
from ppid.models import AksiPpid, Keputusan, LaporanPembantu, LaporanTahunan, PpidPembantu
from ppid.tests.bantu import make_permohonan

pytestmark = pytest.mark.django_db

SEKARANG = "2026-02-10 09:00 +08:00"
ISI = {
    "kebijakan": "SK Kepala Dinas Kesehatan tentang PPID Pembantu.\nStandar layanan ditempel di loket.",
    "pelaksanaan": "Meja layanan di lobi dinas.",
    "kendala": "Data puskesmas belum terhimpun.",
    "rekomendasi": "Menghimpun data puskesmas tiap triwulan.",
    "versi": 0,
}


@pytest.fixture
def dinkes():
    unit = PpidPembantu.objects.create(nama="Dinas Kesehatan")
    petugas = make_user("ppid@dinkes.example", "pembantu", nama="Petugas Dinkes")
    unit.petugas.add(petugas)
    return unit, petugas


def _teks(isi: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(isi)).paragraphs]


@time_machine.travel(SEKARANG, tick=False)
def test_the_units_account_writes_its_sections_and_they_fill_its_docx(client, cast, dinkes):
    """GIVEN a PPID Pembantu whose 2025 report sections are blank
    WHEN its account writes them on the unit's report page
    THEN they are kept for that unit and year, audited, and the unit's DOCX carries them, dated and signed in the
    unit's name, while the regency's own report keeps its own (here none)."""
    unit, petugas = dinkes
    with time_machine.travel("2025-06-02 09:00 +08:00", tick=False):
        p = make_permohonan(kode=KAB, tanggal=dt.date(2025, 6, 2))
        p.teruskan(oleh=cast.admin, pembantu=unit)
    p.jawab(oleh=petugas, keputusan=Keputusan.DIKABULKAN, isi="Terlampir.", penandatangan="R", tanggal=dt.date(2025, 6, 4))
    client.force_login(petugas)
    url = f"/kelola/ppid/pembantu/{unit.pk}/laporan/2025/"
    assert (
        "Draf: uraian belum disusun PPID." in _teks(client.get(f"/kelola/ppid/pembantu/{unit.pk}/laporan-2025.docx").content)[4]
    )
    halaman = client.get(url).content.decode()
    assert "belum disusun" in halaman and "Susun laporan" in halaman
    assert client.post(url, ISI).status_code == 302
    narasi = LaporanPembantu.objects.get()
    assert (narasi.pembantu, narasi.tahun, narasi.disusun_oleh, narasi.disusun_pada) == (
        unit,
        2025,
        petugas,
        dt.date(2026, 2, 10),
    )
    audit = Audit.objects.get(aksi=AksiPpid.SUSUN_LAPORAN_PEMBANTU)
    assert audit.user == petugas and audit.ringkasan == "Laporan tahunan 2025 PPID Pembantu Dinas Kesehatan disusun"
    assert "Data puskesmas belum terhimpun." in client.get(url).content.decode()

    teks = _teks(client.get(f"/kelola/ppid/pembantu/{unit.pk}/laporan-2025.docx").content)
    for bagian in (
        "SK Kepala Dinas Kesehatan tentang PPID Pembantu.",
        "Standar layanan ditempel di loket.",
        "Meja layanan di lobi dinas.",
        "Data puskesmas belum terhimpun.",
        "Menghimpun data puskesmas tiap triwulan.",
        "PPID PEMBANTU DINAS KESEHATAN",
        "Kabupaten Tapin, 10 Februari 2026",
        "PPID Pembantu Dinas Kesehatan",
    ):
        assert bagian in teks, bagian
    assert any(t.startswith("Disusun 10 Februari 2026.") for t in teks)
    assert not LaporanTahunan.objects.exists()
    client.force_login(cast.admin)
    assert "Data puskesmas belum terhimpun." not in _teks(client.get(f"/kelola/ppid/{KAB}/laporan-2025.docx").content)


@time_machine.travel(SEKARANG, tick=False)
def test_ppid_utama_edits_the_units_words_with_a_version_check(client, cast, dinkes):
    unit, petugas = dinkes
    client.force_login(petugas)
    url = f"/kelola/ppid/pembantu/{unit.pk}/laporan/2025/"
    client.post(url, ISI)
    client.force_login(cast.admin)
    assert client.post(url, {**ISI, "kendala": "Petugas berganti.", "versi": 1}).status_code == 302
    assert LaporanPembantu.objects.get().kendala == "Petugas berganti."
    audit = Audit.objects.filter(aksi=AksiPpid.SUSUN_LAPORAN_PEMBANTU).latest("pk")
    assert audit.user == cast.admin and audit.perubahan == {"kendala": ["Data puskesmas belum terhimpun.", "Petugas berganti."]}
    # The account that still had version 1 open is told, its input kept.
    client.force_login(petugas)
    r = client.post(url, {**ISI, "kendala": "Versi lama.", "versi": 1})
    assert r.status_code == 409 and "Versi lama." in r.content.decode()
    assert LaporanPembantu.objects.get().kendala == "Petugas berganti."


@time_machine.travel(SEKARANG, tick=False)
def test_the_sections_are_kept_per_unit_and_year(client, dinkes):
    unit, petugas = dinkes
    lain = PpidPembantu.objects.create(nama="Dinas Pendidikan")
    client.force_login(petugas)
    client.post(f"/kelola/ppid/pembantu/{unit.pk}/laporan/2025/", ISI)
    assert client.get(f"/kelola/ppid/pembantu/{lain.pk}/laporan/2025/").status_code == 404
    assert client.post(f"/kelola/ppid/pembantu/{lain.pk}/laporan/2025/", ISI).status_code == 404
    r = client.post(f"/kelola/ppid/pembantu/{unit.pk}/laporan/2026/", ISI)  # the year has not ended
    assert r.status_code == 400 and "setelah tahunnya berakhir" in r.content.decode()
    r = client.post(f"/kelola/ppid/pembantu/{unit.pk}/laporan/2024/", {**ISI, "kebijakan": " "})
    assert r.status_code == 400
    assert list(LaporanPembantu.objects.values_list("pembantu__nama", "tahun")) == [("Dinas Kesehatan", 2025)]
    teks = _teks(client.get(f"/kelola/ppid/pembantu/{unit.pk}/laporan-2024.docx").content)
    assert (
        "Meja layanan di lobi dinas." not in teks
        and "Draf: uraian belum disusun PPID. Disampaikan paling lambat 31 Maret 2025." in teks
    )
