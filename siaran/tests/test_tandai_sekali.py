"""A siaran receipt delivered twice (queued offline and sent again) is recorded once, and answered the same."""

import pytest

from akun.models import Audit
from akun.sekali import FIELD

pytestmark = pytest.mark.django_db


@pytest.fixture
def penerimaan_a(buat_siaran, cast):
    return buat_siaran().penerimaan.get(kim=cast.kim_a)


def test_received_twice_with_the_same_key_is_one_mark_and_no_error(client, cast, penerimaan_a):
    client.force_login(cast.editor)
    alamat = f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/terima/"
    assert f'name="{FIELD}"' in client.get(f"/kelola/siaran/{penerimaan_a.siaran_id}/").content.decode()
    client.post(alamat, {FIELD: "f" * 32})
    kedua = client.post(alamat, {FIELD: "f" * 32}, follow=True)
    assert Audit.objects.filter(aksi="terima_siaran").count() == 1
    assert "sudah ditandai diterima sebelumnya" not in kedua.content.decode()


def test_passed_on_twice_with_the_same_key_records_the_places_once(client, cast, penerimaan_a):
    client.force_login(cast.editor)
    alamat = f"/kelola/siaran/penerimaan/{penerimaan_a.pk}/teruskan/"
    data = {"tempat": ["whatsapp", "mading"], "catatan": "Grup RT 03", FIELD: "a1" * 16}
    client.post(alamat, data)
    kedua = client.post(alamat, data)
    assert kedua.status_code == 303 and kedua["Location"] == f"/kelola/siaran/{penerimaan_a.siaran_id}/"
    assert Audit.objects.filter(aksi="teruskan_siaran").count() == 1
