"""Polls as model methods: who may vote, one vote per voter changed until the close, and the count."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from jembatan.lib.domain import DomainError
from jembatan.test import KAB, make_user
from suarawarga.models import Jajak, Pemilih, Pemilihan, Suara
from suarawarga.tests.bantu import make_jajak
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db


def _opsi(jajak) -> list[int]:
    return list(jajak.opsi.values_list("pk", flat=True))


def test_a_voter_changes_their_vote_until_the_close_and_is_counted_once(cast):
    jajak = make_jajak(cast)
    a, b, c = _opsi(jajak)
    jajak.pilih(pemilih="u1", opsi_ids=[a])
    jajak.pilih(pemilih="u1", opsi_ids=[b])
    jajak.pilih(pemilih="t2", opsi_ids=[b])
    hasil, total = jajak.hasil()
    assert total == 2 and [(h.jumlah, h.persen) for h in hasil] == [(0, 0.0), (2, 100.0), (0, 0.0)]
    with time_machine.travel(jajak.tutup_pada + timedelta(seconds=1)), pytest.raises(DomainError, match="sudah ditutup"):
        jajak.pilih(pemilih="u1", opsi_ids=[c])
    assert jajak.pilihan_pemilih("u1") == {b}


def test_a_poll_not_yet_open_takes_no_votes(cast):
    jajak = make_jajak(cast, buka_pada=timezone.now() + timedelta(hours=1))
    with pytest.raises(DomainError, match="belum dibuka"):
        jajak.pilih(pemilih="u1", opsi_ids=_opsi(jajak)[:1])


def test_a_closed_option_takes_no_new_votes_and_keeps_its_old_ones(cast):
    jajak = make_jajak(cast)
    a = _opsi(jajak)[0]
    jajak.pilih(pemilih="u1", opsi_ids=[a])
    jajak.opsi.get(pk=a).tutup(oleh=cast.pemdes)
    with pytest.raises(DomainError) as e:
        jajak.pilih(pemilih="u2", opsi_ids=[a])
    assert e.value.field == "opsi"
    assert jajak.hasil()[0][0].jumlah == 1


def test_an_option_of_another_poll_is_refused(cast):
    jajak, lain = make_jajak(cast), make_jajak(cast)
    with pytest.raises(DomainError):
        jajak.pilih(pemilih="u1", opsi_ids=_opsi(lain)[:1])
    assert not Suara.objects.exists()


def test_multiple_choice_up_to_its_limit_counts_shares_of_voters(cast):
    jajak = make_jajak(cast, opsi=["Jalan", "Air bersih", "Posyandu", "Lampu jalan"], ganda=True, maks_pilihan=2)
    a, b, c, _d = _opsi(jajak)
    with pytest.raises(DomainError, match="Paling banyak 2"):
        jajak.pilih(pemilih="u1", opsi_ids=[a, b, c])
    jajak.pilih(pemilih="u1", opsi_ids=[a, b])
    jajak.pilih(pemilih="u2", opsi_ids=[a])
    hasil, total = jajak.hasil()
    assert total == 2 and [h.persen for h in hasil] == [100.0, 50.0, 0.0, 0.0]


def test_a_single_choice_poll_takes_one_answer(cast):
    jajak = make_jajak(cast)
    with pytest.raises(DomainError, match="satu jawaban"):
        jajak.pilih(pemilih="u1", opsi_ids=_opsi(jajak)[:2])


def test_one_address_brings_only_so_many_new_anonymous_voters(cast):
    jajak = make_jajak(cast)
    a = _opsi(jajak)[0]
    for i in range(3):
        jajak.pilih(pemilih=f"t{i}", opsi_ids=[a], klien="alamat", batas_per_klien=3)
    with pytest.raises(DomainError, match="Terlalu banyak suara dari alamat"):
        jajak.pilih(pemilih="t9", opsi_ids=[a], klien="alamat", batas_per_klien=3)
    jajak.pilih(pemilih="t0", opsi_ids=[a], klien="alamat", batas_per_klien=3)  # a known voter may still change
    assert Pemilihan.objects.filter(jajak=jajak).count() == 3


@pytest.mark.parametrize(
    ("opsi", "field"),
    [(["Satu"], "opsi"), ([str(i) for i in range(11)], "opsi"), (["Ya", "ya"], "opsi")],
)
def test_a_poll_needs_two_to_ten_distinct_options(cast, opsi, field):
    with pytest.raises(DomainError) as e:
        make_jajak(cast, opsi=opsi)
    assert e.value.field == field and not Jajak.objects.exists()


def test_the_close_comes_after_the_opening(cast):
    with pytest.raises(DomainError) as e:
        make_jajak(cast, tutup_pada=timezone.now() - timedelta(days=2))
    assert e.value.field == "tutup_pada"


def test_an_account_poll_takes_accounts_of_its_village_only(cast):
    jajak = make_jajak(cast, pemilih=Pemilih.AKUN)
    warga_desa = make_user("warga.tungkap@uji.example", "warga", jajak.wilayah_id)
    assert jajak.boleh_memilih(warga_desa) and jajak.boleh_memilih(cast.anggota)
    assert not jajak.boleh_memilih(cast.warga) and not jajak.boleh_memilih(cast.editor_lain)
    kabupaten = make_jajak(cast, pemilih=Pemilih.AKUN, wilayah=Wilayah.objects.get(kode=KAB))
    assert kabupaten.boleh_memilih(cast.warga) and kabupaten.boleh_memilih(cast.editor_lain)


def test_the_poll_form_writes_its_dates_in_the_format_a_datetime_input_reads():
    """A `datetime-local` input shows only `YYYY-MM-DDTHH:MM`; in any other format a value given to the form
    (e.g. when a poll is copied or its form is shown again with starting values) would show as empty."""
    from datetime import datetime

    from suarawarga.forms import JajakForm
    from wilayah.models import Wilayah

    form = JajakForm(initial={"buka_pada": datetime(2026, 7, 10, 8, 30)}, wilayah_qs=Wilayah.objects.none())
    assert 'type="datetime-local" name="buka_pada" value="2026-07-10T08:30"' in str(form["buka_pada"])
