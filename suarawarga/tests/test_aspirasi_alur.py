"""The aspiration's status flow as model methods: each step checks its rule, is dated, named and audited."""

import pytest
import time_machine

from akun.models import Audit
from jembatan.lib.domain import DomainError
from jembatan.test import DESA_B
from suarawarga.models import AksiSuara, Aspirasi, StatusAspirasi, Tujuan, rapikan_kode
from suarawarga.tests.bantu import make_aspirasi

pytestmark = pytest.mark.django_db


def _diteruskan(cast, **fields) -> Aspirasi:
    a = make_aspirasi(**fields)
    a.verifikasi(oleh=cast.editor)
    a.teruskan(oleh=cast.pemdes, tujuan=Tujuan.DESA)
    return a


def test_a_new_aspiration_gets_a_code_and_a_first_step_by_its_sender(cast):
    a = make_aspirasi()
    assert rapikan_kode(a.kode) == a.kode and a.status == StatusAspirasi.DITERIMA
    assert [(x.status, x.pelaku) for x in a.langkah.all()] == [("diterima", "Pengirim")]
    assert Audit.objects.filter(aksi=AksiSuara.ASPIRASI_KIRIM, objek_id=str(a.pk), user=None).exists()


def test_codes_are_read_back_however_they_are_typed():
    assert rapikan_kode("asp 7kq2 m9xd") == "ASP-7KQ2-M9XD"
    assert rapikan_kode("7KQ2M9XD") == "ASP-7KQ2-M9XD"
    assert rapikan_kode("ASP-7KQ2") == ""


def test_the_full_flow_names_each_office_and_audits_each_step(cast):
    """GIVEN an aspiration of village A
    WHEN the KIM verifies it, the village government forwards it to an OPD and records the follow-up,
    and the operator closes it
    THEN every step is listed in order with the office that took it, and audited under its user."""
    a = make_aspirasi()
    a.verifikasi(oleh=cast.editor, catatan="Sudah dicek ke lokasi.")
    a.teruskan(oleh=cast.pemdes, tujuan=Tujuan.OPD, nama_tujuan="Dinas PUPR")
    a.tindak_lanjuti(oleh=cast.pemdes, catatan="Ditambal oleh Dinas PUPR pada 12 Mei.")
    a.selesaikan(oleh=cast.operator)
    a.refresh_from_db()
    assert a.status == StatusAspirasi.SELESAI and a.nama_tujuan == "Dinas PUPR"
    assert [(x.status, x.pelaku) for x in a.langkah.all()] == [
        ("diterima", "Pengirim"),
        ("diverifikasi", "KIM Tungkap Bersinar"),
        ("diteruskan", "Pemerintah Desa Tungkap"),
        ("ditindaklanjuti", "Pemerintah Desa Tungkap"),
        ("selesai", "Operator Kecamatan Binuang"),
    ]
    audit = list(Audit.objects.filter(objek_id=str(a.pk)).order_by("pk").values_list("aksi", "user"))
    assert audit[1:] == [
        (AksiSuara.ASPIRASI_VERIFIKASI, cast.editor.pk),
        (AksiSuara.ASPIRASI_TERUSKAN, cast.pemdes.pk),
        (AksiSuara.ASPIRASI_TINDAK_LANJUT, cast.pemdes.pk),
        (AksiSuara.ASPIRASI_SELESAI, cast.operator.pk),
    ]


@pytest.mark.parametrize(
    ("langkah", "pesan"),
    [
        (lambda a, u: a.teruskan(oleh=u, tujuan=Tujuan.DESA), "diverifikasi dulu"),
        (lambda a, u: a.tindak_lanjuti(oleh=u, catatan="x"), "sudah diteruskan"),
        (lambda a, u: a.selesaikan(oleh=u), "setelah ada catatan tindak lanjut"),
    ],
)
def test_a_step_that_skips_the_rules_is_refused_and_changes_nothing(cast, langkah, pesan):
    a = make_aspirasi()
    with pytest.raises(DomainError, match=pesan):
        langkah(a, cast.pemdes)
    a.refresh_from_db()
    assert a.status == StatusAspirasi.DITERIMA and a.langkah.count() == 1


def test_a_follow_up_needs_a_note(cast):
    a = _diteruskan(cast)
    with pytest.raises(DomainError) as e:
        a.tindak_lanjuti(oleh=cast.pemdes, catatan="  ")
    assert e.value.field == "catatan"


def test_forwarding_to_lapor_needs_its_tracking_number_in_its_shape(cast):
    a = make_aspirasi()
    a.verifikasi(oleh=cast.editor)
    with pytest.raises(DomainError) as e:
        a.teruskan(oleh=cast.admin, tujuan=Tujuan.LAPOR, nomor_lapor="LAPOR-12A")
    assert e.value.field == "nomor_lapor" and "6–12 angka" in str(e.value)
    a.teruskan(oleh=cast.admin, tujuan=Tujuan.LAPOR, nomor_lapor="# 4512873")
    a.refresh_from_db()
    assert (a.status, a.nama_tujuan, a.nomor_lapor) == (StatusAspirasi.DITERUSKAN, "SP4N-LAPOR!", "4512873")


def test_forwarding_to_an_opd_names_it(cast):
    a = make_aspirasi()
    a.verifikasi(oleh=cast.editor)
    with pytest.raises(DomainError) as e:
        a.teruskan(oleh=cast.editor, tujuan=Tujuan.OPD)
    assert e.value.field == "nama_tujuan"


def test_a_refusal_needs_a_reason_the_sender_reads(cast):
    a = make_aspirasi()
    with pytest.raises(DomainError):
        a.tolak(oleh=cast.editor, alasan="")
    a.tolak(oleh=cast.editor, alasan="Ini urusan desa tetangga; silakan kirim untuk Desa Pandulangan.")
    a.refresh_from_db()
    assert a.status == StatusAspirasi.DITOLAK and "desa tetangga" in a.alasan
    with pytest.raises(DomainError):
        a.verifikasi(oleh=cast.editor)


def test_merging_counts_the_supporters_on_the_aspiration_kept(cast):
    """GIVEN three reports of the same broken road, one already merged into the second
    WHEN the second is merged into the first
    THEN the first counts three supporters and the merged ones point to it."""
    induk, kedua, ketiga = make_aspirasi(), make_aspirasi(), make_aspirasi()
    ketiga.gabung_ke(kedua, oleh=cast.editor)
    kedua.refresh_from_db()
    assert kedua.jumlah_pendukung == 2
    kedua.gabung_ke(induk, oleh=cast.editor, alasan="")
    induk.refresh_from_db()
    kedua.refresh_from_db()
    assert induk.jumlah_pendukung == 3
    assert kedua.status == StatusAspirasi.DIGABUNG and kedua.induk == induk and induk.kode in kedua.alasan
    assert list(Aspirasi.objects.publik()) == []  # none of them allowed to be shown


def test_merging_across_villages_or_into_itself_is_refused(cast):
    a, b = make_aspirasi(), make_aspirasi(wilayah_id=DESA_B)
    with pytest.raises(DomainError):
        a.gabung_ke(b, oleh=cast.admin)
    with pytest.raises(DomainError):
        a.gabung_ke(a, oleh=cast.admin)


def test_the_sender_closes_it_or_sends_it_back_with_why(cast):
    with time_machine.travel("2026-05-04 09:00 +08:00", tick=True):
        a = _diteruskan(cast)
        a.tindak_lanjuti(oleh=cast.pemdes, catatan="Sudah ditambal.")
        with pytest.raises(DomainError) as e:
            a.tanggapi(puas=False, catatan="")
        assert e.value.field == "catatan"
        a.tanggapi(puas=False, catatan="Tambalannya lepas lagi setelah hujan.")
        a.refresh_from_db()
        assert a.status == StatusAspirasi.DITERUSKAN and a.batas_tindak_lanjut.isoformat() == "2026-05-11"
        assert a.langkah.last().pelaku == "Pengirim"
        a.tindak_lanjuti(oleh=cast.pemdes, catatan="Dicor ulang.")
        a.tanggapi(puas=True)
        a.refresh_from_db()
        assert a.status == StatusAspirasi.SELESAI


def test_a_kim_member_enters_one_for_a_villager_only_with_consent(cast):
    with pytest.raises(DomainError) as e:
        make_aspirasi(oleh=cast.anggota)
    assert e.value.field == "persetujuan_warga"
    a = make_aspirasi(oleh=cast.anggota, persetujuan_warga=True)
    pertama = a.langkah.get()
    assert a.dicatat_oleh == cast.anggota and pertama.pelaku == "KIM Tungkap Bersinar" and "persetujuan warga" in pertama.catatan


def test_a_step_on_an_aspiration_read_before_a_merge_keeps_the_merged_supporters(cast):
    induk = make_aspirasi()
    dibaca_lebih_dulu = Aspirasi.objects.get(pk=induk.pk)
    make_aspirasi().gabung_ke(induk, oleh=cast.editor)
    dibaca_lebih_dulu.verifikasi(oleh=cast.pemdes)
    induk.refresh_from_db()
    assert (induk.status, induk.jumlah_pendukung) == (StatusAspirasi.DIVERIFIKASI, 2)
