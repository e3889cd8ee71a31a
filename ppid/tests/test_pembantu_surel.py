"""The e-mail a PPID Pembantu's accounts get when PPID Utama forwards a request to their unit or takes it back:
what is asked, the number, the legal deadline and the desk link; never the requester's identity number or address;
sent once however often the task runs."""

import pytest
import time_machine
from django.core import mail

from jembatan.test import KAB, make_user
from ppid.models import KabarPembantu, PpidPembantu
from ppid.tasks import kabari_pembantu
from ppid.tests.bantu import make_permohonan

pytestmark = pytest.mark.django_db

SEKARANG = "2026-11-27 09:00 +08:00"


@pytest.fixture
def dinkes():
    unit = PpidPembantu.objects.create(nama="Dinas Kesehatan")
    unit.petugas.add(make_user("ppid@dinkes.example", "pembantu", nama="Petugas Dinkes"))
    unit.petugas.add(make_user("cadangan@dinkes.example", "pembantu", nama="Petugas Cadangan"))
    pensiun = make_user("pensiun@dinkes.example", "pembantu", nama="Sudah Pensiun")
    pensiun.is_active = False
    pensiun.save()
    unit.petugas.add(pensiun)
    return unit


@time_machine.travel(SEKARANG, tick=False)
def test_the_units_active_accounts_are_mailed_what_is_asked_and_the_deadline(
    client, cast, dinkes, django_capture_on_commit_callbacks, settings
):
    """GIVEN a request to the regency with the requester's identity number and address
    WHEN PPID Utama forwards it to the Dinas Kesehatan
    THEN the unit's active accounts get one e-mail with the number, what is asked, the deadline and the desk
    link, and nothing of the requester's identity."""
    settings.SITE_URL = "https://ppid.contoh.example"
    p = make_permohonan(kode=KAB, rincian="Data cakupan imunisasi 2026.", alamat="Jl. Rahasia 7 Rantau")
    mail.outbox.clear()
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/kelola/ppid/permohonan/{p.pk}/teruskan/", {"pembantu": dinkes.pk}).status_code == 302
    assert len(mail.outbox) == 1
    surel = mail.outbox[0]
    assert sorted(surel.to) == ["cadangan@dinkes.example", "ppid@dinkes.example"]
    assert surel.subject == f"Permohonan informasi {p.nomor} untuk dijawab unit Anda"
    assert "Data cakupan imunisasi 2026." in surel.body and "meneruskan permohonan informasi" in surel.body
    assert "paling lambat Jumat, 11 Desember 2026" in surel.body
    assert f"https://ppid.contoh.example/kelola/ppid/permohonan/{p.pk}/" in surel.body
    html = surel.alternatives[0][0]
    for isi in (surel.body, html):
        assert p.nomor_identitas not in isi and "Jl. Rahasia" not in isi and p.kode not in isi


@time_machine.travel(SEKARANG, tick=False)
def test_taking_back_and_sending_elsewhere_tells_both_units(cast, dinkes, django_capture_on_commit_callbacks):
    lain = PpidPembantu.objects.create(nama="Dinas Pendidikan")
    lain.petugas.add(make_user("ppid@disdik.example", "pembantu"))
    p = make_permohonan(kode=KAB)
    with django_capture_on_commit_callbacks(execute=True):
        p.teruskan(oleh=cast.admin, pembantu=dinkes)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p.teruskan(oleh=cast.admin, pembantu=lain)
    ditarik, diteruskan = sorted(mail.outbox, key=lambda m: "ditarik" not in m.subject)
    assert ditarik.subject == f"Permohonan informasi {p.nomor} ditarik kembali oleh PPID Utama"
    assert "ppid@dinkes.example" in ditarik.to and "tidak perlu lagi menjawabnya" in ditarik.body
    assert diteruskan.to == ["ppid@disdik.example"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        p.teruskan(oleh=cast.admin, pembantu=None)
    assert [m.to for m in mail.outbox] == [["ppid@disdik.example"]] and "ditarik kembali" in mail.outbox[0].subject


@time_machine.travel(SEKARANG, tick=False)
def test_the_mail_is_claimed_before_it_goes_so_a_second_run_sends_nothing(cast, dinkes, django_capture_on_commit_callbacks):
    p = make_permohonan(kode=KAB)
    with django_capture_on_commit_callbacks(execute=True):
        p.teruskan(oleh=cast.admin, pembantu=dinkes)
    kabar = KabarPembantu.objects.get()
    assert kabar.terkirim is not None and [sorted(m.to) for m in mail.outbox] == [
        ["cadangan@dinkes.example", "ppid@dinkes.example"]
    ]
    assert kabari_pembantu.call(kabar.pk) == "sudah"
    assert len(mail.outbox) == 1


def test_a_failed_send_gives_the_claim_back_for_a_retry(cast, dinkes, monkeypatch):
    p = make_permohonan(kode=KAB)
    p.teruskan(oleh=cast.admin, pembantu=dinkes)  # its task waits for a commit that never comes in this test
    kabar = KabarPembantu.objects.get()

    def mati(*args, **kwargs):
        raise ConnectionError("server surel mati")

    monkeypatch.setattr("ppid.tasks.send", mati)
    with pytest.raises(ConnectionError):
        kabari_pembantu.call(kabar.pk)
    kabar.refresh_from_db()
    assert kabar.terkirim is None
    monkeypatch.undo()
    mail.outbox.clear()
    assert kabari_pembantu.call(kabar.pk) == "terkirim" and len(mail.outbox) == 1


def test_a_failed_mail_is_queued_again_by_the_periodic_catch_up(cast, dinkes):
    """A send that failed gives the claim back; nothing would ever send it again without the catch-up, which
    queues every mail owed for more than five minutes (and only those)."""
    from ppid.tasks import kabari_pembantu_tertunda

    p = make_permohonan(kode=KAB)
    with time_machine.travel("2026-11-27 09:00 +08:00", tick=False):
        p.teruskan(oleh=cast.admin, pembantu=dinkes)  # its task waits for a commit that never comes in this test
    with time_machine.travel("2026-11-27 09:03 +08:00", tick=False):
        assert kabari_pembantu_tertunda() == 0
    assert not mail.outbox
    with time_machine.travel("2026-11-27 09:06 +08:00", tick=False):
        assert kabari_pembantu_tertunda() == 1  # the tests' task backend runs it at once
    assert len(mail.outbox) == 1 and KabarPembantu.objects.get().terkirim is not None
    with time_machine.travel("2026-11-27 09:30 +08:00", tick=False):
        assert kabari_pembantu_tertunda() == 0


@time_machine.travel(SEKARANG, tick=False)
def test_a_forward_mail_that_goes_after_the_request_moved_on_is_not_sent(cast, dinkes):
    """Forwarded, then taken back before the worker ran: the unit gets the "taken back" mail only, not the
    request's details for a request it no longer holds."""
    p = make_permohonan(kode=KAB)
    p.teruskan(oleh=cast.admin, pembantu=dinkes)  # the tasks wait for a commit that never comes in this test
    p.teruskan(oleh=cast.admin, pembantu=None)
    teruskan, tarik = KabarPembantu.objects.order_by("pk")
    assert kabari_pembantu.call(teruskan.pk) == "pindah"
    assert kabari_pembantu.call(tarik.pk) == "terkirim"
    assert [m.subject for m in mail.outbox] == [f"Permohonan informasi {p.nomor} ditarik kembali oleh PPID Utama"]
