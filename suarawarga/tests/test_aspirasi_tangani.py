"""The handlers' desk and the steps taken on it, and the journey a citizen's page shows."""

import pytest
import time_machine
from django.core import mail

from jembatan.test import DESA_A, DESA_B
from suarawarga.models import Aspirasi, StatusAspirasi
from suarawarga.tests.bantu import make_aspirasi

pytestmark = pytest.mark.django_db


def test_a_citizen_sends_the_village_forwards_and_the_citizens_page_shows_each_step(
    client, cast, django_capture_on_commit_callbacks
):
    """GIVEN a citizen who sends an aspiration with their e-mail
    WHEN the KIM verifies it and the village government forwards it to SP4N-LAPOR! and records the follow-up
    THEN the citizen's page lists each step with its date and office, and each step reached their inbox."""
    warga, petugas = client, client.__class__()
    with time_machine.travel("2026-06-08 08:00 +08:00", tick=True), django_capture_on_commit_callbacks(execute=True):
        warga.post(
            "/aspirasi/kirim/",
            {"topik": "air_sanitasi", "isi": "Air PDAM di RT 5 mati sudah seminggu.", "wilayah": DESA_A, "email": "a@contoh.id"},
        )
        a = Aspirasi.objects.get()
        petugas.force_login(cast.editor)
        petugas.post(f"/kelola/aspirasi/{a.pk}/", {"langkah": "verifikasi", "catatan": "Benar, sudah dicek."})
        petugas.force_login(cast.pemdes)
        response = petugas.post(f"/kelola/aspirasi/{a.pk}/", {"langkah": "teruskan", "tujuan": "lapor", "nomor_lapor": "12AB"})
        assert response.status_code == 400 and "6–12 angka" in response.content.decode()
        assert "12AB" in response.content.decode()  # the input is kept
        petugas.post(f"/kelola/aspirasi/{a.pk}/", {"langkah": "teruskan", "tujuan": "lapor", "nomor_lapor": "4512873"})
        petugas.post(f"/kelola/aspirasi/{a.pk}/", {"langkah": "tindak_lanjut", "catatan": "Pipa diganti PDAM."})
    page = warga.get(a.get_absolute_url()).content.decode()
    assert "Ditindaklanjuti" in page and "SP4N-LAPOR! (nomor LAPOR! 4512873)" in page
    for teks in ("Benar, sudah dicek.", "KIM Tungkap Bersinar", "Pemerintah Desa Tungkap", "Pipa diganti PDAM.", "8 Juni 2026"):
        assert teks in page
    assert [m.subject for m in mail.outbox] == [
        f"Aspirasi {a.kode}: Diterima",
        f"Aspirasi {a.kode}: Diverifikasi",
        f"Aspirasi {a.kode}: Diteruskan",
        f"Aspirasi {a.kode}: Ditindaklanjuti",
    ]


def test_the_desk_lists_the_scope_with_overdue_ones_marked(client, cast):
    with time_machine.travel("2026-06-01 09:00 +08:00", tick=True):
        lama = make_aspirasi()
    baru = make_aspirasi()
    lain = make_aspirasi(wilayah_id=DESA_B)
    client.force_login(cast.operator)
    page = client.get("/kelola/aspirasi/").content.decode()
    assert lama.kode in page and baru.kode in page and lain.kode not in page
    assert "1 aspirasi melewati batas waktu." in page and page.count('<tr class="terlambat"') == 1


def test_a_handler_merges_by_code_within_their_scope_only(client, cast):
    induk, a = make_aspirasi(), make_aspirasi()
    lain = make_aspirasi(wilayah_id=DESA_B)
    client.force_login(cast.pemdes)
    response = client.post(f"/kelola/aspirasi/{a.pk}/", {"langkah": "gabung", "induk": lain.kode})
    assert response.status_code == 400 and "tidak ditemukan dalam cakupan Anda" in response.content.decode()
    client.post(f"/kelola/aspirasi/{a.pk}/", {"langkah": "gabung", "induk": induk.kode.lower()})
    a.refresh_from_db()
    induk.refresh_from_db()
    assert a.status == StatusAspirasi.DIGABUNG and induk.jumlah_pendukung == 2


def test_a_refusal_without_reason_is_answered_beside_the_field(client, cast):
    a = make_aspirasi()
    client.force_login(cast.editor)
    response = client.post(f"/kelola/aspirasi/{a.pk}/", {"langkah": "tolak", "alasan": ""})
    assert response.status_code == 400 and "Tuliskan alasan penolakan" in response.content.decode()
    a.refresh_from_db()
    assert a.status == StatusAspirasi.DITERIMA


def test_the_handler_sees_the_contact_the_public_never_does(client, cast):
    a = make_aspirasi(nama="Pak Rahmat", telepon="6281234567890")
    client.force_login(cast.pemdes)
    page = client.get(f"/kelola/aspirasi/{a.pk}/").content.decode()
    assert "Pak Rahmat" in page and "081234567890" in page
    client.logout()
    assert "Pak Rahmat" not in client.get(a.get_absolute_url()).content.decode()


def test_the_public_list_shows_only_allowed_ones_without_who_sent_them(client, cast):
    tampil = make_aspirasi(boleh_publik=True, nama="Bu Ani", isi="Lampu jalan di simpang tiga padam sejak bulan lalu.")
    tersembunyi = make_aspirasi(isi="Keluhan pribadi tentang tetangga yang berisik tiap malam.")
    page = client.get("/aspirasi/").content.decode()
    assert "Lampu jalan di simpang tiga" in page and tampil.get_absolute_url() in page
    assert "Keluhan pribadi" not in page and tersembunyi.kode not in page and "Bu Ani" not in page
    assert "Lampu jalan" not in client.get("/aspirasi/", {"topik": "kesehatan"}).content.decode()
