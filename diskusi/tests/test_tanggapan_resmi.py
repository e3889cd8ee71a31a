"""Official answers and stances, as the comment module offers them to any page (the owner's rule is the caller's)."""

import pytest

from akun.models import Audit
from diskusi import komentar_publik
from diskusi.models import AksiDiskusi, Komentar
from diskusi.models import Status as S
from diskusi.tests.conftest import kirim, make_komentar
from jembatan.lib.domain import DomainError

pytestmark = pytest.mark.django_db


def _tautan(path):
    return "https://jembatan.example" + path


def test_an_official_answer_is_shown_marked_and_pinned_above_earlier_replies(cast, putusan):
    tanya = make_komentar(putusan, nama="Siti", isi="Sumber fotonya dari mana?")
    biasa = make_komentar(putusan, nama="Budi", isi="Saya juga ingin tahu.", parent=tanya)
    jawaban = tanya.tanggapi_resmi(isi="Dari arsip 2021.", nama="Diskominfo", oleh=cast.admin, boleh=True, tautan=_tautan)

    assert jawaban.resmi and jawaban.status == S.TAMPIL and jawaban.parent == tanya and jawaban.penjawab == cast.admin
    tanya.refresh_from_db()
    assert tanya.ditanggapi == jawaban.dibuat
    [akar] = komentar_publik.utas(putusan)
    assert [s.komentar.pk for s in akar.anak] == [jawaban.pk, biasa.pk]
    audit = Audit.objects.get(aksi=AksiDiskusi.TANGGAPAN_RESMI)
    assert audit.user == cast.admin and str(tanya.pk) in audit.ringkasan


def test_the_answer_needs_the_callers_permission_a_shown_top_level_comment_and_text(cast, putusan):
    tanya = make_komentar(putusan, isi="Kapan?")
    balasan = make_komentar(putusan, isi="Saya juga.", parent=tanya)
    ditahan = make_komentar(putusan, isi="Ditahan", status=S.MENUNGGU)
    with pytest.raises(DomainError):
        tanya.tanggapi_resmi(isi="Besok.", nama="X", oleh=cast.warga, boleh=False, tautan=_tautan)
    with pytest.raises(DomainError):
        tanya.tanggapi_resmi(isi="   ", nama="X", oleh=cast.admin, boleh=True, tautan=_tautan)
    for k in (balasan, ditahan):
        with pytest.raises(DomainError):
            k.tanggapi_resmi(isi="Besok.", nama="X", oleh=cast.admin, boleh=True, tautan=_tautan)
    assert not Komentar.objects.filter(resmi=True).exists()
    assert not Audit.objects.filter(aksi=AksiDiskusi.TANGGAPAN_RESMI).exists()


def test_a_top_level_comment_past_the_pages_wait_without_an_answer_is_marked(cast, putusan):
    lama = make_komentar(putusan, isi="Lama")
    dijawab = make_komentar(putusan, isi="Dijawab")
    dijawab.tanggapi_resmi(isi="Sudah.", nama="Diskominfo", oleh=cast.admin, boleh=True, tautan=_tautan)
    baru = make_komentar(putusan, isi="Baru")
    tanda = {s.komentar.pk: s.belum_ditanggapi for s in komentar_publik.utas(putusan, batas=baru.dibuat)}
    assert tanda == {lama.pk: True, dijawab.pk: False, baru.pk: False}
    assert not any(s.belum_ditanggapi for s in komentar_publik.utas(putusan))


def test_a_stance_is_kept_only_where_the_page_asks_for_one(client, putusan):
    kirim(client, putusan, sikap="mendukung")
    assert Komentar.objects.get().sikap == ""
    html = client.get(putusan.get_absolute_url()).content.decode()
    assert 'name="sikap"' not in html
