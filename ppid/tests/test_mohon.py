"""The public request form: what a requester gives, what they get back, and bad input answered beside its field."""

import pytest
import time_machine
from django.core import mail

from jembatan.test import DESA_A, DESA_B, KAB
from ppid.models import Permohonan

pytestmark = pytest.mark.django_db

URL = f"/ppid/{DESA_A}/mohon/"
ISI = {
    "nama": "Siti Aminah",
    "nomor_identitas": "6305014501900001",
    "alamat": "RT 02 Desa Tungkap",
    "telepon": "0812 3456 7890",
    "email": "siti@contoh.example",
    "pekerjaan": "Guru",
    "rincian": "Salinan APBDes 2026.",
    "tujuan": "Mengetahui penggunaan dana desa.",
    "cara_memperoleh": "salinan",
    "cara_salinan": "email",
}


@time_machine.travel("2026-11-27 09:00 +08:00", tick=False)
def test_a_citizen_requests_and_gets_number_code_deadline_and_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(URL, ISI)
    p = Permohonan.objects.get()
    html = r.content.decode()
    assert r.status_code == 200
    assert "001/PPID-DESA-63.05.01.2003/XI/2026" in html and p.kode in html
    assert "Jumat, 11 Desember 2026" in html  # Friday the 27th + 10 working days
    assert (p.telepon, p.dibantu_oleh) == ("6281234567890", None)
    assert mail.outbox[0].to == ["siti@contoh.example"] and p.kode in mail.outbox[0].body


def test_a_request_with_no_way_to_answer_it_keeps_the_input(client):
    r = client.post(URL, {**ISI, "alamat": "", "telepon": "", "email": "", "cara_memperoleh": "melihat"})
    html = r.content.decode()
    assert r.status_code == 400 and not Permohonan.objects.exists()
    assert "Isi alamat, nomor telepon atau e-mail" in html and "Salinan APBDes 2026." in html


def test_a_copy_by_email_needs_an_email(client):
    r = client.post(URL, {**ISI, "email": ""})
    assert r.status_code == 400 and "Isi alamat e-mail untuk menerima salinan" in r.content.decode()


def test_a_kim_member_enters_a_request_for_a_villager_recorded_as_assisted(client, cast):
    client.force_login(cast.anggota)
    assert "mengisikan permohonan ini untuk warga" in client.get(URL).content.decode()
    client.post(URL, {**ISI, "dibantu": "on"})
    assert Permohonan.objects.get().dibantu_oleh == cast.anggota


def test_the_assisted_box_is_only_for_kim_members_of_that_village(client, cast):
    client.force_login(cast.editor_lain)
    assert "mengisikan permohonan" not in client.get(URL).content.decode()
    client.post(URL, {**ISI, "dibantu": "on"})
    assert Permohonan.objects.get().dibantu_oleh is None


def test_the_regency_and_every_village_take_requests_and_nothing_else(client):
    assert client.get(f"/ppid/{KAB}/mohon/").status_code == 200
    assert client.get(f"/ppid/{DESA_B}/mohon/").status_code == 200
    assert client.get("/ppid/63.05.01/mohon/").status_code == 404  # a kecamatan is not a badan publik
    assert client.get("/ppid/63.71.01.1001/mohon/").status_code == 404  # outside the regency


def test_a_bot_filling_the_hidden_field_files_nothing(client):
    r = client.post(URL, {**ISI, "situs_web": "http://spam.example"})
    assert r.status_code == 200 and not Permohonan.objects.exists()


def test_too_many_requests_from_one_address_are_refused(client, settings):
    settings.JEMBATAN_PPID_BATAS_PER_JAM = 1
    client.post(URL, ISI)
    r = client.post(URL, ISI)
    assert r.status_code == 429 and Permohonan.objects.count() == 1
