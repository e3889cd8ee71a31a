"""Attachments are served only to those who may see their siaran."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def lampiran(buat_siaran, cast):
    f = SimpleUploadedFile("edaran bupati.pdf", PDF, content_type="application/pdf")
    return buat_siaran(cakupan="desa", wilayah=[cast.kim_a.wilayah], lampiran=[f]).lampiran.get()


@pytest.mark.parametrize("peran", ["admin", "operator", "editor", "anggota"])
def test_readers_of_the_siaran_download_it(client, cast, lampiran, peran):
    client.force_login(getattr(cast, peran))
    response = client.get(f"/kelola/siaran/lampiran/{lampiran.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;") and "edaran" in response["Content-Disposition"]
    response.close()


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
