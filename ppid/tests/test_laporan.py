"""The annual report: figures counted from the registers, the PPID's narrative, and who has not produced it."""

import datetime as dt

import pytest
import time_machine

from jembatan.test import DESA_A, DESA_B, KAB
from ppid.laporan import hitung
from ppid.models import Keberatan, Keputusan, LaporanTahunan
from ppid.tests.bantu import make_permohonan
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def tahun_2025(cast):
    """Five requests to village A in 2025: granted on time, refused on ground h, refused on ground a after an
    extension, not held, still open; and one objection taken to the Komisi Informasi. One more in 2026."""
    pemdes = cast.pemdes
    jawab = {"oleh": pemdes, "isi": "Terlampir.", "penandatangan": "Rahmadi"}
    a = make_permohonan(tanggal=D(2025, 2, 3))
    a.jawab(keputusan=Keputusan.DIKABULKAN, tanggal=D(2025, 2, 5), **jawab)  # 2 working days
    b = make_permohonan(tanggal=D(2025, 3, 27))
    b.jawab(
        keputusan=Keputusan.DITOLAK, alasan_pengecualian="h", uji_konsekuensi="Data pribadi.", tanggal=D(2025, 4, 22), **jawab
    )
    c = make_permohonan(tanggal=D(2025, 6, 2), dibantu_oleh=cast.anggota)
    c.perpanjang(oleh=pemdes, hari=7, alasan="Menunggu kecamatan.", tanggal=D(2025, 6, 10))
    c.jawab(keputusan=Keputusan.SEBAGIAN, alasan_pengecualian="a", uji_konsekuensi="Penyidikan.", tanggal=D(2025, 6, 26), **jawab)
    d = make_permohonan(tanggal=D(2025, 7, 1))
    d.jawab(keputusan=Keputusan.TIDAK_DIKUASAI, penguasa_informasi="Dinas PUPR", tanggal=D(2025, 7, 21), **jawab)
    make_permohonan(tanggal=D(2025, 12, 29))
    make_permohonan(tanggal=D(2026, 1, 5))
    k = Keberatan.ajukan(b, alasan="a", uraian="Minta jumlahnya.", tanggal=D(2025, 4, 24))
    k.tanggapi(
        oleh=pemdes,
        keputusan="ditolak",
        tanggapan="Dikuatkan.",
        nama_atasan="H. Basuni",
        jabatan_atasan="Kades",
        tanggal=D(2025, 5, 6),
    )
    k.catat_sengketa(oleh=pemdes, nomor="KI/1/2025", tanggal=D(2025, 5, 12), tahap="ajudikasi")


def test_the_figures_come_from_the_registers(tahun_2025):
    r, k = hitung(Wilayah.objects.get(kode=DESA_A), 2025)
    assert (r.diterima, r.diproses, r.diperpanjang, r.dibantu_kim) == (5, 1, 1, 1)
    assert dict(r.keputusan) == {
        "Dikabulkan seluruhnya": 1,
        "Dikabulkan sebagian": 1,
        "Ditolak (informasi dikecualikan)": 1,
        "Informasi tidak dikuasai": 1,
        "Informasi belum didokumentasikan": 0,
    }
    assert r.pengecualian == [("a. menghambat proses penegakan hukum", 1), ("h. mengungkap rahasia pribadi", 1)]
    # 2, 10 (27 March to 22 April 2025), 16 (2 to 26 June, Idul Adha and its cuti bersama between; extended, so
    # on time) and 14 (1 to 21 July, due 15 July: late) working days.
    assert (r.rata_rata_hari, r.terlama_hari, r.tepat_waktu, r.terlambat) == (10.5, 16, 3, 1)
    assert (k.diterima, k.diproses, k.sengketa) == (1, 0, 1)
    assert dict(k.keputusan)["Keberatan ditolak: keputusan PPID dikuatkan"] == 1
    assert dict(k.tahap_sengketa)["Ajudikasi"] == 1


@time_machine.travel("2026-02-10 09:00 +08:00", tick=False)
def test_the_ppid_writes_the_narrative_and_the_printable_report_shows_it_all(client, cast, tahun_2025):
    client.force_login(cast.pemdes)
    url = f"/kelola/ppid/{DESA_A}/laporan/2025/"
    r = client.post(url, {"kebijakan": "", "kendala": "Sinyal lemah.", "versi": 0})
    assert r.status_code == 400 and 'id="id_kebijakan_galat"' in r.content.decode() and "Sinyal lemah." in r.content.decode()
    data = {
        "kebijakan": "SK Kepala Desa No. 7/2024 tentang PPID Desa.",
        "kendala": "Sinyal lemah.",
        "rekomendasi": "Pelatihan PPID.",
        "versi": 0,
    }
    assert client.post(url, data).status_code == 302
    html = client.get(url).content.decode()
    assert "SK Kepala Desa No. 7/2024 tentang PPID Desa." in html and "10,5 hari kerja" in html and "16 hari kerja" in html
    assert "disusun 10 Februari 2026" in html and "31 Maret 2026" in html
    assert LaporanTahunan.objects.get().disusun_oleh == cast.pemdes


@time_machine.travel("2025-11-10 09:00 +08:00", tick=False)
def test_a_report_waits_for_its_year_to_end(cast):
    with pytest.raises(Exception, match="setelah tahunnya berakhir"):
        LaporanTahunan(wilayah_id=DESA_A, tahun=2025, kebijakan="SK.").simpan(oleh=cast.pemdes, versi=0)


@time_machine.travel("2026-04-01 09:00 +08:00", tick=False)
def test_diskominfo_sees_who_has_not_produced_it_after_31_march(client, cast):
    LaporanTahunan.objects.create(wilayah_id=DESA_A, tahun=2025, kebijakan="SK.", disusun_pada=D(2026, 3, 2))
    client.force_login(cast.admin)
    html = client.get("/kelola/ppid/laporan/2025/").content.decode()
    jumlah = Wilayah.objects.filter(kabupaten_kode=KAB, level=4, berlaku=True).count()
    assert f"{jumlah} PPID belum menyusun laporan" in html  # every other village and the regency itself
    assert html.count("sudah disusun") == 1 and "belum, terlambat" in html
    dasbor = client.get("/kelola/").content.decode()
    assert f"<strong>{jumlah}</strong> PPID belum menyusun laporan tahunan 2025" in dasbor


@time_machine.travel("2026-04-01 09:00 +08:00", tick=False)
def test_a_village_ppid_sees_only_its_own_report_state(client, cast):
    client.force_login(cast.pemdes)
    html = client.get("/kelola/ppid/laporan/2025/").content.decode()
    assert "1 PPID belum menyusun laporan" in html and "Pandulangan" not in html
    assert client.get(f"/kelola/ppid/{DESA_B}/laporan/2025/").status_code == 404


def _teks_docx(isi: bytes) -> str:
    import io

    from docx import Document

    doc = Document(io.BytesIO(isi))
    bagian = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            bagian.append(" | ".join(c.text for c in row.cells))
    return "\n".join(bagian)


@time_machine.travel("2026-02-10 09:00 +08:00", tick=False)
def test_the_report_downloads_as_an_editable_docx_with_the_narrative_and_the_figures(client, cast, tahun_2025):
    """GIVEN village A's year 2025 in its registers and the PPID's narrative saved
    WHEN the PPID downloads the report as DOCX
    THEN it holds every Ps. 56 section: policy, implementation, the figures, objections, disputes, obstacles."""
    LaporanTahunan.objects.create(
        wilayah_id=DESA_A,
        tahun=2025,
        kebijakan="SK Kepala Desa No. 7/2024 tentang PPID Desa.",
        pelaksanaan="Meja layanan di kantor desa.",
        kendala="Sinyal lemah.",
        rekomendasi="Pelatihan PPID.",
        disusun_pada=D(2026, 2, 2),
    )
    client.force_login(cast.pemdes)
    r = client.get(f"/kelola/ppid/{DESA_A}/laporan-2025.docx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    teks = _teks_docx(r.content)
    for bagian in (
        "LAPORAN LAYANAN INFORMASI PUBLIK",
        "SK Kepala Desa No. 7/2024 tentang PPID Desa.",
        "Meja layanan di kantor desa.",
        "Permohonan diterima | 5",
        "Dikabulkan sebagian | 1",
        "Rata-rata waktu menjawab | 10,5 hari kerja",
        "Waktu menjawab terlama | 16 hari kerja",
        "Dijawab terlambat | 1",
        "h. mengungkap rahasia pribadi | 1",
        "Keberatan diterima | 1",
        "Sengketa di Komisi Informasi | 1",
        "Ajudikasi | 1",
        "Sinyal lemah.",
        "Pelatihan PPID.",
        "Disusun 2 Februari 2026.",
    ):
        assert bagian in teks, bagian
    assert "6305014501900001" not in teks and "Siti Aminah" not in teks


@time_machine.travel("2026-02-10 09:00 +08:00", tick=False)
def test_the_regency_report_recaps_every_village_ppid(client, cast, tahun_2025):
    """GIVEN village A with five requests in 2025 and its report produced, the other villages with none
    WHEN Diskominfo downloads the regency's report (not yet written: a draft)
    THEN it lists every village PPID with its figures and whether it produced its report."""
    LaporanTahunan.objects.create(wilayah_id=DESA_A, tahun=2025, kebijakan="SK.", disusun_pada=D(2026, 2, 2))
    client.force_login(cast.admin)
    teks = _teks_docx(client.get(f"/kelola/ppid/{KAB}/laporan-2025.docx").content)
    jumlah = Wilayah.objects.filter(kabupaten_kode=KAB, level=4, berlaku=True).count()
    assert "Draf: uraian belum disusun PPID." in teks
    assert "Tungkap | Binuang | 5 | 4 | 3 | 1 | 10,5 | sudah" in teks
    assert f"1 dari {jumlah} PPID Desa sudah menyusun laporan tahunan." in teks
    assert teks.count(" | belum") == jumlah - 1
