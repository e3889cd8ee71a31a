"""A change and its audit entry are written together: when the audit entry cannot be written, nothing changes."""

from datetime import date
from unittest import mock

import pytest
import time_machine

from akun.models import Aksi, Audit
from jembatan.test import DESA_A
from kim.models import Kim, RiwayatTahap

pytestmark = pytest.mark.django_db


def _audit_gagal():
    return mock.patch("akun.audit.Audit.objects.create", side_effect=RuntimeError("disk penuh"))


@time_machine.travel(date(2025, 6, 30))
def test_a_pipeline_move_whose_audit_entry_fails_is_not_done(cast):
    """GIVEN village A's active KIM
    WHEN it is declared inactive and writing the audit entry fails
    THEN the KIM is still active, with no new step in its timeline."""
    langkah = RiwayatTahap.objects.filter(kim=cast.kim_a).count()
    with _audit_gagal(), pytest.raises(RuntimeError):
        Kim.objects.pindahkan_tahap(
            cast.kim_a.wilayah, "tidak_aktif", tanggal=date(2025, 6, 30), catatan="", oleh=cast.admin, versi=cast.kim_a.versi
        )
    cast.kim_a.refresh_from_db()
    assert cast.kim_a.tahap == "aktif"
    assert RiwayatTahap.objects.filter(kim=cast.kim_a).count() == langkah


@time_machine.travel(date(2025, 6, 30))
def test_a_pipeline_move_writes_one_audit_entry_with_the_stages(cast):
    Kim.objects.pindahkan_tahap(
        cast.kim_a.wilayah, "tidak_aktif", tanggal=date(2025, 6, 30), catatan="Vakum", oleh=cast.admin, versi=cast.kim_a.versi
    )
    entry = Audit.objects.get(aksi=Aksi.TAHAP)
    assert entry.user == cast.admin and entry.wilayah_id == DESA_A
    assert entry.perubahan["tahap"] == ["Aktif", "Tidak aktif"]
    assert entry.perubahan["tanggal_tahap"] == ["2025-01-01", "2025-06-30"]


def test_a_profile_edit_whose_audit_entry_fails_is_not_saved(client, cast):
    client.force_login(cast.editor)
    data = {"nama": "KIM Tungkap Baru", "versi": cast.kim_a.versi}
    with _audit_gagal(), pytest.raises(RuntimeError):
        client.post(f"/kelola/{DESA_A}/profil/", data)
    cast.kim_a.refresh_from_db()
    assert cast.kim_a.nama == "KIM Tungkap Bersinar"
