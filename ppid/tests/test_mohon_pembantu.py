"""A request to the regency addressed by the requester to one of its PPID Pembantu: forwarded on receipt,
audited like PPID Utama's forward, the unit mailed, PPID Utama still in charge of where it goes."""

import pytest
import time_machine
from django.core import mail

from akun.models import Audit
from jembatan.test import DESA_A, KAB, make_user
from ppid.models import AksiPpid, Permohonan, PpidPembantu
from ppid.tests.test_mohon import ISI

pytestmark = pytest.mark.django_db

URL = f"/ppid/{KAB}/mohon/"
SEKARANG = "2026-11-27 09:00 +08:00"


@pytest.fixture
def unit():
    dinkes = PpidPembantu.objects.create(nama="Dinas Kesehatan", keterangan="Data layanan kesehatan, puskesmas, imunisasi.")
    petugas = make_user("ppid@dinkes.example", "pembantu", nama="Petugas Dinkes")
    dinkes.petugas.add(petugas)
    disdik = PpidPembantu.objects.create(nama="Dinas Pendidikan")
    disdik.petugas.add(make_user("ppid@disdik.example", "pembantu"))
    PpidPembantu.objects.create(nama="Dinas Lama", aktif=False)
    return dinkes, petugas, disdik


def test_the_regencys_form_offers_ppid_utama_and_the_active_units_with_what_they_hold(client, unit):
    html = client.get(URL).content.decode()
    assert "Ditujukan kepada" in html and "menujukannya kepada salah satu PPID Pembantu" in html
    assert "PPID Utama Kabupaten Tapin (bila tidak yakin)" in html
    assert "PPID Pembantu Dinas Kesehatan — Data layanan kesehatan, puskesmas, imunisasi." in html
    assert "PPID Pembantu Dinas Pendidikan" in html and "Dinas Lama" not in html
    # A village's form has no such choice.
    desa = client.get(f"/ppid/{DESA_A}/mohon/").content.decode()
    assert "Ditujukan kepada" not in desa and "PPID Pembantu" not in desa


@time_machine.travel(SEKARANG, tick=False)
def test_a_request_addressed_to_a_unit_is_forwarded_on_receipt(client, cast, unit, django_capture_on_commit_callbacks):
    """GIVEN the regency's request form with its active PPID Pembantu
    WHEN a citizen addresses the request to the Dinas Kesehatan
    THEN it is registered by the regency and forwarded at once: audited, the unit mailed, on the unit's desk, the
    tracking page naming the unit; PPID Utama can still send it elsewhere."""
    dinkes, petugas, disdik = unit
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(URL, {**ISI, "rincian": "Data imunisasi 2026.", "ditujukan": dinkes.pk})
    assert r.status_code == 200 and "PPID Pembantu Dinas Kesehatan" in r.content.decode()
    p = Permohonan.objects.get()
    assert p.wilayah_id == KAB and p.pembantu == dinkes
    assert list(Audit.objects.filter(objek_id=str(p.pk)).values_list("aksi", "ringkasan").order_by("pk")) == [
        (AksiPpid.TERIMA_PERMOHONAN, f"Permohonan {p.nomor}"),
        (AksiPpid.TERUSKAN, f"Diteruskan ke PPID Pembantu Dinas Kesehatan atas pilihan pemohon: {p.nomor}"),
    ]
    ke_unit = [m for m in mail.outbox if m.to == ["ppid@dinkes.example"]]
    assert len(ke_unit) == 1 and "Pemohon menujukan permohonan informasi" in ke_unit[0].body
    assert "Data imunisasi 2026." in ke_unit[0].body
    lacak = client.get(p.get_tracking_url()).content.decode()
    assert "Ditangani oleh" in lacak and "PPID Pembantu Dinas Kesehatan" in lacak

    client.force_login(petugas)
    assert p.nomor in client.get("/kelola/ppid/").content.decode()
    assert client.get(f"/kelola/ppid/permohonan/{p.pk}/").status_code == 200
    client.force_login(cast.admin)
    assert "Teruskan ke PPID Pembantu" in client.get(f"/kelola/ppid/permohonan/{p.pk}/").content.decode()
    assert client.post(f"/kelola/ppid/permohonan/{p.pk}/teruskan/", {"pembantu": disdik.pk}).status_code == 302
    p.refresh_from_db()
    assert p.pembantu == disdik
    client.force_login(petugas)
    assert client.get(f"/kelola/ppid/permohonan/{p.pk}/").status_code == 404


@time_machine.travel(SEKARANG, tick=False)
def test_another_units_account_gets_404_on_a_request_addressed_to_a_unit(client, unit):
    dinkes, _petugas, disdik = unit
    client.post(URL, {**ISI, "ditujukan": dinkes.pk})
    p = Permohonan.objects.get()
    lain = make_user("lain@disdik.example", "pembantu")
    disdik.petugas.add(lain)
    client.force_login(lain)
    assert client.get(f"/kelola/ppid/permohonan/{p.pk}/").status_code == 404
    assert client.post(f"/kelola/ppid/permohonan/{p.pk}/jawab/", {"keputusan": "dikabulkan"}).status_code == 404
    assert p.nomor not in client.get("/kelola/ppid/?tampil=semua").content.decode()


@pytest.mark.parametrize("pilihan", ["inactive", "9999", "bukan-angka"])
def test_an_inactive_or_unknown_unit_is_refused_with_the_input_kept(client, unit, pilihan):
    if pilihan == "inactive":
        pilihan = str(PpidPembantu.objects.get(nama="Dinas Lama").pk)
    r = client.post(URL, {**ISI, "rincian": "Data imunisasi 2026.", "ditujukan": pilihan})
    html = r.content.decode()
    assert r.status_code == 400 and not Permohonan.objects.exists()
    assert "PPID Pembantu yang dipilih tidak dikenal atau tidak lagi menerima permohonan" in html
    assert "Data imunisasi 2026." in html and "Siti Aminah" in html


def test_a_unit_closed_while_the_form_was_open_is_refused_by_the_model(cast, unit):
    from jembatan.lib.domain import DomainError

    dinkes, _petugas, _disdik = unit
    PpidPembantu.objects.filter(pk=dinkes.pk).update(aktif=False)
    p = Permohonan(
        wilayah_id=KAB,
        nama="S",
        nomor_identitas="6305014501900001",
        alamat="Rantau",
        rincian="X",
        tujuan="Y",
        cara_salinan="langsung",
    )
    with pytest.raises(DomainError, match="tidak lagi menerima permohonan"):
        Permohonan.ajukan(p, ditujukan=dinkes)
    desa = Permohonan(
        wilayah_id=DESA_A,
        nama="S",
        nomor_identitas="6305014501900001",
        alamat="Tungkap",
        rincian="X",
        tujuan="Y",
        cara_salinan="langsung",
    )
    with pytest.raises(DomainError, match="Hanya permohonan kepada PPID Utama"):
        Permohonan.ajukan(desa, ditujukan=PpidPembantu.objects.get(nama="Dinas Pendidikan"))
    assert not Permohonan.objects.exists()


def test_a_unit_nobody_serves_is_not_offered_to_requesters(client, unit):
    """A unit without an active PPID Pembantu account with an e-mail would leave the request in a queue no one
    reads: it is not offered (PPID Utama may still forward to it)."""
    kosong = PpidPembantu.objects.create(nama="Dinas Tanpa Petugas")
    pensiun = make_user("pensiun@dinas.example", "pembantu")
    pensiun.is_active = False
    pensiun.save()
    kosong.petugas.add(pensiun)
    html = client.get(URL).content.decode()
    assert "Dinas Tanpa Petugas" not in html and "PPID Pembantu Dinas Kesehatan" in html
    assert set(PpidPembantu.objects.menerima()) == {unit[0], unit[2]}
