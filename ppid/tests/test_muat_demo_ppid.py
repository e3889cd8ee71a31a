"""Demo requests: marked, at different points of the clock, loaded once."""

import io

import pytest
from django.core.management import call_command

from akun.models import Audit, Peran, User
from jembatan.test import KAB
from ppid.models import AksiPpid, KabarPembantu, Keberatan, Permohonan, PpidPembantu, Status

pytestmark = pytest.mark.django_db


def test_demo_requests_are_marked_spread_over_the_clock_and_loaded_once(client):
    call_command("muat_demo", stdout=io.StringIO())
    call_command("muat_demo_ppid", stdout=io.StringIO())
    qs = Permohonan.objects.all()
    assert qs.count() == 7 and all(p.demo and "DEMO" in p.nama and p.rincian.startswith("[DEMO]") for p in qs)
    assert qs.filter(status=Status.SELESAI).count() == 2 and qs.filter(perpanjangan_hari=5).count() == 1
    assert qs.terlambat().count() == 1 and Keberatan.objects.count() == 1
    again = io.StringIO()
    call_command("muat_demo_ppid", stdout=again)
    assert "dilewati" in again.getvalue() and Permohonan.objects.count() == 7


def _baris():
    return (
        sorted(PpidPembantu.objects.values_list("nama", "keterangan", "demo", "aktif")),
        sorted(User.objects.filter(peran=Peran.PPID_PEMBANTU).values_list("email", "demo", "is_active")),
        sorted(Permohonan.objects.exclude(pembantu=None).values_list("nomor", "pembantu__nama")),
        sorted(PpidPembantu.petugas.through.objects.values_list("ppidpembantu__nama", "user__email")),
        KabarPembantu.objects.count(),
    )


def test_demo_pembantu_units_with_an_account_and_a_forwarded_request_on_its_desk(client):
    """GIVEN the DEMO content loaded
    WHEN the demo PPID Pembantu account signs in
    THEN its unit's desk holds the forwarded DEMO request, the regency's form offers both DEMO units, and loading
    again changes no row and prints no password again."""
    call_command("muat_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("muat_demo_ppid", stdout=out)
    assert "pembantu@jembatan-demo.example" in out.getvalue() and "sekali" in out.getvalue()
    sebelum = _baris()
    assert sebelum[0] == [
        ("Dinas Kesehatan (DEMO)", "[DEMO] Puskesmas, imunisasi, gizi dan layanan kesehatan.", True, True),
        ("Dinas Pendidikan (DEMO)", "[DEMO] Sekolah, guru, dana BOS dan penerimaan murid baru.", True, True),
    ]
    assert sebelum[1] == [("pembantu@jembatan-demo.example", True, True)] and len(sebelum[2]) == 1 and sebelum[4] == 1
    p = Permohonan.objects.exclude(pembantu=None).get()
    assert Audit.objects.filter(aksi=AksiPpid.TERUSKAN, objek_id=str(p.pk), user__email="admin@jembatan-demo.example").exists()
    client.force_login(User.objects.get(email="pembantu@jembatan-demo.example"))
    meja = client.get("/kelola/ppid/").content.decode()
    assert p.nomor in meja and "PPID Pembantu Dinas Kesehatan (DEMO)" in meja
    assert client.get(f"/kelola/ppid/permohonan/{p.pk}/").status_code == 200
    client.logout()
    formulir = client.get(f"/ppid/{KAB}/mohon/").content.decode()
    # Offered to requesters: the unit the demo account serves; the other has nobody to read its queue yet.
    assert "PPID Pembantu Dinas Kesehatan (DEMO)" in formulir and "Dinas Pendidikan (DEMO)" not in formulir

    again = io.StringIO()
    call_command("muat_demo_ppid", stdout=again)
    assert _baris() == sebelum and "pembantu@jembatan-demo.example" not in again.getvalue()


def test_the_demo_village_and_the_regency_have_a_maklumat_pelayanan_on_their_pages(client, settings):
    from ppid.models_maklumat import Maklumat

    call_command("muat_demo", stdout=io.StringIO())
    call_command("muat_demo_ppid", stdout=io.StringIO())
    assert Maklumat.objects.count() == 2
    for m in Maklumat.objects.all():
        assert "DEMO" in m.penandatangan
        assert client.get(f"/ppid/{m.wilayah_id}/maklumat/").status_code == 200
