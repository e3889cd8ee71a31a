"""Supporting a public aspiration: one support per browser, a limit per address, counted with merged ones."""

import pytest

from jembatan.lib.domain import DomainError
from suarawarga.models import Aspirasi
from suarawarga.tests.bantu import make_aspirasi

pytestmark = pytest.mark.django_db


def test_a_browser_supports_a_public_aspiration_once(client, cast):
    a = make_aspirasi(boleh_publik=True)
    assert "Saya juga mengalami ini" in client.get(a.get_absolute_url()).content.decode()
    response = client.post(f"/aspirasi/lacak/{a.kode}/dukung/")
    assert response.status_code == 302 and "suara_peramban" in response.cookies
    client.post(f"/aspirasi/lacak/{a.kode}/dukung/")
    a.refresh_from_db()
    assert a.jumlah_pendukung == 2
    client.cookies.clear()
    client.post(f"/aspirasi/lacak/{a.kode}/dukung/")
    a.refresh_from_db()
    assert a.jumlah_pendukung == 3
    assert "3 warga mendukung" in client.get(a.get_absolute_url()).content.decode()


def test_a_private_or_finished_aspiration_takes_no_support(client, cast):
    pribadi = make_aspirasi()
    assert "Saya juga mengalami ini" not in client.get(pribadi.get_absolute_url()).content.decode()
    client.post(f"/aspirasi/lacak/{pribadi.kode}/dukung/")
    ditolak = make_aspirasi(boleh_publik=True)
    ditolak.tolak(oleh=cast.pemdes, alasan="Bukan urusan desa.")
    with pytest.raises(DomainError):
        ditolak.dukung(pendukung="t1")
    assert list(Aspirasi.objects.values_list("jumlah_pendukung", flat=True)) == [1, 1]


def test_one_address_brings_only_so_many_supporters(cast):
    a = make_aspirasi(boleh_publik=True)
    for i in range(3):
        assert a.dukung(pendukung=f"t{i}", klien="alamat", batas_per_klien=3)
    with pytest.raises(DomainError, match="Terlalu banyak dukungan"):
        a.dukung(pendukung="t9", klien="alamat", batas_per_klien=3)
    assert a.jumlah_pendukung == 4


def test_support_from_another_site_is_refused(client, cast):
    a = make_aspirasi(boleh_publik=True)
    client.post(f"/aspirasi/lacak/{a.kode}/dukung/", HTTP_ORIGIN="https://situs-lain.example")
    a.refresh_from_db()
    assert a.jumlah_pendukung == 1
