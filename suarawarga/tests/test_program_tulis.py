"""Publishing programs: the form in the publisher's scope, the PDF document, stage and progress with photos."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from jembatan.test import DESA_A, DESA_B, KAB
from jembatan.tests.contoh_berkas import pdf_sah, png
from suarawarga.models import Program, TahapProgram
from suarawarga.tests.bantu import make_program

pytestmark = pytest.mark.django_db

ISIAN = {
    "nama": "Pembangunan posyandu Dusun 1",
    "deskripsi": "Gedung posyandu 6 x 8 m di tanah hibah warga.",
    "wilayah": DESA_A,
    "bidang": "kesehatan",
    "tahun": "2026",
    "sumber_dana": "dana_desa",
    "anggaran": "245000000",
    "pelaksana": "TPK Desa Tungkap",
    "dokumen_keterangan": "APBDes 2026 halaman 7",
    "versi": "0",
}


def test_a_village_government_publishes_a_program_with_its_apbdes_page(client, cast):
    client.force_login(cast.pemdes)
    dokumen = SimpleUploadedFile("apbdes.pdf", pdf_sah(), content_type="application/pdf")
    response = client.post("/kelola/program/tambah/", {**ISIAN, "dokumen": dokumen})
    p = Program.objects.get()
    assert response.status_code == 302 and (p.anggaran, p.dibuat_oleh, p.tahap) == (
        245_000_000,
        cast.pemdes,
        TahapProgram.RENCANA,
    )
    assert p.dokumen.name.startswith("publik/program/") and p.dokumen.name.endswith(".pdf")
    assert "APBDes 2026 halaman 7" in client.get(p.get_absolute_url()).content.decode()


def test_a_document_that_is_not_a_pdf_is_refused_beside_the_field(client, cast):
    client.force_login(cast.pemdes)
    palsu = SimpleUploadedFile("apbdes.pdf", png(20, 20), content_type="application/pdf")
    response = client.post("/kelola/program/tambah/", {**ISIAN, "dokumen": palsu})
    assert response.status_code == 400 and "dokumen" in response.context["form"].errors
    assert "Pembangunan posyandu Dusun 1" in response.content.decode() and not Program.objects.exists()


def test_a_village_government_cannot_publish_for_another_village_or_the_regency(client, cast):
    client.force_login(cast.pemdes)
    for kode in (DESA_B, KAB):
        response = client.post("/kelola/program/tambah/", {**ISIAN, "wilayah": kode})
        assert response.status_code == 400 and "cakupan Anda" in response.context["form"].errors["wilayah"][0]


def test_diskominfo_publishes_for_the_whole_regency(client, cast):
    client.force_login(cast.admin)
    assert client.post("/kelola/program/tambah/", {**ISIAN, "wilayah": KAB}).status_code == 302
    assert Program.objects.get().wilayah_id == KAB


def test_a_stale_edit_is_refused_and_kept(client, cast):
    p = make_program(cast)
    client.force_login(cast.pemdes)
    client.post(f"/kelola/program/{p.pk}/", {**ISIAN, "versi": p.versi})
    response = client.post(f"/kelola/program/{p.pk}/", {**ISIAN, "nama": "Versi lama", "versi": p.versi})
    assert response.status_code == 409 and "Versi lama" in response.content.decode()


def test_stage_and_progress_with_a_photo_through_the_pages(client, cast):
    p = make_program(cast)
    client.force_login(cast.operator)
    response = client.post(f"/kelola/program/{p.pk}/tahap/", {"tahap": "selesai", "versi": p.versi})
    assert response.status_code == 400 and "tidak dapat dipilih" in response.content.decode()
    client.post(f"/kelola/program/{p.pk}/tahap/", {"tahap": "berjalan", "versi": p.versi})
    foto = SimpleUploadedFile("jalan.png", png(800, 600), content_type="image/png")
    with time_machine.travel("2026-07-10 10:00 +08:00", tick=True):
        response = client.post(
            f"/kelola/program/{p.pk}/progres/",
            {"persen": "35", "tanggal": "2026-07-10", "catatan": "Pondasi selesai.", "foto": foto},
        )
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.tahap, p.progres) == (TahapProgram.BERJALAN, 35) and p.kemajuan.get().foto.count() == 1
    response = client.post(f"/kelola/program/{p.pk}/progres/", {"persen": "20", "tanggal": "2026-07-10", "catatan": "Salah."})
    assert response.status_code == 400 and "tidak kurang dari yang sudah dicatat" in response.content.decode()


def test_the_progress_form_offers_today_in_the_format_a_date_input_reads(client, cast):
    p = make_program(cast, tahap=TahapProgram.BERJALAN)
    client.force_login(cast.pemdes)
    with time_machine.travel("2026-07-10 10:00 +08:00", tick=False):
        html = client.get(f"/kelola/program/{p.pk}/").content.decode()
    assert 'type="date" name="tanggal" value="2026-07-10"' in html
