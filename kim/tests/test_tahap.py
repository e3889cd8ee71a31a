"""The formation pipeline: its rules, its history, and two admins changing it at once."""

from datetime import date

import pytest
import time_machine

from jembatan.lib.domain import DomainError as PerpindahanDitolak
from kim.models import Kim, Tahap, aturan_perpindahan
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db

TUNGKAP = "63.05.01.2003"
PULAU_PINANG = "63.05.01.2007"


@pytest.mark.parametrize(
    ("dari", "ke", "hasil"),
    [
        (Tahap.BELUM_ADA, Tahap.SOSIALISASI, None),
        (Tahap.SOSIALISASI, Tahap.SK_TERBIT, None),  # skipping ahead records a KIM formed earlier
        (Tahap.TERDAFTAR, Tahap.AKTIF, None),
        (Tahap.AKTIF, Tahap.TIDAK_AKTIF, None),
        (Tahap.TIDAK_AKTIF, Tahap.AKTIF, None),
        (Tahap.AKTIF, Tahap.DIBUBARKAN, None),
        (Tahap.DIBUBARKAN, Tahap.SOSIALISASI, None),
        (Tahap.SK_TERBIT, Tahap.MUSYAWARAH, "koreksi"),
    ],
)
def test_allowed_moves(dari, ke, hasil):
    assert aturan_perpindahan(dari, ke) == hasil


@pytest.mark.parametrize(
    ("dari", "ke"),
    [
        (Tahap.AKTIF, Tahap.AKTIF),
        (Tahap.SOSIALISASI, Tahap.BELUM_ADA),
        (Tahap.BELUM_ADA, Tahap.DIBUBARKAN),
        (Tahap.DIBUBARKAN, Tahap.AKTIF),
        (Tahap.MUSYAWARAH, Tahap.TIDAK_AKTIF),
        (Tahap.TIDAK_AKTIF, Tahap.SOSIALISASI),
    ],
)
def test_refused_moves(dari, ke):
    with pytest.raises(PerpindahanDitolak):
        aturan_perpindahan(dari, ke)


@time_machine.travel(date(2025, 6, 30))
def test_first_step_creates_the_kim_and_its_history(cast):
    desa = Wilayah.objects.get(kode=PULAU_PINANG)
    kim = Kim.objects.pindahkan_tahap(
        desa, Tahap.SOSIALISASI, tanggal=date(2025, 6, 2), catatan="Di balai desa", oleh=cast.admin, versi=0
    )
    assert kim.nama == "KIM Pulau Pinang"
    assert kim.tahap == Tahap.SOSIALISASI and kim.versi == 1
    step = kim.riwayat.get()
    assert (step.dari, step.ke, step.tanggal, step.oleh, step.catatan) == (
        Tahap.BELUM_ADA,
        Tahap.SOSIALISASI,
        date(2025, 6, 2),
        cast.admin,
        "Di balai desa",
    )


@time_machine.travel(date(2025, 6, 30))
def test_sk_stage_needs_the_sk_number_and_date(cast):
    desa = Wilayah.objects.get(kode=PULAU_PINANG)
    with pytest.raises(PerpindahanDitolak, match="SK"):
        Kim.objects.pindahkan_tahap(desa, Tahap.SK_TERBIT, tanggal=date(2025, 6, 2), catatan="", oleh=cast.admin, versi=0)
    assert not Kim.objects.filter(wilayah=desa).exists()
    kim = Kim.objects.pindahkan_tahap(
        desa,
        Tahap.SK_TERBIT,
        tanggal=date(2025, 6, 2),
        catatan="",
        oleh=cast.admin,
        versi=0,
        nomor_sk="141/05/2025",
        tanggal_sk=date(2025, 6, 1),
    )
    assert (kim.nomor_sk, kim.tanggal_sk) == ("141/05/2025", date(2025, 6, 1))


@time_machine.travel(date(2025, 6, 30))
def test_dates_in_the_future_or_before_the_last_step_are_refused(cast):
    desa = Wilayah.objects.get(kode=TUNGKAP)  # history runs Jan–May 2025
    with pytest.raises(PerpindahanDitolak, match="masa depan"):
        Kim.objects.pindahkan_tahap(
            desa, Tahap.TIDAK_AKTIF, tanggal=date(2025, 7, 1), catatan="", oleh=cast.admin, versi=cast.kim_a.versi
        )
    with pytest.raises(PerpindahanDitolak, match="sebelum langkah terakhir"):
        Kim.objects.pindahkan_tahap(
            desa, Tahap.TIDAK_AKTIF, tanggal=date(2025, 1, 5), catatan="", oleh=cast.admin, versi=cast.kim_a.versi
        )


@time_machine.travel(date(2025, 6, 30))
def test_going_back_needs_a_note(cast):
    desa = Wilayah.objects.get(kode=TUNGKAP)
    with pytest.raises(PerpindahanDitolak, match="alasan"):
        Kim.objects.pindahkan_tahap(
            desa, Tahap.MUSYAWARAH, tanggal=date(2025, 6, 1), catatan=" ", oleh=cast.admin, versi=cast.kim_a.versi
        )
    kim = Kim.objects.pindahkan_tahap(
        desa, Tahap.MUSYAWARAH, tanggal=date(2025, 6, 1), catatan="Salah input", oleh=cast.admin, versi=cast.kim_a.versi
    )
    assert kim.tahap == Tahap.MUSYAWARAH


@time_machine.travel(date(2025, 6, 30))
def test_second_admin_with_a_stale_page_gets_a_conflict_not_a_silent_overwrite(client, cast):
    url = f"/kelola/{PULAU_PINANG}/tahap/"
    seen = {"tanggal": "2025-06-10", "versi": 0}
    client.force_login(cast.admin)
    first = client.post(url, {**seen, "ke": "sosialisasi"})
    assert first.status_code == 302
    second = client.post(url, {**seen, "ke": "musyawarah", "catatan": "dari halaman lama"})
    assert second.status_code == 409
    assert "baru saja" in second.content.decode()
    kim = Kim.objects.get(wilayah_id=PULAU_PINANG)
    assert kim.tahap == Tahap.SOSIALISASI
    assert kim.riwayat.count() == 1
    # The conflict page shows the current state and a fresh form to retry from.
    assert second.context["form"]["versi"].value() in ("0", 0)
    assert "Sosialisasi" in second.content.decode()


@time_machine.travel(date(2025, 6, 30))
def test_pipeline_move_through_the_page_is_audited_and_shown_on_timeline(client, cast):
    client.force_login(cast.operator)
    response = client.post(
        f"/kelola/{PULAU_PINANG}/tahap/", {"ke": "musyawarah", "tanggal": "2025-06-20", "versi": 0, "catatan": "Musdes"}
    )
    assert response.status_code == 302
    page = client.get(f"/kelola/{PULAU_PINANG}/").content.decode()
    assert "Musdes" in page and "20 Juni 2025" in page
    from akun.models import Audit

    entry = Audit.objects.get(aksi="tahap")
    assert entry.user == cast.operator and entry.wilayah_id == PULAU_PINANG
    assert entry.perubahan["tahap"] == ["Belum ada", "Musyawarah"]


@time_machine.travel(date(2025, 6, 30))
def test_form_errors_stay_beside_their_field_with_input_kept(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        f"/kelola/{PULAU_PINANG}/tahap/", {"ke": "sosialisasi", "tanggal": "2026-01-01", "versi": 0, "catatan": "catatan saya"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "tanggal" in form.errors and "masa depan" in form.errors["tanggal"][0]
    assert "catatan saya" in response.content.decode()
