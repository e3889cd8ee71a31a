"""The changes of a claim as model methods: the rule, the state, the audit entry and the notification together."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.utils import timezone

from akun.models import Aksi, Audit
from cekfakta.models import Hasil, JenisSalah, Klaim, Laporan, Referensi, Status
from jembatan.lib import pagecache
from jembatan.lib.domain import DomainError, StaleVersion

pytestmark = pytest.mark.django_db


def _klaim(*, terbit=False, laporan=1, **fields):
    """A complete verdict (published when asked), with `laporan` reports."""
    k = Klaim.objects.create(
        judul=fields.pop("judul", "Bantuan beras dibagikan lewat tautan pendaftaran"),
        hasil=Hasil.SALAH,
        jenis_salah=JenisSalah.PALSU,
        penjelasan="Dinas Sosial tidak membuka pendaftaran lewat tautan.",
        metode="Konfirmasi ke Dinas Sosial.",
        status=Status.SELESAI if terbit else Status.DIPERIKSA,
        diterbitkan=timezone.now() if terbit else None,
        jumlah_laporan=laporan,
        **fields,
    )
    Referensi.objects.create(klaim=k, judul="Siaran Dinas Sosial", url="https://dinsos.example/siaran")
    for i in range(laporan):
        Laporan.objects.create(klaim=k, kode=f"K{k.pk:03d}L{i:03d}", teks=f"Laporan {i}: {k.judul}", email=f"p{i}@uji.example")
    return k


def _jejak(obj):
    return list(Audit.objects.filter(objek_tipe=obj._meta.model_name, objek_id=str(obj.pk)).order_by("id"))


def test_publishing_writes_exactly_one_audit_entry_and_queues_the_notice_after_commit(cast, django_capture_on_commit_callbacks):
    """
    GIVEN a complete verdict at version 1
    WHEN a verifikator publishes it
    THEN it is public at version 2, one audit entry says who published it and what changed, and telling
         the reporters waits for the commit
    """
    k = _klaim()
    with django_capture_on_commit_callbacks() as callbacks:
        assert k.terbitkan(oleh=cast.verifikator, versi=1) is True
    assert k.is_terbit and k.versi == 2 and k.verifikator == cast.verifikator
    [entri] = _jejak(k)
    assert entri.aksi == Aksi.TERBIT_PUTUSAN and entri.user == cast.verifikator
    assert entri.perubahan["status"] == [Status.DIPERIKSA, Status.SELESAI]
    assert entri.perubahan["diterbitkan"][0] is None
    assert len([c for c in callbacks if c is not pagecache.retire_now]) == 1  # the notice (the cache's retire aside)


def test_when_the_audit_entry_cannot_be_written_nothing_is_published(cast, django_capture_on_commit_callbacks):
    """
    GIVEN a complete verdict
    WHEN publishing it fails at writing the audit entry
    THEN the verdict stays unpublished at its version, and nobody is told
    """
    k = _klaim()
    with (
        django_capture_on_commit_callbacks() as callbacks,
        mock.patch("akun.audit.Audit.objects.create", side_effect=DatabaseError("audit table unavailable")),
        pytest.raises(DatabaseError),
    ):
        k.terbitkan(oleh=cast.verifikator, versi=1)
    stored = Klaim.objects.get(pk=k.pk)
    assert not stored.is_terbit and stored.diterbitkan is None and stored.versi == 1 and stored.verifikator is None
    assert callbacks == [] and _jejak(k) == []


def test_a_verdict_opened_before_someone_elses_save_cannot_be_published(cast):
    k = _klaim()
    k.ubah_putusan(
        {"penjelasan": "Penjelasan yang diperbaiki."}, [("Siaran", "https://dinsos.example/siaran")], oleh=cast.admin, versi=1
    )
    with pytest.raises(StaleVersion):
        k.terbitkan(oleh=cast.verifikator, versi=1)
    assert not Klaim.objects.get(pk=k.pk).is_terbit


def test_an_already_published_verdict_is_not_published_again(cast, django_capture_on_commit_callbacks):
    k = _klaim(terbit=True)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(DomainError, match="sudah terbit"):
        k.terbitkan(oleh=cast.verifikator, versi=k.versi)
    assert callbacks == [] and _jejak(k) == [] and Klaim.objects.get(pk=k.pk).versi == 1


def test_an_incomplete_verdict_is_refused_with_what_is_missing(cast):
    k = _klaim()
    k.referensi.all().delete()
    with pytest.raises(DomainError, match="lengkapi: sedikitnya satu referensi"):
        k.terbitkan(oleh=cast.verifikator, versi=1)
    assert Klaim.objects.get(pk=k.pk).versi == 1


def test_with_two_verifikators_the_submitter_cannot_approve_their_own_verdict(cast, settings):
    settings.JEMBATAN_CEKFAKTA_DUA_VERIFIKATOR = True
    k = _klaim()
    assert k.terbitkan(oleh=cast.verifikator, versi=1) is False
    with pytest.raises(DomainError, match="verifikator lain"):
        k.terbitkan(oleh=cast.verifikator, versi=k.versi)
    assert k.terbitkan(oleh=cast.admin, versi=k.versi) is True
    assert [(e.aksi, e.user) for e in _jejak(k)] == [(Aksi.AJUKAN_PUTUSAN, cast.verifikator), (Aksi.TERBIT_PUTUSAN, cast.admin)]
    assert k.disetujui_oleh == cast.admin


def test_a_change_to_a_published_verdict_is_audited_with_its_references(cast):
    """
    GIVEN a published verdict with one reference
    WHEN a verifikator changes its explanation and replaces the reference
    THEN the audit entry holds the old and new explanation and reference list, and the version goes up
    """
    k = _klaim(terbit=True)
    refs = [("Klarifikasi Dinas Sosial", "https://dinsos.example/klarifikasi")]
    k.ubah_putusan({"penjelasan": "Pendaftaran hanya di kantor desa."}, refs, oleh=cast.verifikator, versi=1)
    [entri] = _jejak(k)
    assert entri.aksi == Aksi.UBAH_PUTUSAN
    assert entri.perubahan == {
        "penjelasan": ["Dinas Sosial tidak membuka pendaftaran lewat tautan.", "Pendaftaran hanya di kantor desa."],
        "referensi": [
            [["Siaran Dinas Sosial", "https://dinsos.example/siaran"]],
            [["Klarifikasi Dinas Sosial", "https://dinsos.example/klarifikasi"]],
        ],
    }
    assert k.versi == 2 and list(k.referensi.values_list("url", flat=True)) == ["https://dinsos.example/klarifikasi"]


def test_saving_a_published_verdict_unchanged_records_nothing(cast):
    k = _klaim(terbit=True)
    k.ubah_putusan({"judul": k.judul}, [("Siaran Dinas Sosial", "https://dinsos.example/siaran")], oleh=cast.verifikator, versi=1)
    assert _jejak(k) == [] and k.versi == 2


def test_saving_from_a_stale_form_changes_nothing(cast):
    k = _klaim()
    k.ubah_putusan({"hasil": Hasil.BENAR, "jenis_salah": ""}, [], oleh=cast.admin, versi=1)
    with pytest.raises(StaleVersion):
        k.ubah_putusan(
            {"hasil": Hasil.TIDAK_DAPAT, "jenis_salah": ""}, [("X", "https://x.example/")], oleh=cast.verifikator, versi=1
        )
    stored = Klaim.objects.get(pk=k.pk)
    assert stored.hasil == Hasil.BENAR and not stored.referensi.exists() and stored.versi == 2


def test_only_verdict_fields_can_be_saved_through_the_verdict_form(cast):
    with pytest.raises(ValueError, match="diterbitkan"):
        _klaim().ubah_putusan({"diterbitkan": timezone.now()}, [], oleh=cast.verifikator, versi=1)


def test_merging_moves_the_reports_and_records_one_audit_entry(cast, django_capture_on_commit_callbacks):
    """
    GIVEN a published verdict with one report and an open claim with two
    WHEN a verifikator merges the open claim into the verdict
    THEN the verdict has three reports, the open claim is gone, one audit entry on the verdict records the
         new count, and the moved reporters are told after the commit
    """
    tujuan, sumber = _klaim(terbit=True), _klaim(judul="Pendaftaran bantuan beras lewat tautan", laporan=2)
    with django_capture_on_commit_callbacks() as callbacks:
        hasil = sumber.gabungkan_ke(tujuan, oleh=cast.verifikator)
    assert hasil.pk == tujuan.pk and hasil.jumlah_laporan == 3 and not Klaim.objects.filter(pk=sumber.pk).exists()
    [entri] = _jejak(tujuan)
    assert entri.aksi == Aksi.GABUNG_KLAIM and entri.perubahan["jumlah_laporan"] == [1, 3]
    assert len([c for c in callbacks if c is not pagecache.retire_now]) == 1  # the notice (the cache's retire aside)


@pytest.mark.parametrize(
    ("terbit", "ke_diri_sendiri", "pesan"),
    [(True, False, "sudah terbit tidak dapat digabungkan"), (False, True, "dirinya sendiri")],
)
def test_merging_is_refused_for_a_published_source_or_the_same_claim(cast, terbit, ke_diri_sendiri, pesan):
    sumber = _klaim(terbit=terbit)
    tujuan = sumber if ke_diri_sendiri else _klaim(judul="Klaim lain")
    with pytest.raises(DomainError, match=pesan):
        sumber.gabungkan_ke(tujuan, oleh=cast.verifikator)
    assert Klaim.objects.filter(pk=sumber.pk).exists() and sumber.laporan.count() == 1 and _jejak(tujuan) == []


def test_splitting_a_report_gives_it_a_claim_of_its_own_and_records_where_it_came_from(cast):
    lama = _klaim(laporan=2)
    laporan = lama.laporan.order_by("kode").last()
    baru = laporan.pisahkan(oleh=cast.verifikator)
    assert laporan.klaim == baru and baru.jumlah_laporan == 1 and baru.teks_contoh == laporan.teks
    assert Klaim.objects.get(pk=lama.pk).jumlah_laporan == 1
    [entri] = _jejak(laporan)
    assert entri.aksi == Aksi.PISAH_LAPORAN and entri.perubahan == {"klaim": [str(lama.pk), str(baru.pk)]}


@pytest.mark.parametrize(("terbit", "laporan", "pesan"), [(True, 2, "sudah terbit"), (False, 1, "satu-satunya laporan")])
def test_splitting_is_refused_for_a_published_verdict_or_the_only_report(cast, terbit, laporan, pesan):
    lama = _klaim(terbit=terbit, laporan=laporan)
    with pytest.raises(DomainError, match=pesan):
        lama.laporan.first().pisahkan(oleh=cast.verifikator)
    assert Klaim.objects.count() == 1 and Audit.objects.filter(aksi=Aksi.PISAH_LAPORAN).count() == 0
