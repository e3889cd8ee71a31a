"""The approval flow as model methods: submit, approve (publish), return with a reason, confirm, edit."""

from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from akun.models import Aksi, Audit
from jembatan.lib.domain import DomainError, StaleVersion
from jembatan.test import DESA_A
from potensi.models import Potensi, Status
from potensi.tests.bantu import make_potensi

pytestmark = pytest.mark.django_db


def _audit(aksi) -> list:
    return list(Audit.objects.filter(aksi=aksi).values_list("user", "objek_id"))


def test_member_submits_and_the_kim_pengurus_approves_with_who_and_when(cast):
    """GIVEN a draft written by a member of village A's KIM
    WHEN the member submits it and the KIM's pengurus approves it
    THEN it is published, verified by the KIM, confirmed now, with one audit entry per step."""
    p = make_potensi(cast)
    p.ajukan(oleh=cast.anggota, versi=p.versi)
    assert p.status == Status.DIAJUKAN and not Potensi.objects.terbit().exists()
    with time_machine.travel("2026-05-04 09:00 +08:00", tick=False):
        p.setujui(oleh=cast.editor, versi=p.versi)
    p.refresh_from_db()
    assert p.is_terbit and p.disetujui_oleh == cast.editor and p.pemverifikasi == "KIM Tungkap Bersinar"
    assert timezone.localtime(p.dikonfirmasi_pada).date().isoformat() == "2026-05-04"
    assert list(Potensi.objects.terbit()) == [p]
    assert _audit(Aksi.AJUKAN_POTENSI) == [(cast.anggota.pk, str(p.pk))]
    assert _audit(Aksi.SETUJUI_POTENSI) == [(cast.editor.pk, str(p.pk))]


@pytest.mark.parametrize(
    ("peran", "label"),
    [("admin", "Diskominfo"), ("pemdes", "Pemerintah Desa Tungkap"), ("operator", "Operator Kecamatan Binuang")],
)
def test_the_verified_mark_names_the_office_of_who_approved(cast, peran, label):
    p = make_potensi(cast, status=Status.DIAJUKAN)
    p.setujui(oleh=getattr(cast, peran), versi=p.versi)
    assert Potensi.objects.get(pk=p.pk).pemverifikasi == label


def test_return_needs_a_reason_and_the_writer_sees_it(cast):
    """GIVEN a submitted item
    WHEN a reviewer returns it without a reason, then with one
    THEN the first is refused beside the reason field and the second sends it back with the reason kept."""
    p = make_potensi(cast, status=Status.DIAJUKAN)
    with pytest.raises(DomainError) as e:
        p.kembalikan(oleh=cast.pemdes, versi=p.versi, alasan="  ")
    assert e.value.field == "alasan"
    p.kembalikan(oleh=cast.pemdes, versi=p.versi, alasan="Harga belum jelas per satuan apa.")
    p.refresh_from_db()
    assert p.status == Status.DIKEMBALIKAN and p.alasan_kembali == "Harga belum jelas per satuan apa."
    assert _audit(Aksi.KEMBALIKAN_POTENSI) == [(cast.pemdes.pk, str(p.pk))]
    p.ajukan(oleh=cast.anggota, versi=p.versi)  # the writer may send it again
    assert Potensi.objects.get(pk=p.pk).status == Status.DIAJUKAN


def test_only_a_submitted_item_can_be_approved_or_returned(cast):
    p = make_potensi(cast)
    with pytest.raises(DomainError, match="sedang diajukan"):
        p.setujui(oleh=cast.admin, versi=p.versi)
    with pytest.raises(DomainError, match="sedang diajukan"):
        p.kembalikan(oleh=cast.admin, versi=p.versi, alasan="x")
    assert not Audit.objects.exists()


def test_confirming_moves_the_last_confirmed_date_and_keeps_the_first_publication(cast):
    with time_machine.travel("2025-06-01 10:00 +08:00", tick=False):
        p = make_potensi(cast, status=Status.TERBIT)
    with time_machine.travel("2026-06-01 10:00 +08:00", tick=False):
        p.konfirmasi(oleh=cast.editor, versi=p.versi)
    p.refresh_from_db()
    assert timezone.localtime(p.dikonfirmasi_pada).year == 2026 and timezone.localtime(p.terbit_pada).year == 2025
    assert _audit(Aksi.KONFIRMASI_POTENSI) == [(cast.editor.pk, str(p.pk))]


def test_a_draft_cannot_be_confirmed(cast):
    p = make_potensi(cast)
    with pytest.raises(DomainError):
        p.konfirmasi(oleh=cast.editor, versi=p.versi)


def test_a_stale_form_is_refused_and_changes_nothing(cast):
    p = make_potensi(cast, status=Status.DIAJUKAN)
    lama = Potensi.objects.get(pk=p.pk)
    p.kembalikan(oleh=cast.editor, versi=p.versi, alasan="Foto kurang jelas.")
    with pytest.raises(StaleVersion):
        lama.setujui(oleh=cast.admin, versi=lama.versi)
    assert Potensi.objects.get(pk=p.pk).status == Status.DIKEMBALIKAN


def test_an_edit_of_a_published_item_needs_a_reason_stays_published_and_is_audited(cast):
    """GIVEN a published item
    WHEN a reviewer changes its price without a reason, then with one
    THEN the first is refused beside the reason field; the second stays published, dated, with the change audited."""
    p = make_potensi(cast, status=Status.TERBIT, harga_min=25000, harga_max=40000, satuan="kg", wa_produsen="6281234567890")
    versi = p.versi
    p.harga_max, p.wa_produsen = 45000, "6281111111111"
    with pytest.raises(DomainError) as e:
        p.simpan_perubahan(oleh=cast.editor, versi=versi)
    assert e.value.field == "alasan_perubahan"
    assert Potensi.objects.get(pk=p.pk).harga_max == 40000
    p.simpan_perubahan(oleh=cast.editor, versi=versi, alasan_perubahan="Harga panen baru")
    p.refresh_from_db()
    assert p.is_terbit and p.harga_max == 45000 and p.diperbarui_pada is not None
    entri = Audit.objects.get(aksi=Aksi.UBAH_POTENSI)
    assert entri.perubahan["harga_max"] == [40000, 45000]
    assert entri.perubahan["wa_produsen"] == ["•••", "•••"]  # personal data: changed, never its value


def test_a_new_item_belongs_to_its_villages_kim_and_sits_at_the_village_centre(cast):
    from potensi.tests.bantu import jenis

    p = Potensi(
        jenis=jenis(), nama="Madu kelulut", deskripsi="Madu.", wilayah_id=DESA_A, nama_produsen="Pak Udin", penulis=cast.anggota
    )
    p.simpan_perubahan(oleh=cast.anggota, versi=0)
    p.refresh_from_db()
    assert p.kim == cast.kim_a and p.versi == 1 and p.status == Status.DRAF
    assert (p.lat, p.lng) == (p.wilayah.lat, p.wilayah.lng) and p.lat is not None


@pytest.mark.parametrize(
    ("langkah", "aksi"),
    [
        ("setujui", Aksi.SETUJUI_POTENSI),
        ("kembalikan", Aksi.KEMBALIKAN_POTENSI),
        ("ajukan", Aksi.AJUKAN_POTENSI),
        ("konfirmasi", Aksi.KONFIRMASI_POTENSI),
    ],
)
def test_a_step_whose_audit_entry_fails_changes_nothing(cast, langkah, aksi):
    """GIVEN an item at the stage the step needs
    WHEN the step runs and writing its audit entry fails
    THEN the item is as it was: same status, dates and version."""
    status = {"ajukan": Status.DRAF, "konfirmasi": Status.TERBIT}.get(langkah, Status.DIAJUKAN)
    p = make_potensi(cast, status=status)
    sebelum = Potensi.objects.filter(pk=p.pk).values().get()
    kwargs = {"alasan": "Kurang foto."} if langkah == "kembalikan" else {}
    with mock.patch("akun.audit.Audit.objects.create", side_effect=RuntimeError("disk penuh")), pytest.raises(RuntimeError):
        getattr(p, langkah)(oleh=cast.admin, versi=p.versi, **kwargs)
    assert Potensi.objects.filter(pk=p.pk).values().get() == sebelum
    assert not Audit.objects.filter(aksi=aksi).exists()
