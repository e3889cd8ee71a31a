"""Diskominfo sets weights, targets and levels in the admin: a change applies from the next month, levels
never overlap, weights that do not add up are accepted with a warning, a scheme in use stays as it was."""

from datetime import date

import pytest
import time_machine

from penilaian.models import Skema, SkorBulanan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_hari_ini")]
URL = "/django-admin/penilaian/skema/add/"


@pytest.fixture
def _hari_ini():
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        yield


def _form(mulai="2026-07-01", bobot=(("informasi.berita", "60", "4"), ("kegiatan.diseminasi", "30", "2")), tingkat=()):
    data = {
        "nama": "Skema 2026",
        "berlaku_mulai": mulai,
        "catatan": "",
        "bobot-TOTAL_FORMS": str(len(bobot)),
        "bobot-INITIAL_FORMS": "0",
        "tingkat-TOTAL_FORMS": str(len(tingkat)),
        "tingkat-INITIAL_FORMS": "0",
    }
    for i, (kode, w, t) in enumerate(bobot):
        data |= {f"bobot-{i}-indikator": kode, f"bobot-{i}-bobot": w, f"bobot-{i}-target": t}
    for i, (nama, lo, hi) in enumerate(tingkat):
        data |= {f"tingkat-{i}-nama": nama, f"tingkat-{i}-batas_bawah": lo, f"tingkat-{i}-batas_atas": hi}
    return data


def test_weights_that_do_not_add_up_are_saved_with_a_warning(admin_client):
    tingkat = (("Pemula", "0", "50"), ("Utama", "50", "100"))
    response = admin_client.post(URL, _form(tingkat=tingkat), follow=True)
    assert "Jumlah bobot 90.00, bukan 100" in response.content.decode()
    skema = Skema.objects.get(nama="Skema 2026")
    assert [t.nama for t in skema.tingkat.all()] == ["Pemula", "Utama"] and skema.bobot.count() == 2


def test_overlapping_levels_are_refused_and_the_input_kept(admin_client):
    response = admin_client.post(URL, _form(tingkat=(("Pemula", "0", "60"), ("Madya", "50", "100"))))
    html = response.content.decode()
    assert response.status_code == 200 and "bertumpang tindih" in html
    assert 'value="Madya"' in html and not Skema.objects.filter(nama="Skema 2026").exists()


def test_a_change_applies_from_the_next_month_at_the_earliest(admin_client):
    response = admin_client.post(URL, _form(mulai="2026-06-01"))
    assert "paling cepat bulan depan (07/2026)" in response.content.decode()
    response = admin_client.post(URL, _form(mulai="2026-07-15"))
    assert "tanggal 1 sebuah bulan" in response.content.decode()
    assert not Skema.objects.filter(nama="Skema 2026").exists()


def test_a_scheme_with_computed_months_is_read_only_and_copied_for_a_change(admin_client, cast):
    awal = Skema.objects.get(nama="Skema awal")
    SkorBulanan.objects.create(kim=cast.kim_a, bulan=date(2026, 5, 1), skema=awal, total=40)
    assert admin_client.post(f"/django-admin/penilaian/skema/{awal.pk}/delete/", {"post": "yes"}).status_code == 403
    admin_client.post(f"/django-admin/penilaian/skema/{awal.pk}/change/", {**_form(), "nama": "Diubah"})
    awal.refresh_from_db()
    assert awal.nama == "Skema awal"
    admin_client.post("/django-admin/penilaian/skema/", {"action": "salin", "_selected_action": [awal.pk]})
    baru = Skema.objects.get(berlaku_mulai=date(2026, 7, 1))
    assert baru.bobot.count() == awal.bobot.count() and [t.nama for t in baru.tingkat.all()] == ["Pemula", "Madya", "Utama"]
