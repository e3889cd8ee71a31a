"""/media/publik/ serves only files really inside media/publik/, each marked nosniff, non-images as downloads."""

import os
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import resolve

pytestmark = pytest.mark.django_db

RAHASIA = b"%PDF-1.4 SK rahasia desa\n%%EOF\n"


@pytest.fixture
def media(settings):
    akar = Path(settings.MEDIA_ROOT)
    (akar / "kim/sk/2026").mkdir(parents=True)
    (akar / "kim/sk/2026/a1b2.pdf").write_bytes(RAHASIA)
    (akar / "publik/warta/2026/01").mkdir(parents=True)
    (akar / "publik/warta/2026/01/foto-400.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    (akar / "publik/catatan.html").write_bytes(b"<script>alert(1)</script>")
    return akar


def _isi(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    "url",
    [
        "/media/publik/..%2fkim/sk/2026/a1b2.pdf",
        "/media/publik/..%2Fkim/sk/2026/a1b2.pdf",
        "/media/publik/%2e%2e/kim/sk/2026/a1b2.pdf",
        "/media/publik/%2e%2e%2fkim/sk/2026/a1b2.pdf",
        "/media/publik/../kim/sk/2026/a1b2.pdf",
        "/media/publik/warta/../../kim/sk/2026/a1b2.pdf",
        "/media/publik/./../kim/sk/2026/a1b2.pdf",
        "/media/publik//kim/sk/2026/a1b2.pdf",
        "/media/publik/%2fetc/passwd",
        "/media/publik/..%5ckim/sk/2026/a1b2.pdf",
    ],
)
def test_traversal_out_of_publik_is_404(client, media, url):
    response = client.get(url)
    assert response.status_code == 404
    assert RAHASIA not in _isi(response)


def test_raw_dotdot_in_path_info_is_404_through_the_whole_stack(client, media):
    # What `curl --path-as-is` sends: PATH_INFO carries ../ untouched by any client-side normalising.
    response = client.request(PATH_INFO="/media/publik/../kim/sk/2026/a1b2.pdf", REQUEST_METHOD="GET")
    assert response.status_code == 404
    assert RAHASIA not in _isi(response)


def test_raw_dotdot_built_with_request_factory_is_404(media):
    from django.http import Http404

    request = RequestFactory().get("/")
    request.path_info = request.path = "/media/publik/../kim/sk/2026/a1b2.pdf"
    match = resolve(request.path_info)
    with pytest.raises(Http404):
        match.func(request, *match.args, **match.kwargs)


def test_a_symlink_out_of_publik_is_404(client, media):
    os.symlink(media / "kim", media / "publik/tautan")
    os.symlink(media / "kim/sk/2026/a1b2.pdf", media / "publik/sk.pdf")
    assert client.get("/media/publik/tautan/sk/2026/a1b2.pdf").status_code == 404
    assert client.get("/media/publik/sk.pdf").status_code == 404


def test_a_public_photo_is_served_inline_and_nosniff(client, media):
    response = client.get("/media/publik/warta/2026/01/foto-400.jpg")
    assert response.status_code == 200 and _isi(response) == b"\xff\xd8\xff\xe0 jpeg"
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")


def test_anything_in_publik_that_is_not_an_image_is_a_download(client, media):
    response = client.get("/media/publik/catatan.html")
    response.close()
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="catatan.html"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_public_file_is_404(client, media):
    assert client.get("/media/publik/warta/2026/01/tidak-ada.jpg").status_code == 404


def test_a_private_file_named_in_the_default_storage_is_served_as_its_type_and_handed_to_nginx(settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from jembatan.lib.media import serve_private

    nama = default_storage.save("mading/audio/63.05.01.2003/2026-W48-abc.ogg", ContentFile(b"OggS audio"))
    response = serve_private(nama, "mading-2026-W48", as_attachment=True)
    assert response["Content-Type"] == "audio/ogg" and b"".join(response.streaming_content) == b"OggS audio"
    assert response["Content-Disposition"] == 'attachment; filename="mading-2026-W48.ogg"'
    response.close()
    settings.JEMBATAN_X_ACCEL_REDIRECT = "/_media/"
    response = serve_private(nama, "mading-2026-W48", as_attachment=True)
    assert response["X-Accel-Redirect"] == f"/_media/{nama}" and response.content == b""
