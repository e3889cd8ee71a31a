"""Attachments are served only to those who may see their siaran."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jembatan.tests.contoh_berkas import pdf_sah

pytestmark = pytest.mark.django_db

PDF = pdf_sah()


@pytest.fixture
def lampiran(buat_siaran, cast):
    f = SimpleUploadedFile("edaran bupati.pdf", PDF, content_type="application/pdf")
    return buat_siaran(cakupan="desa", wilayah=[cast.kim_a.wilayah], lampiran=[f]).lampiran.get()


@pytest.mark.parametrize("peran", ["admin", "operator", "editor", "anggota"])
def test_readers_of_the_siaran_download_it(client, cast, lampiran, peran):
    client.force_login(getattr(cast, peran))
    response = client.get(f"/kelola/siaran/lampiran/{lampiran.pk}/")
    with lampiran.berkas.open("rb") as f:
        assert response.status_code == 200 and b"".join(response.streaming_content) == f.read()
    assert response["Content-Disposition"] == 'attachment; filename="edaran bupati.pdf"'
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_behind_nginx_the_file_is_handed_over_with_x_accel_redirect(client, cast, lampiran, settings):
    settings.JEMBATAN_X_ACCEL_REDIRECT = "/_berkas/"
    client.force_login(cast.editor)
    response = client.get(f"/kelola/siaran/lampiran/{lampiran.pk}/")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_berkas/{lampiran.berkas.name}"
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    client.force_login(cast.editor_lain)
    assert "X-Accel-Redirect" not in client.get(f"/kelola/siaran/lampiran/{lampiran.pk}/")


@pytest.mark.parametrize("peran", ["editor_lain", "pemdes", "verifikator", "warga"])
def test_others_get_404(client, cast, lampiran, peran):
    client.force_login(getattr(cast, peran))
    assert client.get(f"/kelola/siaran/lampiran/{lampiran.pk}/").status_code == 404


def test_anonymous_is_sent_to_login_and_the_file_is_not_public(client, lampiran):
    assert client.get(f"/kelola/siaran/lampiran/{lampiran.pk}/")["Location"].startswith("/akun/masuk/")
    assert client.get(f"/media/{lampiran.berkas.name}").status_code == 404


def test_the_siaran_page_links_the_attachment(client, cast, lampiran):
    client.force_login(cast.editor)
    html = client.get(f"/kelola/siaran/{lampiran.siaran_id}/").content.decode()
    assert f'href="/kelola/siaran/lampiran/{lampiran.pk}/"' in html and "edaran bupati.pdf" in html
