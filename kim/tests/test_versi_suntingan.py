"""Two people editing the same pengurus, target or account at once: the second gets a conflict, not a silent overwrite."""

from datetime import date

import pytest
import time_machine

from akun.models import User
from jembatan.test import make_pengurus
from kim.models import Pengurus, TargetCakupan

pytestmark = pytest.mark.django_db


def _pengurus(p, **ubah):
    data = {"nama": p.nama, "jabatan": p.jabatan, "nama_seksi": "", "mulai": p.mulai.isoformat(), "selesai": "",
            "alasan_selesai": "", "telepon": "", "alamat": "", "nik": "", "versi": p.versi}  # fmt: skip
    return {**data, **ubah}


def test_a_second_editor_of_a_pengurus_with_a_stale_page_gets_a_conflict(client, cast):
    """GIVEN two editors who opened the same board member's page
    WHEN both save
    THEN the first is kept and the second is told someone else changed it, with nothing of theirs saved."""
    p = make_pengurus(cast.kim_a, "Siti Rahmah")
    client.force_login(cast.editor)
    assert client.post(f"/kelola/pengurus/{p.pk}/", _pengurus(p, nama="Siti Rahmah, S.Pd.")).status_code == 302
    client.force_login(cast.pemdes)
    response = client.post(f"/kelola/pengurus/{p.pk}/", _pengurus(p, nama="Siti R."))
    assert response.status_code == 200 and "baru saja diubah oleh pengguna lain" in response.content.decode()
    assert Pengurus.objects.get(pk=p.pk).nama == "Siti Rahmah, S.Pd."


@time_machine.travel(date(2026, 3, 1))
def test_a_stale_target_form_does_not_overwrite_a_newer_target(client, cast):
    client.force_login(cast.admin)
    assert client.post("/kelola/target/", {"tahun": 2026, "jumlah_desa": 60, "catatan": "", "versi": 0}).status_code == 302
    response = client.post("/kelola/target/", {"tahun": 2026, "jumlah_desa": 40, "catatan": "", "versi": 0})
    assert "baru saja diubah oleh pengguna lain" in response.content.decode()
    assert TargetCakupan.objects.get(tahun=2026).jumlah_desa == 60


def test_a_stale_account_form_does_not_overwrite_a_newer_role(client, cast):
    client.force_login(cast.admin)
    data = {"nama": cast.warga.nama, "peran": "warga", "wilayah": "", "is_active": "on", "versi": cast.warga.versi}
    assert client.post(f"/akun/pengguna/{cast.warga.pk}/", {**data, "nama": "Warga Baru"}).status_code == 302
    response = client.post(f"/akun/pengguna/{cast.warga.pk}/", {**data, "is_active": ""})
    assert "baru saja diubah oleh pengguna lain" in response.content.decode()
    assert User.objects.get(pk=cast.warga.pk).is_active
