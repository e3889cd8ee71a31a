"""Sending an aspiration (anyone, or a KIM member for a villager) and following it by its code."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from jembatan.test import DESA_A
from jembatan.tests.contoh_berkas import png
from suarawarga.models import Aspirasi, StatusAspirasi
from suarawarga.tests.bantu import make_aspirasi

pytestmark = pytest.mark.django_db

ISIAN = {
    "topik": "infrastruktur",
    "isi": "Jembatan kayu di Dusun 2 lapuk dan miring, anak sekolah takut lewat.",
    "wilayah": DESA_A,
    "nama": "Siti Aminah",
    "telepon": "0812 3456 7890",
    "email": "siti@contoh.id",
}


def test_anyone_sends_one_and_lands_on_its_page_with_the_code(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/aspirasi/kirim/", ISIAN)
    a = Aspirasi.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/aspirasi/lacak/{a.kode}/?baru=1"
    assert (a.nama, a.telepon, a.email, a.boleh_publik, a.dicatat_oleh) == (
        "Siti Aminah",
        "6281234567890",
        "siti@contoh.id",
        False,
        None,
    )
    page = client.get(response["Location"]).content.decode()
    assert f"Simpan kode pelacakan ini: <strong>{a.kode}</strong>" in page
    assert "Jembatan kayu di Dusun 2" in page and "Siti" not in page and "0812" not in page and "siti@" not in page
    assert mail.outbox[0].to == ["siti@contoh.id"] and a.kode in mail.outbox[0].subject
    assert f"/aspirasi/lacak/{a.kode}/" in mail.outbox[0].body


def test_no_name_or_contact_is_needed(client, cast):
    response = client.post("/aspirasi/kirim/", {k: ISIAN[k] for k in ("topik", "isi", "wilayah")})
    assert response.status_code == 302 and Aspirasi.objects.get().nama == ""
    assert not mail.outbox


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"isi": ""}, "isi", "Tuliskan aspirasi Anda."),
        ({"isi": "rusak"}, "isi", "terlalu singkat"),
        ({"isi": "x" * 3001}, "isi", "terlalu panjang"),
        ({"wilayah": "63.04.01.2001"}, "wilayah", "Pilih desa atau kelurahan dari daftar."),
        ({"wilayah": "63.05.01"}, "wilayah", "Pilih desa atau kelurahan dari daftar."),
        ({"telepon": "12345"}, "telepon", "Nomor HP tidak dikenali"),
        ({"email": "siti@"}, "email", "tidak lengkap"),
    ],
)
def test_bad_input_is_answered_beside_its_field_and_the_input_is_kept(client, cast, ubah, field, pesan):
    response = client.post("/aspirasi/kirim/", {**ISIAN, **ubah})
    assert response.status_code == 400 and not Aspirasi.objects.exists()
    assert pesan in " ".join(response.context["form"].errors[field])
    assert "Siti Aminah" in response.content.decode()


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_is_stored(client, cast):
    palsu = SimpleUploadedFile("jalan.jpg", b"%PDF-1.4 bukan foto", content_type="image/jpeg")
    response = client.post("/aspirasi/kirim/", {**ISIAN, "foto": palsu})
    assert response.status_code == 400 and "foto" in response.context["form"].errors
    assert not Aspirasi.objects.exists()


def test_a_photo_is_kept_resized_and_shown_on_its_page(client, cast):
    foto = SimpleUploadedFile("jalan.png", png(1600, 1200), content_type="image/png")
    response = client.post("/aspirasi/kirim/", {**ISIAN, "foto": foto})
    a = Aspirasi.objects.get()
    assert a.foto.count() == 1
    assert re.search(r'<img src="/media/publik/aspirasi/[^"]+-800\.jpg"', client.get(response["Location"]).content.decode())


def test_too_many_from_one_address_in_an_hour_keeps_the_input(client, cast):
    for _i in range(10):
        client.post("/aspirasi/kirim/", ISIAN)
    response = client.post("/aspirasi/kirim/", ISIAN)
    assert response.status_code == 400 and "Terlalu banyak aspirasi" in response.content.decode()
    assert Aspirasi.objects.count() == 10


def test_a_kim_member_enters_one_for_a_villager_with_consent(client, cast):
    client.force_login(cast.anggota)
    data = {**ISIAN, "atas_nama_warga": "on"}
    response = client.post("/aspirasi/kirim/", data)
    assert response.status_code == 400 and "persetujuan_warga" in response.context["form"].errors
    response = client.post("/aspirasi/kirim/", {**data, "persetujuan_warga": "on"})
    a = Aspirasi.objects.get()
    assert response.status_code == 302 and a.dicatat_oleh == cast.anggota and a.persetujuan_warga


def test_a_kim_member_enters_for_their_own_village_only(client, cast):
    client.force_login(cast.editor_lain)
    response = client.post("/aspirasi/kirim/", {**ISIAN, "atas_nama_warga": "on", "persetujuan_warga": "on"})
    assert response.status_code == 400 and "cakupan Anda" in response.context["form"].errors["wilayah"][0]


def test_a_citizen_account_sees_no_on_behalf_fields(client, cast):
    client.force_login(cast.warga)
    page = client.get("/aspirasi/kirim/").content.decode()
    assert "atas_nama_warga" not in page and '<label for="id_topik">Topik <abbr' in page


def test_tracking_by_code_as_typed(client, cast):
    a = make_aspirasi()
    ketik = a.kode.lower().replace("-", " ")
    assert client.get("/aspirasi/lacak/", {"kode": ketik})["Location"] == f"/aspirasi/lacak/{a.kode}/"
    response = client.get("/aspirasi/lacak/", {"kode": "ASP-AAAA-BBBB"})
    assert response.status_code == 404 and "tidak ditemukan" in response.content.decode()
    assert client.get("/aspirasi/lacak/ASP-AAAA-BBBB/").status_code == 404


def test_the_sender_answers_a_follow_up_on_the_page(client, cast):
    a = make_aspirasi()
    a.verifikasi(oleh=cast.editor)
    a.teruskan(oleh=cast.pemdes, tujuan="desa")
    a.tindak_lanjuti(oleh=cast.pemdes, catatan="Sudah diperbaiki gotong royong.")
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Tanggapan Anda" in page and "Sudah diperbaiki gotong royong." in page
    response = client.post(f"/aspirasi/lacak/{a.kode}/tanggapi/", {"puas": "0", "catatan": ""})
    assert response.status_code == 400 and "apa yang belum selesai" in response.content.decode()
    response = client.post(f"/aspirasi/lacak/{a.kode}/tanggapi/", {"puas": "1"})
    a.refresh_from_db()
    assert response.status_code == 302 and a.status == StatusAspirasi.SELESAI
    response = client.post(f"/aspirasi/lacak/{a.kode}/tanggapi/", {"puas": "1"})
    assert response.status_code == 400 and "tidak sedang menunggu tanggapan" in response.content.decode()


def test_location_volume_and_cost_are_kept_for_the_musrenbangdes_list(client, cast):
    client.post("/aspirasi/kirim/", {**ISIAN, "lokasi": "RT 3", "volume": "2 unit", "perkiraan_biaya": "15000000"})
    a = Aspirasi.objects.get()
    assert (a.lokasi, a.volume, a.perkiraan_biaya) == ("RT 3", "2 unit", 15_000_000)
    response = client.post("/aspirasi/kirim/", {**ISIAN, "perkiraan_biaya": "-5"})
    assert response.status_code == 400 and "tidak boleh negatif" in response.content.decode()


def test_a_code_that_is_no_code_is_404_not_a_redirect(client, cast):
    assert client.get("/aspirasi/lacak/bukan-kode/").status_code == 404


def test_the_sender_answers_from_a_cached_page_without_a_csrf_token_but_not_from_another_site(cast):
    from django.test import Client

    a = make_aspirasi()
    a.verifikasi(oleh=cast.editor)
    a.teruskan(oleh=cast.pemdes, tujuan="desa")
    a.tindak_lanjuti(oleh=cast.pemdes, catatan="Sudah diperbaiki.")
    pertama, kedua = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page = pertama.get(a.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in page  # the same cached page serves every visitor
    url = f"/aspirasi/lacak/{a.kode}/tanggapi/"
    response = kedua.post(url, {"puas": "1"}, HTTP_ORIGIN="https://situs-lain.example")
    assert response.status_code == 400 and "dari halaman aspirasi Anda" in response.content.decode()
    assert kedua.post(url, {"puas": "1"}, HTTP_ORIGIN="http://testserver").status_code == 302
    a.refresh_from_db()
    assert a.status == StatusAspirasi.SELESAI
