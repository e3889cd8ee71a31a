"""Poll pages: voting as an anonymous browser or an account, the honest label, results as SVG and CSV, and
creating a poll."""

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from jembatan.test import DESA_A, DESA_B
from suarawarga.models import Jajak, Pemilih, Pemilihan
from suarawarga.tests.bantu import make_jajak

pytestmark = pytest.mark.django_db


def _opsi(jajak) -> list[int]:
    return list(jajak.opsi.values_list("pk", flat=True))


def test_an_anonymous_browser_votes_once_and_may_change_its_vote(client, cast):
    jajak = make_jajak(cast)
    a, b, _c = _opsi(jajak)
    page = client.get(jajak.get_absolute_url()).content.decode()
    assert "Tidak ilmiah — hanya gambaran." in page
    response = client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": a})
    assert response.status_code == 302 and "suara_peramban" in response.cookies
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": b})
    hasil, total = jajak.hasil()
    assert total == 1 and [h.jumlah for h in hasil] == [0, 1, 0]
    page = client.get(jajak.get_absolute_url()).content.decode()
    assert "Ubah pilihan" in page and f'value="{b}" required id="id_opsi_1" checked' in page


def test_another_browser_is_another_voter(client, cast):
    jajak = make_jajak(cast)
    a = _opsi(jajak)[0]
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": a})
    client.cookies.clear()
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": a})
    assert jajak.hasil()[1] == 2


def test_a_forged_token_cookie_is_a_new_browser_not_someone_else(client, cast):
    jajak = make_jajak(cast)
    a, b, _c = _opsi(jajak)
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": a})
    client.cookies["suara_peramban"] = "palsu"
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": b})
    assert [h.jumlah for h in jajak.hasil()[0]] == [1, 1, 0]


def test_a_signed_in_account_votes_once_whatever_browser(client, cast):
    jajak = make_jajak(cast)
    a, b, _c = _opsi(jajak)
    client.force_login(cast.warga)
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": a})
    client.cookies.clear()
    client.force_login(cast.warga)
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": b})
    assert list(Pemilihan.objects.values_list("pemilih", flat=True)) == [f"u{cast.warga.pk}"]


def test_an_account_poll_sends_visitors_to_sign_in_and_refuses_other_villages(client, cast):
    jajak = make_jajak(cast, pemilih=Pemilih.AKUN)
    a = _opsi(jajak)[0]
    assert "Masuk untuk memilih" in client.get(jajak.get_absolute_url()).content.decode()
    assert client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": a})["Location"].startswith("/akun/masuk/")
    client.force_login(cast.editor_lain)
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": a})
    client.force_login(cast.anggota)
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": a})
    assert list(Pemilihan.objects.values_list("pemilih", flat=True)) == [f"u{cast.anggota.pk}"]


def test_a_vote_after_the_close_or_without_an_answer_is_answered_beside_the_options(client, cast):
    jajak = make_jajak(cast)
    response = client.post(f"/jajak/{jajak.pk}/pilih/", {})
    assert response.status_code == 400 and "Pilih salah satu jawaban." in response.content.decode()
    with time_machine.travel(jajak.tutup_pada + timedelta(minutes=1)):
        response = client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": _opsi(jajak)[0]})
    assert response.status_code == 400 and "sudah ditutup" in response.content.decode()
    assert not Pemilihan.objects.exists()


def test_results_are_an_svg_bar_chart_with_counts_and_percentages_under_5_kb(client, cast):
    jajak = make_jajak(cast)
    a, b, _c = _opsi(jajak)
    for i, pk in enumerate([a, a, a, b]):
        jajak.pilih(pemilih=f"t{i}", opsi_ids=[pk])
    page = client.get(jajak.get_absolute_url()).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    assert "Balai desa" in svg and "3 suara (75%)" in svg and "1 suara (25%)" in svg and "0 suara (0%)" in svg
    assert len(svg.encode()) < 5 * 1024


def test_results_hidden_until_the_close_when_so_set_then_shown_and_exported(client, cast):
    jajak = make_jajak(cast, hasil_sebelum_tutup=False)
    jajak.pilih(pemilih="t1", opsi_ids=_opsi(jajak)[:1])
    page = client.get(jajak.get_absolute_url()).content.decode()
    assert "<svg" not in page and "Hasil ditampilkan setelah" in page
    assert client.get(f"/jajak/{jajak.pk}/hasil.csv").status_code == 404
    with time_machine.travel(jajak.tutup_pada + timedelta(minutes=1)):
        response = client.get(f"/jajak/{jajak.pk}/hasil.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["pilihan", "suara", "persen_pemilih"],
        ["Balai desa", "1", "100.0"],
        ["Lapangan bola", "0", "0.0"],
        ["Sekolah dasar", "0", "0.0"],
        ["jumlah pemilih", "1", ""],
    ]


def test_the_owner_sees_hidden_results_and_closes_an_option(client, cast):
    jajak = make_jajak(cast, hasil_sebelum_tutup=False)
    a = _opsi(jajak)[0]
    jajak.pilih(pemilih="t1", opsi_ids=[a])
    client.force_login(cast.pemdes)
    assert "1 suara (100%)" in client.get(f"/kelola/jajak/{jajak.pk}/").content.decode()
    client.post(f"/kelola/jajak/{jajak.pk}/opsi/{a}/tutup/")
    client.logout()
    assert f'value="{a}"' not in client.get(jajak.get_absolute_url()).content.decode()


def test_a_village_government_creates_a_poll_for_its_village(client, cast):
    client.force_login(cast.pemdes)
    sekarang = timezone.localtime()
    data = {
        "pertanyaan": "Jadwal gotong royong yang paling cocok?",
        "opsi": "Jumat pagi\n\nSabtu pagi\nMinggu pagi\n",
        "wilayah": DESA_A,
        "buka_pada": sekarang.strftime("%Y-%m-%dT%H:%M"),
        "tutup_pada": (sekarang + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        "pemilih": "semua",
        "hasil_sebelum_tutup": "on",
    }
    response = client.post("/kelola/jajak/tambah/", {**data, "opsi": "Jumat pagi"})
    assert response.status_code == 400 and "2 sampai 10 pilihan" in response.content.decode()
    assert "Jadwal gotong royong" in response.content.decode()
    response = client.post("/kelola/jajak/tambah/", {**data, "wilayah": DESA_B})
    assert response.status_code == 400 and "cakupan Anda" in response.content.decode()
    response = client.post("/kelola/jajak/tambah/", data)
    jajak = Jajak.objects.get()
    assert response.status_code == 302 and list(jajak.opsi.values_list("teks", flat=True)) == [
        "Jumat pagi",
        "Sabtu pagi",
        "Minggu pagi",
    ]


def test_the_poll_list_shows_open_and_closed_polls(client, cast):
    buka = make_jajak(cast)
    tutup = make_jajak(
        cast,
        pertanyaan="Pertanyaan lama?",
        buka_pada=timezone.now() - timedelta(days=9),
        tutup_pada=timezone.now() - timedelta(days=2),
    )
    page = client.get("/jajak/").content.decode()
    assert buka.pertanyaan in page and tutup.pertanyaan in page and page.index(buka.pertanyaan) < page.index("Sudah ditutup")


def test_the_poll_page_is_cached_for_a_browser_that_has_not_voted_and_not_for_one_that_has(client, cast):
    """GIVEN an open poll WHEN a new browser opens it THEN the page comes from the shared cache (no CSRF cookie, a
    public Cache-Control); once this browser voted, its page shows its own vote and is private."""
    from django.test import Client

    jajak = make_jajak(cast)
    pertama = client.get(jajak.get_absolute_url())
    assert "public" in pertama["Cache-Control"] and not pertama.cookies
    opsi = jajak.opsi.all()[1]
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": [opsi.pk]})
    sendiri = client.get(jajak.get_absolute_url())
    assert "private" in sendiri["Cache-Control"] and "Ubah pilihan" in sendiri.content.decode()
    lain = Client().get(jajak.get_absolute_url())
    assert "public" in lain["Cache-Control"] and "Ubah pilihan" not in lain.content.decode()


def test_a_vote_posted_from_another_site_is_refused(client, cast):
    jajak = make_jajak(cast)
    opsi = jajak.opsi.all()[0]
    client.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": [opsi.pk]}, HTTP_ORIGIN="https://jahat.example")
    assert not jajak.pemilihan.exists()


def test_a_signed_in_vote_needs_the_csrf_token(cast):
    from django.test import Client

    jajak = make_jajak(cast)
    opsi = jajak.opsi.all()[0]
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.warga)
    assert browser.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": [opsi.pk]}).status_code == 403
    halaman = browser.get(jajak.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', halaman).group(1)
    assert browser.post(f"/jajak/{jajak.pk}/pilih/", {"opsi": [opsi.pk], "csrfmiddlewaretoken": token}).status_code == 302
    assert jajak.pemilihan.get().pemilih == f"u{cast.warga.pk}"
