"""The PPID desk: the requests in scope with the overdue ones flagged, and each step taken from a form."""

import datetime as dt
import io

import pytest
import time_machine
from docx import Document

from jembatan.test import DESA_A, DESA_B, KAB
from ppid.models import Keberatan, Keputusan, Permohonan, Status
from ppid.tests.bantu import make_permohonan

pytestmark = pytest.mark.django_db


@pytest.fixture
def p():
    return make_permohonan(tanggal=dt.date(2026, 3, 17))


@time_machine.travel("2026-04-09 09:00 +08:00", tick=False)
def test_the_village_ppid_sees_its_requests_with_the_overdue_flagged(client, cast, p):
    lain = make_permohonan(kode=DESA_B, tanggal=dt.date(2026, 4, 1))
    client.force_login(cast.pemdes)
    html = client.get("/kelola/ppid/").content.decode()
    assert "1 permohonan melewati batas waktu." in html and p.nomor in html and lain.nomor not in html
    assert '<tr class="terlambat">' in html


@time_machine.travel("2026-04-09 09:00 +08:00", tick=False)
def test_diskominfo_sees_every_overdue_request_in_the_regency(client, cast, p):
    lain = make_permohonan(kode=DESA_B, tanggal=dt.date(2026, 3, 18))
    baru = make_permohonan(kode=KAB, tanggal=dt.date(2026, 4, 8))
    client.force_login(cast.admin)
    html = client.get("/kelola/ppid/", {"tampil": "terlambat"}).content.decode()
    assert "2 permohonan melewati batas waktu." in html
    assert p.nomor in html and lain.nomor in html and baru.nomor not in html


def test_the_ppid_sees_the_identity_the_public_never_does(client, cast, p):
    client.force_login(cast.pemdes)
    html = client.get(f"/kelola/ppid/permohonan/{p.pk}/").content.decode()
    assert "6305014501900001" in html and "RT 02 Desa Tungkap" in html and "Beri pemberitahuan tertulis" in html


def test_the_operator_follows_but_does_not_answer(client, cast, p):
    client.force_login(cast.operator)
    html = client.get(f"/kelola/ppid/permohonan/{p.pk}/").content.decode()
    assert p.nomor in html and "Beri pemberitahuan tertulis" not in html


@time_machine.travel("2026-04-06 09:00 +08:00", tick=False)
def test_an_extension_from_the_form_moves_the_deadline(client, cast, p):
    client.force_login(cast.pemdes)
    r = client.post(
        f"/kelola/ppid/permohonan/{p.pk}/perpanjang/", {"hari": 7, "alasan": "Menunggu kecamatan.", "tanggal": "2026-04-06"}
    )
    assert r.status_code == 302
    assert Permohonan.objects.get(pk=p.pk).batas_jawab == dt.date(2026, 4, 17)


@time_machine.travel("2026-04-06 09:00 +08:00", tick=False)
def test_an_extension_beyond_7_days_is_answered_beside_the_field_with_input_kept(client, cast, p):
    client.force_login(cast.pemdes)
    r = client.post(
        f"/kelola/ppid/permohonan/{p.pk}/perpanjang/", {"hari": 9, "alasan": "Menunggu kecamatan.", "tanggal": "2026-04-06"}
    )
    html = r.content.decode()
    assert r.status_code == 400 and "Perpanjangan paling lama 7 hari kerja." in html and "Menunggu kecamatan." in html
    assert 'id="id_hari_galat"' in html
    assert Permohonan.objects.get(pk=p.pk).perpanjangan_hari is None


@time_machine.travel("2026-03-26 09:00 +08:00", tick=False)
def test_a_refusal_without_a_ground_is_answered_beside_the_field(client, cast, p):
    client.force_login(cast.pemdes)
    data = {"keputusan": "ditolak", "isi": "Ditolak.", "penandatangan": "Rahmadi", "biaya": 0, "tanggal": "2026-03-26"}
    r = client.post(f"/kelola/ppid/permohonan/{p.pk}/jawab/", data)
    html = r.content.decode()
    assert r.status_code == 400 and "Informasi hanya dapat dikecualikan dengan dasar Pasal 17." in html
    assert 'id="id_alasan_pengecualian_galat"' in html
    assert Permohonan.objects.get(pk=p.pk).status == Status.DIPROSES


@time_machine.travel("2026-03-26 09:00 +08:00", tick=False)
def test_an_answer_dated_in_the_future_is_refused(client, cast, p):
    client.force_login(cast.pemdes)
    data = {"keputusan": "dikabulkan", "isi": "Terlampir.", "penandatangan": "Rahmadi", "biaya": 0, "tanggal": "2026-03-27"}
    r = client.post(f"/kelola/ppid/permohonan/{p.pk}/jawab/", data)
    assert r.status_code == 400 and "Tanggal tidak boleh di masa depan." in r.content.decode()


@time_machine.travel("2026-03-26 09:00 +08:00", tick=False)
def test_the_ppid_answers_and_the_request_leaves_the_open_list(client, cast, p):
    client.force_login(cast.pemdes)
    data = {
        "keputusan": "dikabulkan",
        "isi": "Salinan APBDes terlampir.",
        "penandatangan": "Rahmadi",
        "biaya": 0,
        "tanggal": "2026-03-26",
    }
    assert client.post(f"/kelola/ppid/permohonan/{p.pk}/jawab/", data).status_code == 302
    p.refresh_from_db()
    assert (p.keputusan, p.dijawab_oleh, p.lama_jawab) == (Keputusan.DIKABULKAN, cast.pemdes, 2)
    assert p.nomor not in client.get("/kelola/ppid/").content.decode()


@time_machine.travel("2026-04-20 09:00 +08:00", tick=False)
def test_the_atasan_answers_an_objection_and_records_the_dispute(client, cast, p):
    k = Keberatan.ajukan(p, alasan="c", uraian="Belum dijawab.")
    client.force_login(cast.pemdes)
    data = {
        "tanggapi": "",
        "keputusan": "diterima",
        "tanggapan": "PPID diminta memberikan salinan dalam 3 hari.",
        "nama_atasan": "H. Basuni",
        "jabatan_atasan": "Kepala Desa",
        "tanggal": "2026-04-20",
    }
    assert client.post(f"/kelola/ppid/keberatan/{k.pk}/", data).status_code == 302
    data = {"sengketa": "", "nomor": "012/KI/2026", "tanggal": "2026-04-20", "tahap": "selesai", "hasil": ""}
    r = client.post(f"/kelola/ppid/keberatan/{k.pk}/", data)
    assert r.status_code == 400 and "Tuliskan hasil mediasi atau putusan ajudikasi." in r.content.decode()
    k.refresh_from_db()
    assert (k.keputusan, k.nama_atasan, k.nomor_sengketa) == ("diterima", "H. Basuni", "")


def test_the_written_notice_downloads_as_an_editable_docx(client, cast, p):
    with time_machine.travel("2026-03-26 09:00 +08:00", tick=False):
        p.jawab(
            oleh=cast.pemdes,
            keputusan=Keputusan.DITOLAK,
            isi="Daftar memuat data pribadi.",
            alasan_pengecualian="h",
            uji_konsekuensi="NIK penerima dilindungi.",
            penandatangan="Rahmadi, Sekretaris Desa",
        )
    client.force_login(cast.pemdes)
    assert f"/kelola/ppid/permohonan/{p.pk}/pemberitahuan.docx" in client.get(f"/kelola/ppid/permohonan/{p.pk}/").content.decode()
    r = client.get(f"/kelola/ppid/permohonan/{p.pk}/pemberitahuan.docx")
    doc = Document(io.BytesIO(r.content))
    teks = "\n".join([x.text for x in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert "PEMBERITAHUAN TERTULIS" in teks and p.nomor in teks and "h. mengungkap rahasia pribadi" in teks
    assert "NIK penerima dilindungi." in teks and "Rahmadi, Sekretaris Desa" in teks and "Tungkap, 26 Maret 2026" in teks


def test_an_open_request_has_no_notice_to_download(client, cast, p):
    client.force_login(cast.pemdes)
    assert client.get(f"/kelola/ppid/permohonan/{p.pk}/pemberitahuan.docx").status_code == 404


@time_machine.travel("2026-04-06 09:00 +08:00", tick=False)
def test_the_ppid_enters_a_paper_request_with_the_day_it_was_received(client, cast):
    client.force_login(cast.pemdes)
    data = {
        "nama": "Pak Rahman",
        "nomor_identitas": "6305010101700001",
        "alamat": "RT 05 Tungkap",
        "rincian": "Daftar penerima BLT 2026 tanpa NIK.",
        "tujuan": "Memeriksa apakah keluarga saya terdaftar.",
        "cara_memperoleh": "melihat",
        "diterima": "2026-03-17",
    }
    r = client.post(f"/kelola/ppid/{DESA_A}/catat/", data)
    p = Permohonan.objects.get()
    assert r.status_code == 302 and (p.diterima, p.batas_jawab, p.cara_salinan) == (dt.date(2026, 3, 17), dt.date(2026, 4, 8), "")
    assert p.kode in client.get(r["Location"]).content.decode()


@time_machine.travel("2026-04-06 09:00 +08:00", tick=False)
def test_a_paper_request_dated_in_the_future_is_refused_beside_the_date(client, cast):
    client.force_login(cast.pemdes)
    data = {
        "nama": "Pak Rahman",
        "nomor_identitas": "6305010101700001",
        "alamat": "RT 05",
        "rincian": "APBDes.",
        "tujuan": "Tahu.",
        "cara_memperoleh": "melihat",
        "diterima": "2026-04-07",
    }
    r = client.post(f"/kelola/ppid/{DESA_A}/catat/", data)
    assert r.status_code == 400 and 'id="id_diterima_galat"' in r.content.decode() and not Permohonan.objects.exists()
