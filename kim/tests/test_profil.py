"""Editing a KIM profile: uploads checked by content and size, dates checked, edits never lost."""

import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from akun.models import Audit
from jembatan.test import DESA_A
from kim.models import Kim

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


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
