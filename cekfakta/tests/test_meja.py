"""The verification desk end to end: checking a message, the queue, publishing, telling reporters."""

import json
import re

import pytest
from django.core import mail

from cekfakta import layanan
from cekfakta.models import Hasil, JenisSalah, Klaim, Laporan, Referensi, Status

pytestmark = pytest.mark.django_db

HOAKS = "SELAMAT!! Anda pemenang undian nasabah bank Rp50 juta. Klaim hadiah di link ini, isi nama, nomor rekening dan PIN. Bantu sebarkan!!"


def putusan(judul="Hadiah undian nasabah bank Rp 50 juta lewat tautan", teks=HOAKS, **fields):
    from django.utils import timezone

    k = Klaim.objects.create(
        judul=judul,
        teks_contoh=teks,
        status=Status.SELESAI,
        hasil=Hasil.SALAH,
        jenis_salah=JenisSalah.TIRUAN,
        penjelasan="Bank tidak meminta PIN lewat tautan.",
        metode="Cek situs resmi bank.",
        diterbitkan=timezone.now(),
        **fields,
    )
    Referensi.objects.create(klaim=k, judul="Pengumuman bank", url="https://bank.example/waspada")
    return k


def test_a_known_hoax_is_answered_at_once_with_its_verdict(client):
    k = putusan()
    reworded = (
        "slmt!! anda pemenang undian nasabah bank 50jt, klaim hadiahnya di link ini isi no rekening & PIN. sebarkan ke grup"
    )
    response = client.post("/cek-fakta/cek/", {"teks": reworded})
    html = response.content.decode()
    assert "Pesan ini sama dengan klaim yang sudah diperiksa" in html
    assert "SALAH — Konten tiruan" in html and k.get_absolute_url() in html
    laporan = Laporan.objects.get()
    assert laporan.klaim == k and laporan.dijawab_langsung and laporan.diberi_tahu


def test_an_unknown_message_gets_a_tracking_code_and_a_second_report_joins_the_same_claim(client):
    first = client.post(
        "/cek-fakta/cek/", {"teks": "Jembatan Rantau putus total dan ditutup mulai besok pagi, semua kendaraan dialihkan"}
    )
    assert "Belum pernah diperiksa" in first.content.decode()
    kode = re.search(r'kode-lacak">(\w+)', first.content.decode()).group(1)
    assert client.get(f"/cek-fakta/lacak/{kode}/").status_code == 200
    client.post(
        "/cek-fakta/cek/",
        {"teks": "jembatan rantau putus total & ditutup mulai besok pagi!! semua kendaraan dialihkan, sebarkan"},
    )
    klaim = Klaim.objects.get()
    assert klaim.jumlah_laporan == 2 and klaim.status == Status.BARU
    assert klaim.tenggat > klaim.pertama_dilihat


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("   ", "tempelkan teks pesannya"),
        ("x" * 6000, "terlalu panjang"),
        ("\x01\x02\x03\x04 biner \x05\x06\x07\x08\x0e\x0f", "tidak tampak seperti teks"),
    ],
)
def test_bad_messages_get_a_polite_refusal_and_nothing_is_filed(client, teks, pesan):
    response = client.post("/cek-fakta/cek/", {"teks": teks})
    assert response.status_code == 400
    assert pesan in " ".join(response.context["form"].errors["teks"]).lower() or pesan in response.content.decode()
    assert not Laporan.objects.exists()


def test_bots_filling_the_honeypot_file_nothing(client):
    client.post("/cek-fakta/cek/", {"teks": HOAKS, "situs_web": "http://spam.example"})
    assert not Laporan.objects.exists()


def test_reports_from_one_address_are_rate_limited(client, settings):
    settings.JEMBATAN_CEKFAKTA_BATAS_PER_JAM = 2
    for i in range(2):
        assert client.post("/cek-fakta/cek/", {"teks": f"pesan uji nomor {i} tentang jalan desa"}).status_code == 200
    assert client.post("/cek-fakta/cek/", {"teks": "pesan ketiga"}).status_code == 429


def _isi(k, **extra):
    """The verdict form of `k` as a verifikator fills it in, opened at the version stored now."""
    k.refresh_from_db()
    data = {
        "versi": k.versi,
        "judul": k.judul,
        "topik": "penipuan",
        "hasil": "salah",
        "jenis_salah": "palsu",
        "penjelasan": "Tidak benar.",
        "metode": "Konfirmasi ke dinas.",
        "referensi-TOTAL_FORMS": "1",
        "referensi-INITIAL_FORMS": "0",
        "referensi-0-judul": "Siaran pers",
        "referensi-0-url": "https://tapinkab.example/siaran",
    }
    return {**data, **extra}


def test_publishing_needs_every_part_and_then_tells_the_reporters(client, cast, django_capture_on_commit_callbacks):
    jawaban = layanan.periksa("Air PDAM tercemar, jangan dipakai mandi seminggu ini!!", email="warga@uji.example")
    k = jawaban.laporan.klaim
    client.force_login(cast.verifikator)
    missing = client.post(
        f"/kelola/cek-fakta/{k.pk}/", {**_isi(k, penjelasan="", **{"referensi-TOTAL_FORMS": "0"}), "terbitkan": "1"}, follow=True
    )
    assert "penjelasan" in missing.content.decode() and "referensi" in missing.content.decode()
    k.refresh_from_db()
    assert k.diterbitkan is None
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/kelola/cek-fakta/{k.pk}/", {**_isi(k), "terbitkan": "1"}, follow=True)
    assert "Putusan diterbitkan" in done.content.decode()
    k.refresh_from_db()
    assert k.is_terbit and k.label == "SALAH — Konten palsu" and k.verifikator == cast.verifikator
    assert [m.to for m in mail.outbox] == [["warga@uji.example"]]
    assert jawaban.laporan.kode in mail.outbox[0].body
    assert "Hasil pemeriksaan sudah terbit" in client.get(f"/cek-fakta/lacak/{jawaban.laporan.kode}/").content.decode()


def test_a_newly_published_verdict_answers_the_next_report_without_restart(client, cast):
    assert not layanan.periksa("Beredar kabar sekolah libur sebulan karena wabah di kecamatan").dikenal
    k = Klaim.objects.get()
    client.force_login(cast.verifikator)
    client.post(f"/kelola/cek-fakta/{k.pk}/", {**_isi(k), "terbitkan": "1"})
    assert layanan.periksa("beredar kabar sekolah libur sebulan karena ada wabah di kecamatan!!").klaim == k


def test_verdict_page_carries_claimreview_and_whatsapp_text(client):
    k = putusan()
    html = client.get(k.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "ClaimReview" and data["claimReviewed"] == k.judul
    assert data["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "SALAH — Konten tiruan",
        "bestRating": 5,
        "worstRating": 1,
        "ratingValue": 1,
    }
    assert data["author"]["name"] == "Diskominfo Kabupaten Tapin" and data["url"].endswith(k.get_absolute_url())
    assert "*CEK FAKTA: SALAH — Konten tiruan*" in html and "wa.me/?text=" in html


def test_open_claims_are_not_public(client):
    k = layanan.periksa("Kabar jalan poros desa ditutup").laporan.klaim
    assert client.get(k.get_absolute_url()).status_code == 404


def test_two_verifikator_rule(client, cast, settings):
    settings.JEMBATAN_CEKFAKTA_DUA_VERIFIKATOR = True
    k = layanan.periksa("Kabar pasar kecamatan tutup sebulan").laporan.klaim
    client.force_login(cast.verifikator)
    client.post(f"/kelola/cek-fakta/{k.pk}/", {**_isi(k), "terbitkan": "1"})
    k.refresh_from_db()
    assert k.diajukan and not k.is_terbit
    again = client.post(f"/kelola/cek-fakta/{k.pk}/", {**_isi(k), "terbitkan": "1"})
    assert again.status_code == 400 and "verifikator lain" in again.content.decode()
    client.force_login(cast.admin)
    client.post(f"/kelola/cek-fakta/{k.pk}/", {**_isi(k), "terbitkan": "1"})
    k.refresh_from_db()
    assert k.is_terbit and k.disetujui_oleh == cast.admin


@pytest.mark.parametrize("peran", ["operator", "pemdes", "editor", "anggota", "warga"])
def test_the_queue_is_for_verifikator_and_admin_only(client, cast, peran):
    k = layanan.periksa("Kabar apa saja untuk antrean").laporan.klaim
    client.force_login(getattr(cast, peran))
    assert client.get("/kelola/cek-fakta/").status_code == 404
    assert client.get(f"/kelola/cek-fakta/{k.pk}/").status_code == 404
    client.force_login(cast.verifikator)
    assert client.get("/kelola/cek-fakta/").status_code == 200


def test_queue_never_shows_reporters_contacts(client, cast):
    layanan.periksa("Kabar banjir besar besok", email="rahasia@uji.example", kontak="6281234567890")
    client.force_login(cast.admin)
    html = client.get(f"/kelola/cek-fakta/{Klaim.objects.get().pk}/").content.decode()
    assert "rahasia@uji.example" not in html and "6281234567890" not in html


def test_merge_and_split_by_hand(client, cast):
    a = layanan.periksa("Kabar pertama tentang listrik padam tiga hari di seluruh kabupaten").laporan.klaim
    b = layanan.periksa("Pesan lain sama sekali: harga pupuk naik dua kali lipat besok").laporan.klaim
    client.force_login(cast.verifikator)
    client.post(f"/kelola/cek-fakta/{b.pk}/gabung/", {"tujuan": a.pk})
    a.refresh_from_db()
    assert a.jumlah_laporan == 2 and not Klaim.objects.filter(pk=b.pk).exists()
    laporan = a.laporan.order_by("dibuat").last()
    client.post(f"/kelola/cek-fakta/laporan/{laporan.pk}/pisah/")
    a.refresh_from_db()
    assert a.jumlah_laporan == 1 and Klaim.objects.count() == 2


def test_words_the_admin_adds_to_the_dictionary_are_used_at_once():
    from cekfakta.models import Istilah

    putusan(
        judul="Pembagian sembako gratis di kantor desa hari Minggu", teks="Pembagian sembako gratis di kantor desa hari Minggu"
    )
    # local forms that neither the shipped dictionaries nor the spelling and skeleton readings know
    slang = "babagi sako gatis di kandes ahad"
    assert not layanan.periksa(slang).dikenal
    for bentuk, baku in [
        ("babagi", "pembagian"),
        ("sako", "sembako"),
        ("gatis", "gratis"),
        ("kandes", "kantor desa"),
        ("ahad", "minggu"),
    ]:
        Istilah.objects.create(jenis=Istilah.Jenis.SINGKATAN, bentuk=bentuk, baku=baku)
    assert layanan.periksa(slang).dikenal


def test_verdict_mail_reaches_the_reporter_through_a_real_smtp_server(
    client, cast, smtp_lokal, django_capture_on_commit_callbacks
):
    jawaban = layanan.periksa("Katanya sekolah diliburkan sebulan karena wabah", email="pelapor@uji.example")
    k = jawaban.laporan.klaim
    client.force_login(cast.verifikator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/cek-fakta/{k.pk}/", {**_isi(k), "terbitkan": "1"})
    [envelope] = smtp_lokal
    assert envelope.rcpt_tos == ["pelapor@uji.example"]
    import email
    from email import policy

    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"] == "Hasil cek fakta: SALAH — Konten palsu"
    assert jawaban.laporan.kode in message.get_body(("plain",)).get_content()


def test_a_published_verdict_cannot_be_emptied(client, cast):
    k = putusan()
    client.force_login(cast.verifikator)
    data = {**_isi(k, hasil="", jenis_salah="", penjelasan="", metode=""), "referensi-TOTAL_FORMS": "0"}
    response = client.post(f"/kelola/cek-fakta/{k.pk}/", data, follow=True)
    assert "harus tetap lengkap" in response.content.decode()
    k.refresh_from_db()
    assert k.hasil == Hasil.SALAH and k.penjelasan


def test_a_change_after_submission_needs_a_fresh_approval(client, cast, settings):
    settings.JEMBATAN_CEKFAKTA_DUA_VERIFIKATOR = True
    k = layanan.periksa("Kabar pasar kecamatan tutup sebulan").laporan.klaim
    client.force_login(cast.verifikator)
    client.post(f"/kelola/cek-fakta/{k.pk}/", {**_isi(k), "terbitkan": "1"})
    client.force_login(cast.admin)
    changed = {**_isi(k, hasil="benar", jenis_salah="", penjelasan="Ternyata benar."), "terbitkan": "1"}
    client.post(f"/kelola/cek-fakta/{k.pk}/", changed)
    k.refresh_from_db()
    assert not k.is_terbit and k.diajukan and k.verifikator == cast.admin  # admin's change now awaits someone else


def test_merging_into_a_published_verdict_tells_the_moved_reporters(client, cast, django_capture_on_commit_callbacks):
    k = putusan()
    lain = layanan.periksa("Pesan yang sangat berbeda tentang jalan rusak di desa", email="pindah@uji.example").laporan.klaim
    client.force_login(cast.verifikator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/cek-fakta/{lain.pk}/gabung/", {"tujuan": k.pk})
    assert [m.to for m in mail.outbox] == [["pindah@uji.example"]]


def test_the_only_report_of_a_claim_cannot_be_split_off(client, cast):
    laporan = layanan.periksa("Kabar satu-satunya laporan").laporan
    client.force_login(cast.verifikator)
    client.post(f"/kelola/cek-fakta/laporan/{laporan.pk}/pisah/")
    assert Klaim.objects.count() == 1


def test_the_desk_is_told_why_a_merge_is_refused(client, cast):
    """
    GIVEN a published verdict and an open claim
    WHEN a verifikator tries to merge the published verdict into the open claim, then the open claim into
         itself, then into a claim number that does not exist
    THEN each time the page says why, and every claim keeps its reports
    """
    k = putusan()
    lain = layanan.periksa("Pesan lain tentang harga pupuk naik dua kali lipat").laporan.klaim
    client.force_login(cast.verifikator)
    for sumber, tujuan, pesan in [
        (k, lain.pk, "Putusan yang sudah terbit tidak dapat digabungkan ke klaim lain."),
        (lain, lain.pk, "Klaim tidak dapat digabungkan ke dirinya sendiri."),
        (lain, 999999, "Klaim tujuan tidak ditemukan."),
    ]:
        response = client.post(f"/kelola/cek-fakta/{sumber.pk}/gabung/", {"tujuan": tujuan}, follow=True)
        assert pesan in response.content.decode()
    assert Klaim.objects.count() == 2 and lain.laporan.count() == 1


def test_the_desk_is_told_why_a_split_is_refused(client, cast):
    """
    GIVEN the only report of an open claim, and a report of a published verdict that has two
    WHEN a verifikator tries to split each off into a claim of its own
    THEN the page says why each time, and no claim is made
    """
    satu = layanan.periksa("Kabar satu-satunya laporan tentang jalan putus").laporan
    k = putusan()
    dari_putusan = Laporan.objects.create(klaim=k, kode="PUTUSAN1", teks="Laporan yang dijawab putusan")
    Laporan.objects.create(klaim=k, kode="PUTUSAN2", teks="Laporan lain yang dijawab putusan")
    client.force_login(cast.verifikator)
    for laporan, pesan in [(satu, "ini satu-satunya laporan klaimnya"), (dari_putusan, "putusan klaimnya sudah terbit")]:
        response = client.post(f"/kelola/cek-fakta/laporan/{laporan.pk}/pisah/", follow=True)
        assert pesan in response.content.decode()
    assert Klaim.objects.count() == 2


def test_a_verdict_form_opened_before_someone_elses_save_is_refused_with_409_and_keeps_the_typed_text(client, cast):
    """
    GIVEN a verifikator who opened a claim's verdict form
    WHEN an admin saves the verdict meanwhile, and then the verifikator saves theirs
    THEN the verifikator gets a 409 saying the data was changed, their text is still in the form, and the
         admin's verdict is what is stored
    """
    k = layanan.periksa("Kabar jembatan gantung desa roboh").laporan.klaim
    dibuka = _isi(k, penjelasan="Penjelasan dari verifikator.")
    client.force_login(cast.admin)
    client.post(f"/kelola/cek-fakta/{k.pk}/", _isi(k, penjelasan="Penjelasan dari admin."))
    client.force_login(cast.verifikator)
    response = client.post(f"/kelola/cek-fakta/{k.pk}/", dibuka)
    assert response.status_code == 409
    html = response.content.decode()
    assert "baru saja diubah oleh pengguna lain" in html and "Penjelasan dari verifikator." in html
    k.refresh_from_db()
    assert k.penjelasan == "Penjelasan dari admin." and k.versi == 2


def test_a_refused_publication_saves_nothing_and_keeps_the_typed_form(client, cast):
    """
    GIVEN an open claim
    WHEN a verifikator fills in the verdict without a reference and presses "Terbitkan putusan"
    THEN the form comes back with what is missing and with what they typed, and nothing is stored
    """
    k = layanan.periksa("Kabar pasar kecamatan tutup sebulan penuh").laporan.klaim
    client.force_login(cast.verifikator)
    data = {**_isi(k, penjelasan="Pasar tetap buka seperti biasa."), "referensi-TOTAL_FORMS": "0", "terbitkan": "1"}
    response = client.post(f"/kelola/cek-fakta/{k.pk}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Belum dapat diterbitkan; lengkapi: sedikitnya satu referensi." in html
    assert "Pasar tetap buka seperti biasa." in html
    k.refresh_from_db()
    assert k.penjelasan == "" and k.hasil == "" and k.status == Status.BARU and k.versi == 1


def test_references_are_the_list_the_form_shows(client, cast):
    """
    GIVEN a claim saved with two references
    WHEN the verifikator reopens it, ticks the first for removal, edits the second and adds a third
    THEN the claim has exactly the second (edited) and the third, in that order
    """
    k = layanan.periksa("Kabar vaksin palsu di puskesmas").laporan.klaim
    client.force_login(cast.verifikator)
    dua = {
        "referensi-TOTAL_FORMS": "2",
        "referensi-1-judul": "Kedua",
        "referensi-1-url": "https://dua.example/",
    }
    client.post(f"/kelola/cek-fakta/{k.pk}/", {**_isi(k), **dua})
    assert list(k.referensi.values_list("judul", flat=True)) == ["Siaran pers", "Kedua"]
    html = client.get(f"/kelola/cek-fakta/{k.pk}/").content.decode()
    assert 'name="referensi-INITIAL_FORMS" value="2"' in html and 'value="https://dua.example/"' in html
    ubah = {
        "referensi-TOTAL_FORMS": "3",
        "referensi-INITIAL_FORMS": "2",
        "referensi-0-DELETE": "on",
        "referensi-1-judul": "Kedua, diperbaiki",
        "referensi-1-url": "https://dua.example/",
        "referensi-2-judul": "Ketiga",
        "referensi-2-url": "tiga.example/x",
    }
    client.post(f"/kelola/cek-fakta/{k.pk}/", {**_isi(k), **ubah})
    assert list(k.referensi.values_list("judul", "url")) == [
        ("Kedua, diperbaiki", "https://dua.example/"),
        ("Ketiga", "https://tiga.example/x"),
    ]


def test_a_failing_mail_server_leaves_the_reporter_to_be_told_later(client, cast, settings, django_capture_on_commit_callbacks):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = "127.0.0.1", port, False, 2
    laporan = layanan.periksa("Kabar sekolah libur", email="nanti@uji.example").laporan
    client.force_login(cast.verifikator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kelola/cek-fakta/{laporan.klaim_id}/", {**_isi(laporan.klaim), "terbitkan": "1"})
    assert response.status_code == 302
    laporan.refresh_from_db()
    assert laporan.klaim.is_terbit and laporan.diberi_tahu is None


def test_the_index_sees_a_claim_committed_late_with_an_older_timestamp():
    from datetime import timedelta

    from django.utils import timezone

    putusan()
    assert layanan.cocokkan("hadiah undian nasabah bank")  # the index is built now
    telat = putusan(judul="Razia KTP di semua desa mulai besok", teks="Razia KTP di semua desa mulai besok, siapkan denda")
    Klaim.objects.filter(pk=telat.pk).update(diubah=timezone.now() - timedelta(minutes=2))
    assert layanan.cocokkan("razia KTP di semua desa mulai besok")[0].klaim == telat


def test_an_edited_dictionary_entry_is_used_at_once():
    from cekfakta.models import Istilah

    putusan(judul="Pembagian sembako gratis di kantor desa", teks="Pembagian sembako gratis di kantor desa")
    entri = Istilah.objects.create(jenis=Istilah.Jenis.SINGKATAN, bentuk="smbk", baku="salah")
    entri.baku = "sembako"
    entri.save()
    hasil = layanan.cocokkan("pembagian smbk gratis di kantor desa")
    assert hasil and hasil[0].klaim.judul == "Pembagian sembako gratis di kantor desa" and hasil[0].skor >= layanan.ambang()


def test_queue_shows_where_reports_come_from_in_a_constant_number_of_queries(client, cast, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cekfakta import views
    from wilayah.models import Wilayah

    # The candidates asked of the matcher for each claim shown are another matter (cekfakta/tests/test_antrean.py).
    monkeypatch.setattr(views, "_kandidat_terbit", lambda klaim_list: None)

    layanan.periksa("Kabar jembatan Rantau putus total malam ini", wilayah=Wilayah.objects.get(kode="63.05.01.2003"))
    from django.core.cache import cache

    client.force_login(cast.verifikator)
    cache.clear()
    with CaptureQueriesContext(connection) as sedikit:
        html = client.get("/kelola/cek-fakta/").content.decode()
    assert "Situs web" in html and "Binuang" in html
    for i in range(6):
        layanan.periksa(
            f"Pesan berbeda nomor {i} tentang hal {['air', 'listrik', 'pasar', 'sekolah', 'jalan', 'pupuk'][i]} lainnya"
        )
    cache.clear()
    with CaptureQueriesContext(connection) as banyak:
        client.get("/kelola/cek-fakta/")
    assert len(banyak) == len(sedikit)
