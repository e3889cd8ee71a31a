"""The chain as model methods: request → extension → refusal → objection → atasan's answer → Komisi Informasi,
with frozen time, and the rules each step refuses with."""

import datetime as dt
from contextlib import contextmanager

import pytest
import time_machine
from django.core import mail

from akun.models import Audit
from jembatan.lib.domain import DomainError
from jembatan.test import KAB
from ppid.models import AksiPpid, Keberatan, Keputusan, Permohonan, Status
from ppid.tests.bantu import make_permohonan

pytestmark = pytest.mark.django_db

D = dt.date


def _pada(tanggal: str):
    return time_machine.travel(f"{tanggal} 10:00 +08:00", tick=False)


@contextmanager
def _langkah(tanggal: str, capture):
    """One step on one day, its mail sent as when its transaction commits."""
    with _pada(tanggal), capture(execute=True):
        yield


def test_the_whole_chain_to_the_komisi_informasi(cast, django_capture_on_commit_callbacks):
    """GIVEN a request to village A received the day before Nyepi's cuti bersama 2026
    WHEN its PPID extends by 7 working days, refuses on a Ps. 17 ground, the requester objects, the atasan
    PPID refuses the objection and the requester takes it to the Komisi Informasi
    THEN every deadline follows the working-day calendar, the requester is mailed at each step, and each step
    is in the audit trail under who took it."""
    with _langkah("2026-03-17", django_capture_on_commit_callbacks):
        p = make_permohonan()
    assert p.nomor == "001/PPID-DESA-63.05.01.2003/III/2026" and p.batas_jawab == D(2026, 4, 8)
    with _langkah("2026-04-06", django_capture_on_commit_callbacks):
        p.perpanjang(oleh=cast.pemdes, hari=7, alasan="Dokumen masih di kecamatan untuk evaluasi.")
    assert p.batas_jawab == D(2026, 4, 17)
    with _langkah("2026-04-16", django_capture_on_commit_callbacks):
        p.jawab(
            oleh=cast.pemdes,
            keputusan=Keputusan.DITOLAK,
            isi="Dokumen memuat data pribadi penerima bantuan.",
            alasan_pengecualian="h",
            uji_konsekuensi="Membuka nama dan NIK penerima merugikan mereka; daftar penerima tanpa NIK tersedia di papan desa.",
            penandatangan="Rahmadi, Sekretaris Desa",
        )
    p.refresh_from_db()
    assert (p.status, p.dijawab, p.lama_jawab, p.tepat_waktu) == (Status.SELESAI, D(2026, 4, 16), 16, True)
    with _langkah("2026-04-20", django_capture_on_commit_callbacks):
        assert p.batas_keberatan() == D(2026, 6, 5)  # 30 working days after the notice
        k = Keberatan.ajukan(p, alasan="a", uraian="Saya hanya butuh jumlah penerima, bukan NIK.")
    assert k.nomor == "001/KEBERATAN-DESA-63.05.01.2003/IV/2026" and k.batas_tanggapan == D(2026, 6, 9)
    with _langkah("2026-05-20", django_capture_on_commit_callbacks):
        k.tanggapi(
            oleh=cast.pemdes,
            keputusan="ditolak",
            tanggapan="Keputusan PPID dikuatkan; jumlah penerima sudah diumumkan di papan desa.",
            nama_atasan="H. Basuni",
            jabatan_atasan="Kepala Desa Tungkap",
        )
        assert k.batas_sengketa() == D(2026, 6, 12)
    with _langkah("2026-06-02", django_capture_on_commit_callbacks):
        k.catat_sengketa(oleh=cast.pemdes, nomor="012/KI-KALSEL-PS/VI/2026", tanggal=D(2026, 6, 2), tahap="mediasi")
    k.refresh_from_db()
    assert (k.tahap_sengketa, k.tanggapan_pemohon) == ("mediasi", "Mengajukan sengketa ke Komisi Informasi")
    assert [m.subject for m in mail.outbox] == [
        "Permohonan informasi Anda diterima: 001/PPID-DESA-63.05.01.2003/III/2026",
        "Jangka waktu permohonan 001/PPID-DESA-63.05.01.2003/III/2026 diperpanjang",
        "Pemberitahuan tertulis atas permohonan 001/PPID-DESA-63.05.01.2003/III/2026",
        "Keberatan Anda diterima: 001/KEBERATAN-DESA-63.05.01.2003/IV/2026",
        "Tanggapan atasan PPID atas keberatan 001/KEBERATAN-DESA-63.05.01.2003/IV/2026",
    ]
    assert "Selasa, 17 April 2026" not in mail.outbox[1].body and "Jumat, 17 April 2026" in mail.outbox[1].body
    assert list(Audit.objects.order_by("id").values_list("aksi", "user")) == [
        (AksiPpid.TERIMA_PERMOHONAN, None),
        (AksiPpid.PERPANJANG, cast.pemdes.pk),
        (AksiPpid.JAWAB, cast.pemdes.pk),
        (AksiPpid.TERIMA_KEBERATAN, None),
        (AksiPpid.TANGGAPI_KEBERATAN, cast.pemdes.pk),
        (AksiPpid.CATAT_SENGKETA, cast.pemdes.pk),
    ]


def test_numbers_run_per_badan_publik_and_year():
    with _pada("2026-11-02"):
        a1, a2, kab = make_permohonan(), make_permohonan(), make_permohonan(kode=KAB)
    with _pada("2027-01-04"):
        a3 = make_permohonan()
    assert [a1.nomor, a2.nomor, kab.nomor, a3.nomor] == [
        "001/PPID-DESA-63.05.01.2003/XI/2026",
        "002/PPID-DESA-63.05.01.2003/XI/2026",
        "001/PPID-63.05/XI/2026",
        "001/PPID-DESA-63.05.01.2003/I/2027",
    ]
    assert len({a1.kode, a2.kode, kab.kode, a3.kode}) == 4


def test_a_request_with_no_way_to_answer_it_is_refused():
    with pytest.raises(DomainError):
        make_permohonan(alamat="", email="", telepon="")
    assert not Permohonan.objects.exists()


@pytest.fixture
def diterima(cast):
    with _pada("2026-03-17"):
        return make_permohonan()


@pytest.mark.parametrize(
    ("hari", "alasan", "tanggal", "field"),
    [
        (8, "Dokumen di kecamatan.", "2026-04-06", "hari"),
        (7, "  ", "2026-04-06", "alasan"),
        (7, "Dokumen di kecamatan.", "2026-04-09", "tanggal"),  # after the 10 working days ran out
    ],
)
def test_an_extension_beyond_7_days_without_reason_or_too_late_is_refused(cast, diterima, hari, alasan, tanggal, field):
    with _pada(tanggal), pytest.raises(DomainError) as e:
        diterima.perpanjang(oleh=cast.pemdes, hari=hari, alasan=alasan)
    assert e.value.field == field
    assert Permohonan.objects.get(pk=diterima.pk).batas_jawab == D(2026, 4, 8)


def test_an_extension_is_given_once(cast, diterima):
    with _pada("2026-04-01"):
        diterima.perpanjang(oleh=cast.pemdes, hari=3, alasan="Menunggu dokumen.")
        with pytest.raises(DomainError, match="hanya sekali"):
            diterima.perpanjang(oleh=cast.pemdes, hari=3, alasan="Lagi.")
    assert Permohonan.objects.get(pk=diterima.pk).batas_jawab == D(2026, 4, 13)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"keputusan": Keputusan.DITOLAK, "uji_konsekuensi": "Merugikan."}, "alasan_pengecualian"),
        ({"keputusan": Keputusan.SEBAGIAN, "alasan_pengecualian": "h"}, "uji_konsekuensi"),
        ({"keputusan": Keputusan.TIDAK_DIKUASAI}, "penguasa_informasi"),
        ({"keputusan": Keputusan.DIKABULKAN, "tanggal": D(2026, 3, 16)}, "tanggal"),  # before receipt
        ({"keputusan": Keputusan.DIKABULKAN, "tanggal": D(2026, 4, 2)}, "tanggal"),  # in the future
        ({"keputusan": Keputusan.DIKABULKAN, "penandatangan": ""}, "penandatangan"),
    ],
)
def test_an_answer_that_breaks_a_rule_is_refused_beside_its_field(cast, diterima, fields, field):
    isi = {"isi": "Terlampir.", "penandatangan": "Rahmadi", **fields}
    with _pada("2026-04-01"), pytest.raises(DomainError) as e:
        diterima.jawab(oleh=cast.pemdes, **isi)
    assert e.value.field == field
    assert Permohonan.objects.get(pk=diterima.pk).status == Status.DIPROSES


def test_information_not_held_names_who_holds_it(cast, diterima):
    with _pada("2026-03-26"):
        diterima.jawab(
            oleh=cast.pemdes,
            keputusan=Keputusan.TIDAK_DIKUASAI,
            isi="Silakan ajukan ke Dinas PUPR.",
            penguasa_informasi="Dinas PUPR Kabupaten Tapin",
            penandatangan="Rahmadi",
            alasan_pengecualian="h",
        )
    p = Permohonan.objects.get(pk=diterima.pk)
    assert (p.penguasa_informasi, p.alasan_pengecualian, p.lama_jawab) == ("Dinas PUPR Kabupaten Tapin", "", 2)


def test_an_objection_waits_for_the_answer_or_the_deadline(diterima):
    with _pada("2026-04-08"), pytest.raises(DomainError, match="setelah PPID menjawab"):
        Keberatan.ajukan(diterima, alasan="c", uraian="Belum dijawab.")
    with _pada("2026-04-09"):
        k = Keberatan.ajukan(diterima, alasan="c", uraian="Belum dijawab.")
    assert k.batas_tanggapan == D(2026, 5, 26)


def test_an_objection_out_of_time_or_twice_is_refused(diterima):
    # The deadline of 8 April 2026 passed unanswered: the 30 working days from it end on 25 May.
    with _pada("2026-05-26"), pytest.raises(DomainError, match="25-05-2026"):
        Keberatan.ajukan(diterima, alasan="c", uraian="Belum dijawab.")
    with _pada("2026-05-25"):
        Keberatan.ajukan(diterima, alasan="c", uraian="Belum dijawab.")
        with pytest.raises(DomainError, match="sudah diajukan"):
            Keberatan.ajukan(diterima, alasan="g", uraian="Lagi.")


def test_an_objection_on_a_ground_that_does_not_fit_is_refused(cast, diterima):
    with _pada("2026-03-20"):
        diterima.jawab(oleh=cast.pemdes, keputusan=Keputusan.DIKABULKAN, isi="Terlampir.", penandatangan="Rahmadi")
    with _pada("2026-03-27"):
        for alasan, field in (("", "alasan"), ("a", "alasan"), ("c", "alasan")):
            with pytest.raises(DomainError) as e:
                Keberatan.ajukan(diterima, alasan=alasan, uraian="Tidak sesuai.")
            assert e.value.field == field
        Keberatan.ajukan(diterima, alasan="d", uraian="Yang diberikan bukan tahun 2026.")
    assert Keberatan.objects.get().alasan == "d"


def test_overdue_requests_are_those_open_past_their_deadline(cast, diterima):
    with _pada("2026-03-17"):
        dijawab = make_permohonan()
        dijawab.jawab(oleh=cast.pemdes, keputusan=Keputusan.DIKABULKAN, isi="Terlampir.", penandatangan="Rahmadi")
    assert list(Permohonan.objects.terlambat(D(2026, 4, 8))) == []
    assert list(Permohonan.objects.terlambat(D(2026, 4, 9))) == [diterima]
