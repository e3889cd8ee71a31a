"""Reporting and correcting an activity: bad input gets a message beside its field and loses nothing."""

import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from akun.models import Audit
from jembatan.test import DESA_A
from jembatan.tests.contoh_berkas import png
from penilaian.models import FotoKegiatan, Kegiatan, PenilaianAksi
from penilaian.tests.bantu import jenis, make_kegiatan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_hari_ini")]


@pytest.fixture
def _hari_ini():
    with time_machine.travel("2026-05-20 10:00 +08:00", tick=False):
        yield


def _data(cast, **extra) -> dict:
    return {
        "kim": cast.kim_a.pk,
        "tanggal": "2026-05-18",
        "jenis": jenis("literasi-digital").pk,
        "judul": "Kelas literasi digital untuk ibu-ibu PKK",
        "tempat": "Balai Desa Tungkap",
        "uraian": "Belajar mengenali penipuan lewat pesan berantai.",
        "jumlah_peserta": "25",
        "peserta_laki": "5",
        "peserta_perempuan": "20",
        "daftar_hadir": "Siti\nAminah\n\nRahmah",
        "tautan": "/warta/12-kelas-literasi/\nhttps://contoh.example/berita",
        "versi": 0,
        **extra,
    }


def _galat(html: str, field: str) -> str:
    m = re.search(rf'id="id_{field}_galat">(.*?)</div>', html, re.S)
    return m[1] if m else ""


def test_member_reports_an_activity_of_their_kim(client, cast):
    client.force_login(cast.anggota)
    response = client.post("/kelola/kegiatan/lapor/", _data(cast, kim_mitra=[cast.kim_b.pk]))
    g = Kegiatan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kelola/kegiatan/{g.pk}/"
    assert (g.kim, g.pelapor, g.jumlah_peserta, g.peserta_perempuan) == (cast.kim_a, cast.anggota, 25, 20)
    assert g.hadir == ["Siti", "Aminah", "Rahmah"]
    assert list(g.kim_mitra.all()) == [cast.kim_b]
    assert Audit.objects.filter(aksi=PenilaianAksi.LAPOR_KEGIATAN, user=cast.anggota).exists()


def test_participants_by_sex_alone_give_the_total(client, cast):
    client.force_login(cast.anggota)
    client.post("/kelola/kegiatan/lapor/", _data(cast, jumlah_peserta=""))
    assert Kegiatan.objects.get().jumlah_peserta == 25


def test_member_cannot_report_for_another_kim(client, cast):
    client.force_login(cast.anggota)
    response = client.post("/kelola/kegiatan/lapor/", _data(cast, kim=cast.kim_b.pk))
    assert response.status_code == 400 and _galat(response.content.decode(), "kim")
    assert not Kegiatan.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field", "pesan"),
    [
        ({"tanggal": "2026-05-21"}, "tanggal", "tidak boleh di masa depan"),
        ({"tanggal": "2025-05-01"}, "tanggal", "hanya dapat dicatat oleh Diskominfo"),
        ({"jumlah_peserta": "-3"}, "jumlah_peserta", "tidak boleh kurang dari 0"),
        ({"peserta_laki": "-1"}, "peserta_laki", "tidak boleh kurang dari 0"),
        ({"jumlah_peserta": "10"}, "jumlah_peserta", "lebih banyak dari jumlah peserta"),
        ({"tautan": "bukan tautan"}, "tautan", "bukan alamat tautan"),
        ({"judul": ""}, "judul", "tidak boleh kosong"),
    ],
)
def test_bad_input_is_refused_beside_its_field_with_the_input_kept(client, cast, extra, field, pesan):
    client.force_login(cast.anggota)
    response = client.post("/kelola/kegiatan/lapor/", _data(cast, **extra))
    html = response.content.decode()
    assert response.status_code == 400
    assert pesan in _galat(html, field)
    assert "Belajar mengenali penipuan lewat pesan berantai." in html
    assert not Kegiatan.objects.exists()


def test_diskominfo_may_record_an_activity_more_than_a_year_old(client, cast):
    client.force_login(cast.admin)
    response = client.post("/kelola/kegiatan/lapor/", _data(cast, tanggal="2025-03-01"))
    assert response.status_code == 302
    assert Kegiatan.objects.get().tanggal.isoformat() == "2025-03-01"


def test_the_kims_pengurus_corrects_a_members_report(client, cast):
    g = make_kegiatan(cast)
    client.force_login(cast.editor)
    response = client.post(f"/kelola/kegiatan/{g.pk}/", _data(cast, judul="Judul yang diperbaiki", versi=g.versi))
    assert response.status_code == 302
    g.refresh_from_db()
    assert (g.judul, g.versi) == ("Judul yang diperbaiki", 2)
    assert Audit.objects.get(aksi=PenilaianAksi.UBAH_KEGIATAN).perubahan["judul"][1] == "Judul yang diperbaiki"


def test_a_stale_form_is_refused_with_a_conflict(client, cast):
    g = make_kegiatan(cast)
    client.force_login(cast.editor)
    response = client.post(f"/kelola/kegiatan/{g.pk}/", _data(cast, judul="Versi lama", versi=g.versi - 1))
    assert response.status_code == 409 and "baru saja diubah" in response.content.decode()
    g.refresh_from_db()
    assert g.judul != "Versi lama"


def test_pengurus_of_another_village_gets_404(client, cast):
    g = make_kegiatan(cast)
    client.force_login(cast.editor_lain)
    assert client.get(f"/kelola/kegiatan/{g.pk}/").status_code == 404
    assert client.get(f"/kelola/kegiatan/{g.pk}/lihat/").status_code == 404
    assert client.get(f"/kelola/kegiatan/kim/{DESA_A}/2026-05/").status_code == 404


def test_a_photo_goes_through_the_photo_pipeline(client, cast):
    g = make_kegiatan(cast)
    client.force_login(cast.anggota)
    foto = SimpleUploadedFile("kelas.png", png(900, 600), content_type="image/png")
    response = client.post(f"/kelola/kegiatan/{g.pk}/foto/", {"foto": foto, "keterangan": "Peserta kelas"})
    assert response.status_code == 302
    f = FotoKegiatan.objects.get(kegiatan=g)
    assert f.keterangan == "Peserta kelas" and set(f.varian) == {"400", "800"}


def test_a_file_that_is_not_an_image_is_refused_beside_the_photo_field(client, cast):
    g = make_kegiatan(cast)
    client.force_login(cast.anggota)
    palsu = SimpleUploadedFile("foto.png", b"%PDF-1.4 bukan gambar", content_type="image/png")
    response = client.post(f"/kelola/kegiatan/{g.pk}/foto/", {"foto": palsu, "keterangan": "Dokumentasi"})
    html = response.content.decode()
    assert response.status_code == 400 and _galat(html, "foto")
    assert 'value="Dokumentasi"' in html
    assert not FotoKegiatan.objects.exists()


def test_deleting_a_report_keeps_it_in_the_audit_trail(client, cast):
    g = make_kegiatan(cast)
    client.force_login(cast.anggota)
    response = client.post(f"/kelola/kegiatan/{g.pk}/hapus/")
    assert response.status_code == 302 and response["Location"] == f"/kelola/kegiatan/kim/{DESA_A}/2026-05/"
    assert not Kegiatan.objects.exists()
    assert Audit.objects.get(aksi=PenilaianAksi.HAPUS_KEGIATAN).perubahan["judul"][0] == g.judul
