"""The technical admin does not change a published verdict behind the desk's back: there its verdict can only
be read, and the page points to the desk, where the change is versioned and audited."""

import pytest

from cekfakta.models import Klaim, Status
from diskusi.tests.conftest import make_putusan

pytestmark = pytest.mark.django_db


def _ubah(admin_client, klaim, **isian):
    data = {
        "judul": klaim.judul,
        "teks_contoh": klaim.teks_contoh,
        "status": klaim.status,
        "hasil": klaim.hasil,
        "jenis_salah": klaim.jenis_salah,
        "topik": klaim.topik,
        "penjelasan": klaim.penjelasan,
        "metode": klaim.metode,
        "pertama_dilihat_0": "2026-05-01",
        "pertama_dilihat_1": "10:00:00",
        "terakhir_dilihat_0": "2026-05-01",
        "terakhir_dilihat_1": "10:00:00",
        "referensi-TOTAL_FORMS": "0",
        "referensi-INITIAL_FORMS": "0",
        **isian,
    }
    return admin_client.post(f"/django-admin/cekfakta/klaim/{klaim.pk}/change/", data, follow=True)


def test_a_published_verdict_is_read_only_in_the_admin_and_points_to_the_desk(admin_client):
    klaim = make_putusan()
    html = admin_client.get(f"/django-admin/cekfakta/klaim/{klaim.pk}/change/").content.decode()
    assert f'href="/kelola/cek-fakta/{klaim.pk}/"' in html and "meja verifikator" in html
    assert 'name="penjelasan"' not in html and 'name="hasil"' not in html and 'name="referensi-0-url"' not in html

    response = _ubah(admin_client, klaim, penjelasan="Diubah diam-diam.", hasil="benar", teks_contoh="Teks beredar.")
    assert response.redirect_chain  # saved: the fields it may change (the sample text), not the verdict
    klaim.refresh_from_db()
    assert klaim.teks_contoh == "Teks beredar."
    assert (klaim.penjelasan, klaim.hasil, klaim.versi) == ("Foto itu diambil pada 2021.", "salah", 1)
    assert klaim.referensi.count() == 1


def test_an_open_claim_is_still_edited_in_the_admin(admin_client):
    klaim = Klaim.objects.create(judul="Jembatan Rantau ditutup sebulan", status=Status.BARU)
    html = admin_client.get(f"/django-admin/cekfakta/klaim/{klaim.pk}/change/").content.decode()
    assert 'name="penjelasan"' in html and "meja verifikator" not in html
    assert _ubah(admin_client, klaim, penjelasan="Catatan teknis.", hasil="", jenis_salah="").redirect_chain
    klaim.refresh_from_db()
    assert klaim.penjelasan == "Catatan teknis."
