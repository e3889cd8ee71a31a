"""Small things a first-time user tripped over: words they can act on, not numbers or marks that mean nothing."""

import pytest

from cekfakta.tests.test_meja import putusan

pytestmark = pytest.mark.django_db


def test_the_footer_names_the_user_once_and_keeps_logout_with_its_separator(client, cast):
    cast.admin.nama = "Admin Diskominfo (DEMO)"
    cast.admin.save()
    client.force_login(cast.admin)
    html = client.get("/kelola/").content.decode()
    assert "Masuk sebagai Admin Diskominfo (DEMO)" in html
    assert "(DEMO) (Admin Diskominfo)" not in html
    assert '<span class="utuh">· <form class="sebaris" method="post" action="/akun/keluar/">' in html


def test_the_cek_fakta_form_does_not_promise_starred_fields_it_does_not_mark(client):
    html = client.get("/cek-fakta/cek/").content.decode()
    assert "Kolom bertanda *" not in html and "atau keduanya" in html


def test_a_citizen_reads_how_close_the_match_is_in_words_not_a_raw_score(client):
    putusan()
    reworded = "slmt!! anda pemenang undian nasabah bank 50jt, klaim hadiahnya di link ini isi no rekening & PIN. sebarkan"
    html = client.post("/cek-fakta/cek/", {"teks": reworded}).content.decode()
    assert "Pesan ini sama dengan klaim yang sudah diperiksa" in html
    assert "Tingkat kemiripan" not in html and "1 = sama persis" not in html
    assert "hampir sama persis dengan klaim ini" in html or "sangat mirip dengan klaim ini" in html
