"""Editing a KIM profile: uploads checked by content and size, dates checked, edits never lost."""

import io
import re
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from akun.models import Audit
from jembatan.test import DESA_A
from jembatan.tests.contoh_berkas import SKRIP, pdf_sah, png, poliglot
from kim.models import Kim

pytestmark = pytest.mark.django_db

PDF = pdf_sah()


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (3.0, 9.0, 7.0)}  # GPSInfo
    exif[0x010F] = "KameraUji"  # Make
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _data(kim, **extra):
    return {"nama": kim.nama, "versi": kim.versi, "tanggal_sk": "2025-03-01", "nomor_sk": "141/01/2025", **extra}


@time_machine.travel(date(2025, 6, 30))
def test_editor_saves_profile_with_sk_scan_and_it_is_audited(client, cast):
    client.force_login(cast.editor)
    scan = SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf")
    response = client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, profil="Kami KIM desa", berkas_sk=scan))
    assert response.status_code == 302
    kim = Kim.objects.get(pk=cast.kim_a.pk)
    assert kim.profil == "Kami KIM desa" and kim.berkas_sk.name.endswith(".pdf")
    assert kim.versi == cast.kim_a.versi + 1
    entry = Audit.objects.get(aksi="ubah_kim")
    assert entry.user == cast.editor and entry.perubahan["profil"] == ["", "Kami KIM desa"]
    download = client.get(f"/kelola/{DESA_A}/berkas/sk/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"] == f'attachment; filename="sk-{DESA_A}.pdf"'


def test_an_html_pdf_polyglot_uploaded_as_sk_html_is_stored_as_a_rewritten_pdf_under_a_random_name(client, cast):
    client.force_login(cast.editor)
    scan = SimpleUploadedFile("sk.html", poliglot(), content_type="text/html")
    assert client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, berkas_sk=scan)).status_code == 302
    kim = Kim.objects.get(pk=cast.kim_a.pk)
    assert re.fullmatch(r"kim/sk/20\d\d/[0-9a-f]{32}\.pdf", kim.berkas_sk.name)
    with kim.berkas_sk.open("rb") as f:
        disimpan = f.read()
    assert disimpan.startswith(b"%PDF-") and b"<script" not in disimpan
    download = client.get(f"/kelola/{DESA_A}/berkas/sk/")
    assert b"<script" not in b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf" and download["Content-Disposition"].startswith("attachment;")


def test_html_between_a_pdf_header_and_trailer_is_refused_and_nothing_stored(client, cast):
    client.force_login(cast.editor)
    palsu = SimpleUploadedFile("sk.html", b"%PDF-1.4\n" + SKRIP + b"\n%%EOF\n", content_type="text/html")
    response = client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, berkas_sk=palsu))
    assert response.status_code == 200
    assert "PDF ini rusak atau tidak dapat dibaca" in response.context["form"].errors["berkas_sk"][0]
    assert not Kim.objects.get(pk=cast.kim_a.pk).berkas_sk


def test_a_password_protected_pdf_is_refused_with_a_reason(client, cast):
    client.force_login(cast.editor)
    terkunci = SimpleUploadedFile("adart.pdf", pdf_sah(sandi="rahasia"), content_type="application/pdf")
    response = client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, berkas_adart=terkunci))
    assert "dikunci dengan kata sandi" in response.context["form"].errors["berkas_adart"][0]
    assert not Kim.objects.get(pk=cast.kim_a.pk).berkas_adart


def test_a_logo_is_stored_under_its_detected_type_and_served_inline_as_an_image(client, cast):
    client.force_login(cast.editor)
    logo = SimpleUploadedFile("logo.jpg", png(30, 30), content_type="image/jpeg")  # a PNG named .jpg
    assert client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, logo=logo)).status_code == 302
    kim = Kim.objects.get(pk=cast.kim_a.pk)
    assert re.fullmatch(r"kim/logo/[0-9a-f]{32}\.png", kim.logo.name)
    client.logout()
    response = client.get(f"/kim/{DESA_A}/logo")
    assert response.status_code == 200 and Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "PNG"
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(client, cast, settings):
    settings.JEMBATAN_MAX_IMAGE_PIXELS = 100 * 100
    client.force_login(cast.editor)
    scan = SimpleUploadedFile("sk.png", png(200, 200), content_type="image/png")
    response = client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, berkas_sk=scan))
    assert "paling banyak 0.01 megapiksel" in response.context["form"].errors["berkas_sk"][0]
    assert not Kim.objects.get(pk=cast.kim_a.pk).berkas_sk


def test_a_file_that_only_claims_to_be_a_pdf_is_refused(client, cast):
    client.force_login(cast.editor)
    fake = SimpleUploadedFile("sk.pdf", b"MZ\x90\x00 this is an exe", content_type="application/pdf")
    response = client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, profil="tetap ada", berkas_sk=fake))
    assert response.status_code == 200
    assert "PDF, JPEG atau PNG" in response.context["form"].errors["berkas_sk"][0]
    assert "tetap ada" in response.content.decode()  # the input is kept
    assert not Kim.objects.get(pk=cast.kim_a.pk).berkas_sk


def test_oversized_upload_is_stopped_while_streaming(client, cast, settings):
    settings.JEMBATAN_MAX_UPLOAD_MB = 1
    client.force_login(cast.editor)
    big = SimpleUploadedFile("sk.pdf", PDF + b"0" * (3 * 1024 * 1024), content_type="application/pdf")
    response = client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, berkas_sk=big))
    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()
    assert not Kim.objects.get(pk=cast.kim_a.pk).berkas_sk


def test_photo_metadata_is_stripped_from_jpeg_scans(client, cast):
    client.force_login(cast.admin)
    scan = SimpleUploadedFile("sk.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    assert client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, berkas_sk=scan)).status_code == 302
    with Kim.objects.get(pk=cast.kim_a.pk).berkas_sk.open("rb") as f, Image.open(f) as img:
        exif = img.getexif()
    assert 0x8825 not in exif and 0x010F not in exif


@time_machine.travel(date(2025, 6, 30))
def test_sk_date_in_the_future_is_refused(client, cast):
    client.force_login(cast.admin)
    response = client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, tanggal_sk="2025-07-01"))
    assert "masa depan" in response.context["form"].errors["tanggal_sk"][0]


def test_two_editors_on_one_profile_the_second_is_told_not_overwritten(client, cast):
    stale = cast.kim_a.versi
    client.force_login(cast.admin)
    assert client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, profil="versi admin")).status_code == 302
    client.force_login(cast.editor)
    response = client.post(f"/kelola/{DESA_A}/profil/", {**_data(cast.kim_a, profil="versi editor"), "versi": stale})
    assert response.status_code == 200
    assert "baru saja diubah" in response.content.decode()
    assert Kim.objects.get(pk=cast.kim_a.pk).profil == "versi admin"


def test_admin_creates_a_kim_profile_for_a_village_without_one(client, cast):
    client.force_login(cast.admin)
    response = client.post("/kelola/63.05.01.2007/profil/", {"nama": "KIM Pulau Pinang", "versi": 0, "nomor_kimid": "KIMID-01"})
    assert response.status_code == 302
    kim = Kim.objects.get(wilayah_id="63.05.01.2007")
    assert (kim.nama, kim.tahap, kim.nomor_kimid) == ("KIM Pulau Pinang", "belum_ada", "KIMID-01")


def test_editor_cannot_set_kimid_even_by_posting_it(client, cast):
    client.force_login(cast.editor)
    client.post(f"/kelola/{DESA_A}/profil/", _data(cast.kim_a, nomor_kimid="PALSU"))
    assert Kim.objects.get(pk=cast.kim_a.pk).nomor_kimid == ""
