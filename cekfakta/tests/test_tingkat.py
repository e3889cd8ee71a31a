"""Three answers to a forwarded message: "sama" (the verdict), "mungkin" (which of these?) and "belum".

The corpus is small and fixed, written for these tests; the sentence model is the real one. The "mungkin" cases
set the thresholds around a known score, so they test the flow, not where calibration puts the thresholds.
"""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from cekfakta import layanan
from cekfakta.models import Hasil, JenisSalah, Klaim, Laporan, PesanMasuk, Referensi, Status, Tingkat

pytestmark = pytest.mark.django_db

BANSOS = (
    "Bansos BLT Rp600 ribu cair lewat link pendaftaran",
    "BANTUAN LANGSUNG TUNAI Rp600.000 sudah cair!! Daftar lewat link ini, isi NIK dan nomor HP. Sebarkan ke grup keluarga",
)
VAKSIN = (
    "Vaksin campak di posyandu menyebabkan anak mandul",
    "Hati2 bapak ibu, vaksin campak yg dikasih di posyandu bikin anak mandul nanti besarnya. Jangan mau anaknya disuntik",
)
GEMPA = (
    "BMKG memprediksi gempa besar dan tsunami di Kalimantan Selatan minggu depan",
    "INFO BMKG: minggu depan akan ada gempa 8,9 SR disusul tsunami di Kalsel, segera siapkan tas siaga",
)


def terbit(judul: str, teks: str, hasil: str = Hasil.SALAH) -> Klaim:
    k = Klaim.objects.create(
        judul=judul,
        teks_contoh=teks,
        status=Status.SELESAI,
        hasil=hasil,
        jenis_salah=JenisSalah.PALSU if hasil == Hasil.SALAH else "",
        penjelasan="Tidak ada pengumuman seperti itu dari instansi resmi.",
        metode="Menghubungi instansi dan memeriksa situs resminya.",
        diterbitkan=timezone.now(),
    )
    Referensi.objects.create(klaim=k, judul="Situs resmi", url="https://instansi.example/klarifikasi")
    return k


@pytest.fixture
def putusan():
    layanan.indeks.reset()
    hasil = {"bansos": terbit(*BANSOS), "vaksin": terbit(*VAKSIN), "gempa": terbit(*GEMPA)}
    yield hasil
    layanan.indeks.reset()


@pytest.fixture
def ambang_mungkin_saja(monkeypatch):
    """Thresholds at which a reworded bansos forward scores between the two: it is offered, not given."""
    monkeypatch.setattr(layanan, "ambang", lambda: 0.999)
    monkeypatch.setattr(layanan, "ambang_mungkin", lambda: 0.0)


REWORDED = "assalamualaikum, ada info BLT 600rb sdh cair katanya, daftarnya lwt link pakai NIK. bnr gk ya?"


def test_a_claim_has_its_meaning_vector_from_the_moment_it_is_saved(putusan):
    k = Klaim.objects.get(pk=putusan["bansos"].pk)
    assert k.vektor is not None and len(bytes(k.vektor)) == 384 * 2 and k.vektor_dari
    lama = k.vektor_dari
    k.judul = "Pendaftaran bansos lewat tautan"
    k.save(update_fields=["judul"])
    k.refresh_from_db()
    assert k.vektor_dari != lama


def test_vectors_computed_later_reach_the_index_of_a_running_process(putusan):
    """Claims imported before their vectors (`manage.py isi_vektor_klaim` after an upgrade): the process that already
    holds them scores them 0 until the command has run, and then answers with them without a restart."""
    teks = "vaksin campak di posyandu katanya bikin anak jadi mandul, jgn mau disuntik"
    vaksin = putusan["vaksin"].pk
    Klaim.objects.filter(pk=vaksin).update(vektor=None)
    layanan.indeks.reset()
    assert all(h.skor == 0 for h in layanan.indeks.cari(teks, 3) if h.id == vaksin)

    call_command("isi_vektor_klaim", stdout=io.StringIO())
    terbaik = layanan.indeks.cari(teks, 3)[0]
    assert terbaik.id == vaksin and terbaik.skor >= layanan.ambang()


def test_a_repeat_in_other_words_is_answered_with_its_verdict(client, putusan):
    html = client.post(
        "/cek-fakta/cek/", {"teks": "vaksin campak di posyandu katanya bikin anak jadi mandul, jgn mau disuntik"}
    ).content.decode()
    assert "Pesan ini sama dengan klaim yang sudah diperiksa" in html
    laporan = Laporan.objects.get()
    assert (laporan.tingkat, laporan.klaim) == (Tingkat.SAMA, putusan["vaksin"])


def test_an_ordinary_village_message_is_not_checked_yet_and_not_told_to_be_withheld(client, putusan):
    html = client.post(
        "/cek-fakta/cek/", {"teks": "Jadwal posyandu Melati bulan ini hari Kamis jam 9 di balai desa, bawa buku KIA ya bu"}
    ).content.decode()
    assert "Belum pernah diperiksa" in html
    assert "jangan sebarkan pesan ini dulu" not in html.lower()
    assert "jadwal posyandu" in html  # the advice says ordinary notices need not be held back
    laporan = Laporan.objects.get()
    assert laporan.tingkat == Tingkat.BELUM and laporan.usulan == [] and not laporan.dijawab_langsung


def test_mungkin_offers_the_verdicts_and_yes_attaches_the_report_to_the_one_chosen(client, putusan, ambang_mungkin_saja):
    html = client.post("/cek-fakta/cek/", {"teks": REWORDED}).content.decode()
    assert "Apakah pesan Anda tentang salah satu ini?" in html and "Ya, yang ini" in html
    laporan = Laporan.objects.get()
    assert laporan.tingkat == Tingkat.MUNGKIN and laporan.usulan[0] == putusan["bansos"].pk
    sementara = laporan.klaim
    assert sementara is not None and not sementara.is_terbit

    response = client.post(f"/cek-fakta/lacak/{laporan.kode}/pilih/", {"klaim": putusan["bansos"].pk}, follow=True)
    html = response.content.decode()
    assert "Hasil pemeriksaan sudah terbit" in html and putusan["bansos"].judul in html
    laporan.refresh_from_db()
    assert laporan.klaim == putusan["bansos"] and laporan.dijawab_langsung and laporan.usulan_dijawab
    assert not Klaim.objects.filter(pk=sementara.pk).exists()  # opened for this report alone: gone with it
    assert Klaim.objects.get(pk=putusan["bansos"].pk).jumlah_laporan == 1

    again = client.post(f"/cek-fakta/lacak/{laporan.kode}/pilih/", {"klaim": putusan["gempa"].pk}, follow=True)
    assert "sudah dijawab" in again.content.decode()
    assert Laporan.objects.get().klaim == putusan["bansos"]


@pytest.mark.parametrize(
    ("pesan", "nama", "ulangan"),
    [
        # a warning ("itu hoaks, jangan diklik"): the sender must not read that their message is a known hoax
        (
            "Hati-hati, ada pesan BLT Rp600 ribu cair lewat link pendaftaran pakai NIK. Itu hoaks, jangan diklik.",
            "bansos",
            REWORDED,
        ),
        # a true notice that states the claim's own words are not so ("kada menyebabkan mandul"): maybe a correction
        (
            "Jar bidan desa, vaksin campak di posyandu kada menyebabkan anak mandul. Bawa anak imunisasi lah.",
            "vaksin",
            "Vaksin campak di posyandu bikin anak mandul!! jangan mau disuntik",
        ),
    ],
)
def test_a_message_about_a_known_hoax_that_does_not_repeat_it_is_offered_the_verdict(
    client, putusan, monkeypatch, pesan, nama, ulangan
):
    """The verdict is offered ("mungkin"), never given as "sama", even when the score would have given it."""
    monkeypatch.setattr(layanan, "ambang", lambda: 0.0)
    monkeypatch.setattr(layanan, "ambang_mungkin", lambda: 0.0)
    html = client.post("/cek-fakta/cek/", {"teks": pesan}).content.decode()
    assert "Pesan ini sama dengan klaim" not in html and "Apakah pesan Anda tentang salah satu ini?" in html
    laporan = Laporan.objects.get()
    assert laporan.tingkat == Tingkat.MUNGKIN and putusan[nama].pk in laporan.usulan and not laporan.dijawab_langsung
    # the claim repeated, at the same thresholds, is answered with the verdict
    client.post("/cek-fakta/cek/", {"teks": ulangan})
    terakhir = Laporan.objects.latest("dibuat")
    assert terakhir.tingkat == Tingkat.SAMA and terakhir.klaim == putusan[nama]


def test_a_verdict_not_offered_cannot_be_chosen(client, putusan, ambang_mungkin_saja):
    client.post("/cek-fakta/cek/", {"teks": REWORDED})
    laporan = Laporan.objects.get()
    lain = terbit("Kartu prakerja gelombang baru dibuka lewat WhatsApp", "Prakerja dibuka lagi daftar lewat WA")
    response = client.post(f"/cek-fakta/lacak/{laporan.kode}/pilih/", {"klaim": lain.pk}, follow=True)
    assert "bukan salah satu pilihan" in response.content.decode()
    assert client.post(f"/cek-fakta/lacak/{laporan.kode}/pilih/", {"klaim": "x"}).status_code == 400
    laporan.refresh_from_db()
    assert laporan.usulan_dijawab is None and not laporan.dijawab_langsung


def test_mungkin_then_bukan_keeps_the_report_for_the_desk(client, putusan, ambang_mungkin_saja):
    client.post("/cek-fakta/cek/", {"teks": REWORDED})
    laporan = Laporan.objects.get()
    tracking = client.get(laporan.get_absolute_url()).content.decode()
    assert "Bukan salah satunya" in tracking  # the question waits on the tracking page too
    html = client.post(f"/cek-fakta/lacak/{laporan.kode}/bukan/", follow=True).content.decode()
    assert "Tim verifikator akan memeriksa pesan Anda" in html and "Bukan salah satunya" not in html
    laporan.refresh_from_db()
    assert laporan.usulan_dijawab and not laporan.dijawab_langsung and laporan.klaim.status == Status.BARU


def test_the_api_answers_in_three_tiers(client, putusan, monkeypatch):
    def cocok(teks):
        return client.post("/api/v1/cek-fakta/cocokkan", json.dumps({"teks": teks}), content_type="application/json").json()

    sama = cocok("vaksin campak di posyandu katanya bikin anak jadi mandul, jgn mau disuntik")
    assert (sama["tingkat"], sama["cocok"], sama["klaim"]["id"], sama["usulan"]) == ("sama", True, putusan["vaksin"].pk, [])
    belum = cocok("Gotong royong membersihkan saluran air hari Minggu jam 7 pagi di RT 03")
    assert (belum["tingkat"], belum["cocok"], belum["klaim"], belum["usulan"]) == ("belum", False, None, [])
    monkeypatch.setattr(layanan, "ambang", lambda: 0.999)
    monkeypatch.setattr(layanan, "ambang_mungkin", lambda: 0.0)
    mungkin = cocok(REWORDED)
    assert (mungkin["tingkat"], mungkin["cocok"], mungkin["klaim"]) == ("mungkin", False, None)
    assert mungkin["usulan"][0]["klaim"]["id"] == putusan["bansos"].pk and len(mungkin["usulan"]) <= 3
    assert not Laporan.objects.exists()  # the API records nothing


# --- Chat channels: recorded payload shapes -------------------------------------------------


def _wa(teks: str, n: int) -> dict:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "contacts": [{"profile": {"name": "Warga"}, "wa_id": "6281234567890"}],
                            "messages": [
                                {
                                    "from": "6281234567890",
                                    "id": f"wamid.{n}",
                                    "timestamp": "1764400000",
                                    "type": "text",
                                    "text": {"body": teks},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }


def _tg(teks: str, n: int) -> dict:
    return {
        "update_id": 900 + n,
        "message": {
            "message_id": n,
            "from": {"id": 5550001, "is_bot": False, "first_name": "Warga"},
            "chat": {"id": 5550001, "type": "private"},
            "date": 1764400000,
            "text": teks,
        },
    }


@pytest.fixture
def kirim(client, saluran, django_capture_on_commit_callbacks):
    """Deliver a webhook payload and run the work it queues, as the task worker would."""
    import hashlib
    import hmac

    def kirim(nama: str, payload: dict) -> int:
        body = json.dumps(payload).encode()
        if nama == "whatsapp":
            tanda = "sha256=" + hmac.new(b"rahasia", body, hashlib.sha256).hexdigest()
            header = {"HTTP_X_HUB_SIGNATURE_256": tanda}
        else:
            header = {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": "rahasia-tg"}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/cek-fakta/webhook/{nama}/", body, content_type="application/json", **header).status_code

    return kirim


def test_whatsapp_asks_with_numbers_and_a_number_answers_with_the_verdict(kirim, putusan, ambang_mungkin_saja, terkirim):
    assert kirim("whatsapp", _wa(REWORDED, 1)) == 200
    tanya = terkirim[-1]["text"]["body"]
    assert "Apakah pesan Anda tentang salah satu ini?" in tanya and re.search(r"^1\. Bansos BLT", tanya, re.M)
    assert "Balas dengan angka" in tanya and terkirim[-1]["type"] == "text"
    nomor = 1 + Laporan.objects.get().usulan.index(putusan["bansos"].pk)

    assert kirim("whatsapp", _wa(str(nomor), 2)) == 200
    jawab = terkirim[-1]["text"]["body"]
    assert "CEK FAKTA: SALAH" in jawab and putusan["bansos"].judul in jawab
    laporan = Laporan.objects.get()  # the number filed no second report
    assert laporan.klaim == putusan["bansos"] and laporan.dijawab_langsung
    assert PesanMasuk.objects.get(id_eksternal="wamid.2").laporan == laporan


def test_telegram_offers_buttons_and_bukan_keeps_the_report(kirim, putusan, ambang_mungkin_saja, terkirim):
    assert kirim("telegram", _tg(REWORDED, 1)) == 200
    tombol = terkirim[-1]["reply_markup"]["keyboard"][0]
    assert [t["text"] for t in tombol][-1] == "Bukan" and tombol[0]["text"] == "1"
    assert kirim("telegram", _tg("Bukan", 2)) == 200
    assert "tetap kami periksa" in terkirim[-1]["text"] and "reply_markup" not in terkirim[-1]
    laporan = Laporan.objects.get()
    assert laporan.usulan_dijawab and not laporan.dijawab_langsung
    # Afterwards a number is an ordinary message again, checked as such.
    kirim("telegram", _tg("2", 3))
    assert Laporan.objects.count() == 2


def test_a_message_like_one_closed_as_bukan_klaim_goes_to_the_desk_afresh(client, putusan):
    teks = "Jadwal posyandu Melati bulan ini hari Kamis jam 9 di balai desa, bawa buku KIA ya bu"
    client.post("/cek-fakta/cek/", {"teks": teks})
    tutup = Laporan.objects.get().klaim
    Klaim.objects.filter(pk=tutup.pk).update(status=Status.SELESAI, hasil=Hasil.BUKAN_KLAIM)
    layanan.indeks.reset()
    client.post("/cek-fakta/cek/", {"teks": teks})
    baru = Laporan.objects.latest("dibuat")
    assert baru.klaim != tutup and baru.klaim.status == Status.BARU and baru.tingkat == Tingkat.BELUM


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("", "Tempelkan teks pesannya"),
        ("   \n\t ", "Tempelkan teks pesannya"),
        ("🙏🙏🔥🔥‼️ !!! ...", "hanya berisi emoji"),
        ("\x01\x02\x03\x04\x05\x06\x07\x08 abc", "tidak tampak seperti teks pesan"),
    ],
)
def test_a_message_that_cannot_be_checked_gets_a_clear_answer_and_nothing_is_stored(client, teks, pesan):
    html = client.post("/cek-fakta/cek/", {"teks": teks}).content.decode()
    assert pesan in html
    assert not Laporan.objects.exists() and not Klaim.objects.exists()


def test_only_a_link_or_another_script_is_checked_like_any_message(client, putusan):
    for teks in ("https://bansos-2026.example-daftar.xyz/klaim", "政府发放补贴，点击链接领取"):
        html = client.post("/cek-fakta/cek/", {"teks": teks}).content.decode()
        assert "Kode pelacakan" in html
    assert Laporan.objects.count() == 2  # filed for the desk (a bansos link may also be offered the bansos verdict)


def test_the_api_refuses_a_message_of_only_emoji_with_the_reason(client):
    r = client.post("/api/v1/cek-fakta/cocokkan", json.dumps({"teks": "🙏🙏🔥"}), content_type="application/json")
    assert r.status_code == 400 and "emoji" in r.json()["detail"]


def test_a_text_seen_again_is_not_embedded_again(monkeypatch):
    from cekfakta import makna

    pertama = makna.vektor(["Bansos Rp600 ribu cair lewat link, isi NIK"])
    monkeypatch.setattr(makna, "model", lambda: pytest.fail("embedded again"))
    kedua = makna.vektor(["Bansos Rp600 ribu cair lewat link, isi NIK", ""])
    assert (kedua[0] == pertama[0]).all() and not kedua[1].any()
