"""Uploads: stored under names the server makes, PDFs re-written by a parser, images measured before decoding."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from jembatan.lib.uploads import UploadTo, check_pixels, clean_upload, rewrite_pdf, stored_name
from jembatan.tests.contoh_berkas import SKRIP, kepala_png, pdf_sah, png, poliglot

# --- Names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "ext"),
    [("sk.pdf", "pdf"), ("SK.PDF", "pdf"), ("foto.jpg", "jpg"), ("a.png", "png"), ("sk.html", "bin"), ("x", "bin")],
)
def test_stored_names_are_random_and_keep_only_a_known_extension(nama, ext):
    a, b = stored_name("kim/sk/%Y", nama), stored_name("kim/sk/%Y", nama)
    assert re.fullmatch(rf"kim/sk/20\d\d/[0-9a-f]{{32}}\.{ext}", a)
    assert a != b


def test_upload_to_ignores_the_uploaded_name_and_survives_migrations():
    tujuan = UploadTo("siaran/%Y/%m")
    assert re.fullmatch(r"siaran/20\d\d/\d\d/[0-9a-f]{32}\.bin", tujuan(None, "../../etc/passwd"))
    assert tujuan.deconstruct() == ("jembatan.lib.uploads.UploadTo", ("siaran/%Y/%m",), {})
    assert tujuan == UploadTo("siaran/%Y/%m") != UploadTo("kim/logo")


def test_the_cleaned_file_is_named_by_its_detected_type():
    assert clean_upload(SimpleUploadedFile("sk.html", pdf_sah())).name == "sk.pdf"
    assert clean_upload(SimpleUploadedFile("dokumen.pdf", png(20, 10))).name == "dokumen.png"
    assert clean_upload(SimpleUploadedFile("../../kim/sk.php.jpg", png(20, 10))).name == "sk.php.png"


# --- PDFs -----------------------------------------------------------------------------------------


def test_a_pdf_html_polyglot_is_rewritten_without_the_html():
    bersih = rewrite_pdf(io.BytesIO(poliglot()))
    assert b"<script" not in bersih and b"<html" not in bersih
    assert bersih.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(bersih)).pages) == 1


def test_a_pdf_in_name_only_is_refused():
    # The shape from the attack: %PDF- header, %%EOF trailer, HTML between, no PDF structure at all.
    palsu = b"%PDF-1.4\n" + SKRIP + b"\n%%EOF\n"
    with pytest.raises(ValidationError) as e:
        clean_upload(SimpleUploadedFile("sk.pdf", palsu))
    assert "PDF ini rusak" in e.value.messages[0]


def test_an_encrypted_pdf_is_refused_politely():
    with pytest.raises(ValidationError) as e:
        rewrite_pdf(io.BytesIO(pdf_sah(sandi="rahasia")))
    assert "kata sandi" in e.value.messages[0]


def test_document_scripts_are_dropped_and_pages_kept():
    bersih = rewrite_pdf(io.BytesIO(pdf_sah(halaman=3, skrip=True)))
    reader = PdfReader(io.BytesIO(bersih))
    assert len(reader.pages) == 3
    assert "/OpenAction" not in reader.trailer["/Root"] and b"JavaScript" not in bersih


# --- Pixels ---------------------------------------------------------------------------------------


def test_an_image_over_the_pixel_limit_is_refused_from_its_header(settings):
    settings.JEMBATAN_MAX_IMAGE_PIXELS = 200 * 100
    check_pixels(io.BytesIO(png(200, 100)))  # at the limit: fine
    with pytest.raises(ValidationError) as e:
        check_pixels(io.BytesIO(png(201, 100)))
    assert e.value.code == "too_many_pixels" and "0.02 megapiksel" in e.value.messages[0]
    with pytest.raises(ValidationError) as e:
        clean_upload(SimpleUploadedFile("a.png", png(201, 100)))
    assert e.value.code == "too_many_pixels"


def test_a_bomb_past_pillows_own_guard_gets_the_same_polite_answer():
    # 20000×20000 is past twice Pillow's limit (set from the same setting): Image.open itself refuses it.
    with pytest.raises(ValidationError) as e:
        clean_upload(SimpleUploadedFile("layar.png", kepala_png(20000, 20000)))
    assert e.value.code == "too_many_pixels" and "megapiksel" in e.value.messages[0]


def test_pillows_guard_is_set_from_the_setting(settings):
    assert settings.JEMBATAN_MAX_IMAGE_PIXELS == 40_000_000
    assert Image.MAX_IMAGE_PIXELS == 40_000_000
