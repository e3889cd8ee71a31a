"""Closing ordinary messages as "bukan klaim" from the queue: all at once, audited, never published, never an answer."""

import io

import pytest
from django.utils import timezone

from akun.models import Audit
from cekfakta import layanan
from cekfakta.models import AksiCekFakta, Hasil, JenisSalah, Klaim, Laporan, Status
from jembatan.lib.domain import DomainError, StaleVersion

pytestmark = pytest.mark.django_db

POSYANDU = "Jadwal posyandu balita Desa Bakarangan hari Kamis pukul 08.00 di balai desa, bawa buku KIA"
RAPAT = "Undangan rapat RT malam Jumat di rumah Pak RT, membahas kerja bakti membersihkan saluran air"


def _lapor(teks):
    return layanan.periksa(teks).laporan


def _tutup(client, *klaim):
    data = {"klaim": [k.pk for k in klaim], **{f"versi-{k.pk}": k.versi for k in klaim}}
    return client.post("/kelola/cek-fakta/bukan-klaim/", data, follow=True)


def test_the_desk_closes_ticked_claims_at_once_with_one_audit_entry_each(client, cast):
    a, b = _lapor(POSYANDU).klaim, _lapor(RAPAT).klaim
    tetap = _lapor("Jembatan Rantau putus total dan ditutup mulai besok pagi").klaim
    client.force_login(cast.verifikator)
    html = client.get("/kelola/cek-fakta/").content.decode()
    assert f'name="klaim" value="{a.pk}"' in html and "Tutup yang dicentang sebagai bukan klaim" in html
    html = _tutup(client, a, b).content.decode()
    assert "2 klaim ditutup sebagai bukan klaim." in html
    for k in (a, b):
        k.refresh_from_db()
        assert (k.status, k.hasil, k.diterbitkan, k.verifikator) == (Status.SELESAI, Hasil.BUKAN_KLAIM, None, cast.verifikator)
        assert not k.is_terbit and k.is_bukan_klaim
    jejak = Audit.objects.filter(aksi=AksiCekFakta.TUTUP_BUKAN_KLAIM)
    assert sorted(int(j.objek_id) for j in jejak) == sorted([a.pk, b.pk])
    assert all(j.perubahan["hasil"] == ["", Hasil.BUKAN_KLAIM] for j in jejak)
    assert list(Klaim.objects.antrean()) == [tetap]
    assert a not in Klaim.objects.terbit()


def test_closed_claims_leave_the_queue_and_are_listed_for_reopening(client, cast):
    a = _lapor(POSYANDU).klaim
    client.force_login(cast.admin)
    html = _tutup(client, a).content.decode()
    antrean = html.split("Terakhir ditutup sebagai bukan klaim")
    assert f'value="{a.pk}"' not in antrean[0]
    assert f"/kelola/cek-fakta/{a.pk}/" in antrean[1]


def test_a_claim_changed_since_the_page_was_opened_closes_nothing(client, cast):
    a, b = _lapor(POSYANDU).klaim, _lapor(RAPAT).klaim
    versi_b = b.versi
    b.ubah_putusan({"judul": "Rapat RT membahas kerja bakti"}, [], oleh=cast.verifikator, versi=b.versi)
    client.force_login(cast.verifikator)
    data = {"klaim": [a.pk, b.pk], f"versi-{a.pk}": a.versi, f"versi-{b.pk}": versi_b}
    html = client.post("/kelola/cek-fakta/bukan-klaim/", data, follow=True).content.decode()
    assert "baru saja diubah oleh pengguna lain" in html
    assert Klaim.objects.antrean().count() == 2 and not Audit.objects.filter(aksi=AksiCekFakta.TUTUP_BUKAN_KLAIM).exists()


def test_a_published_verdict_cannot_be_closed_as_bukan_klaim(cast):
    k = Klaim.objects.create(judul="Hoaks", status=Status.SELESAI, hasil=Hasil.SALAH, diterbitkan=timezone.now())
    with pytest.raises(DomainError, match="sudah tidak ada di antrean"):
        Klaim.objects.tutup_bukan_klaim({k.pk: k.versi}, oleh=cast.verifikator)
    with pytest.raises(StaleVersion):
        a = _lapor(POSYANDU).klaim
        Klaim.objects.tutup_bukan_klaim({a.pk: a.versi + 1}, oleh=cast.verifikator)


def test_nothing_ticked_or_a_missing_version_is_refused_politely(client, cast):
    a = _lapor(POSYANDU).klaim
    client.force_login(cast.verifikator)
    html = client.post("/kelola/cek-fakta/bukan-klaim/", {}, follow=True).content.decode()
    assert "Pilih dulu klaim yang akan ditutup." in html
    html = client.post("/kelola/cek-fakta/bukan-klaim/", {"klaim": [a.pk]}, follow=True).content.decode()
    assert "Muat ulang halaman antrean" in html
    besar = "9" * 30
    html = client.post("/kelola/cek-fakta/bukan-klaim/", {"klaim": besar, f"versi-{besar}": 1}, follow=True).content.decode()
    assert "Muat ulang halaman antrean" in html
    assert Klaim.objects.antrean().count() == 1


def test_the_reporter_is_told_the_message_held_no_claim_to_verify(client, cast):
    laporan = _lapor(POSYANDU)
    assert "Sedang diperiksa" in client.get(f"/cek-fakta/lacak/{laporan.kode}/").content.decode()
    Klaim.objects.tutup_bukan_klaim({laporan.klaim_id: laporan.klaim.versi}, oleh=cast.verifikator)
    html = client.get(f"/cek-fakta/lacak/{laporan.kode}/").content.decode()
    assert "Sudah diperiksa: tidak ada klaim yang perlu diverifikasi" in html and "Sedang diperiksa" not in html


def test_closed_claims_are_not_what_the_matcher_may_answer_with(cast):
    a = _lapor(POSYANDU).klaim
    terbuka = _lapor(RAPAT).klaim
    terbit = Klaim.objects.create(judul="Hoaks bansos", status=Status.SELESAI, hasil=Hasil.SALAH, diterbitkan=timezone.now())
    Klaim.objects.tutup_bukan_klaim({a.pk: a.versi}, oleh=cast.verifikator)
    assert set(Klaim.objects.boleh_dicocokkan()) == {terbuka, terbit}
    assert list(Klaim.objects.bukan_klaim()) == [Klaim.objects.get(pk=a.pk)]


def test_a_closed_claim_is_not_offered_as_similar_on_the_claim_page(client, cast):
    a = _lapor(POSYANDU).klaim
    Klaim.objects.tutup_bukan_klaim({a.pk: a.versi}, oleh=cast.verifikator)
    lain = Klaim.objects.create(judul=POSYANDU + " (lagi)", teks_contoh=POSYANDU)
    client.force_login(cast.verifikator)
    html = client.get(f"/kelola/cek-fakta/{lain.pk}/").content.decode()
    assert f"/kelola/cek-fakta/{a.pk}/" not in html


def test_bukan_klaim_is_never_published_but_a_wrongly_closed_claim_can_still_get_a_verdict(
    cast, django_capture_on_commit_callbacks
):
    from django.core import mail

    a = layanan.periksa("Beras bansos dibagikan lewat tautan, isi NIK dan nomor KK", email="warga@uji.example").laporan.klaim
    with django_capture_on_commit_callbacks(execute=True):
        Klaim.objects.tutup_bukan_klaim({a.pk: a.versi}, oleh=cast.verifikator)
    assert "tidak ada putusan cek fakta" in mail.outbox[-1].body
    a.refresh_from_db()
    a.ubah_putusan(
        {"penjelasan": "Bukan klaim.", "metode": "Dibaca."},
        [("Dinas Sosial", "https://dinsos.example/siaran")],
        oleh=cast.verifikator,
        versi=a.versi,
    )
    with pytest.raises(DomainError, match="Bukan klaim"):
        a.terbitkan(oleh=cast.verifikator, versi=a.versi)
    isian = {"hasil": Hasil.SALAH, "jenis_salah": JenisSalah.TIRUAN, "penjelasan": "Dinas Sosial tidak memakai tautan."}
    a.ubah_putusan(isian, [("Dinas Sosial", "https://dinsos.example/siaran")], oleh=cast.verifikator, versi=a.versi)
    assert a.status == Status.DIPERIKSA and a in Klaim.objects.antrean() and not a.is_bukan_klaim
    with django_capture_on_commit_callbacks(execute=True):
        assert a.terbitkan(oleh=cast.verifikator, versi=a.versi) is True
    assert a.is_terbit and not a.is_bukan_klaim
    # told of the closing before, the reporter is now told the verdict as well
    assert Laporan.objects.get(klaim=a).diberi_tahu is not None
    assert len(mail.outbox) == 2 and "Hasil pemeriksaan" in mail.outbox[-1].body


def test_reporters_are_told_when_their_message_is_closed_as_bukan_klaim(
    client, cast, saluran, terkirim, django_capture_on_commit_callbacks
):
    """Closing in bulk tells each reporter on the way they came: e-mail, and a reply on their chat channel
    (recorded instead of sent); nobody is told twice when the catch-up command runs afterwards."""
    from django.core import mail
    from django.core.management import call_command

    from cekfakta.models import Saluran

    kiriman = terkirim
    lewat_surel = layanan.periksa(POSYANDU, email="warga@uji.example").laporan
    lewat_wa = layanan.periksa(RAPAT, saluran=Saluran.WHATSAPP, kontak="6281234567890").laporan
    client.force_login(cast.verifikator)
    with django_capture_on_commit_callbacks(execute=True):
        _tutup(client, lewat_surel.klaim, lewat_wa.klaim)

    [surel] = mail.outbox
    assert surel.to == ["warga@uji.example"] and lewat_surel.kode in surel.subject
    assert "tidak memuat klaim yang dapat diperiksa" in surel.body and f"/cek-fakta/lacak/{lewat_surel.kode}/" in surel.body
    [balasan] = kiriman
    assert balasan["to"] == "6281234567890" and lewat_wa.kode in balasan["text"]["body"]
    assert "tidak ada putusan cek fakta" in balasan["text"]["body"]
    assert Laporan.objects.filter(dikabari_ditutup__isnull=True).count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        call_command("kabari_tertunda", stdout=io.StringIO())
    assert len(mail.outbox) == 1 and len(kiriman) == 1


def test_a_reporter_the_mail_server_missed_is_told_by_the_catch_up(client, cast, monkeypatch):
    from django.core import mail
    from django.core.management import call_command

    laporan = layanan.periksa(POSYANDU, email="warga@uji.example").laporan

    def mati(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(layanan.mail, "send", mati)
    Klaim.objects.tutup_bukan_klaim({laporan.klaim_id: laporan.klaim.versi}, oleh=cast.verifikator)
    layanan.beri_tahu(laporan.klaim_id)
    assert Laporan.objects.get().dikabari_ditutup is None
    monkeypatch.undo()
    call_command("kabari_tertunda", stdout=io.StringIO())
    [surel] = mail.outbox
    assert "tidak ada putusan cek fakta" in surel.body
    assert Laporan.objects.get().dikabari_ditutup is not None and Laporan.objects.get().diberi_tahu is None


def test_a_closing_is_not_sent_on_whatsapp_past_its_reply_window(cast, saluran, terkirim):
    """Past the provider's free-reply window only the approved verdict template could go out; a closing is not
    dressed as a verdict, so nothing is sent (the tracking page says it)."""
    from datetime import timedelta

    from cekfakta.models import Saluran
    from cekfakta.tasks import kabari_pelapor

    kiriman = terkirim
    laporan = layanan.periksa(RAPAT, saluran=Saluran.WHATSAPP, kontak="6281234567890").laporan
    Laporan.objects.filter(pk=laporan.pk).update(dibuat=timezone.now() - timedelta(days=2))
    Klaim.objects.tutup_bukan_klaim({laporan.klaim_id: laporan.klaim.versi}, oleh=cast.verifikator)
    assert kabari_pelapor.call(laporan.pk).startswith("lewati") and kiriman == []


def test_reports_closed_before_the_notice_existed_are_not_messaged_late(cast):
    """The migration that added the notice marks reports of claims already closed as told."""
    import importlib

    from django.apps import apps

    laporan = _lapor(POSYANDU)
    Klaim.objects.tutup_bukan_klaim({laporan.klaim_id: laporan.klaim.versi}, oleh=cast.verifikator)
    Laporan.objects.update(dikabari_ditutup=None)
    migrasi = importlib.import_module("cekfakta.migrations.0008_dikabari_ditutup")
    migrasi.tandai_yang_sudah_ditutup(apps, None)
    assert Laporan.objects.get().dikabari_ditutup is not None
