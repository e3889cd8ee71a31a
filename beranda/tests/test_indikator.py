"""The score's indicators over news, siaran, comments and potensi, on a hand-computed case per axis."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from diskusi.models import Komentar
from diskusi.models import Status as StatusKomentar
from penilaian.models import Skema, SkorBulanan
from penilaian.skor import hitung_bulan
from potensi.tests.bantu import make_potensi
from siaran.models import Penerimaan, Siaran, StatusPenerimaan
from warta.models import Berita, Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_hari_ini")]
MEI = date(2026, 5, 1)
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def _hari_ini():
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        yield


def _pada(hari: int, jam: int = 9, bulan: int = 5) -> datetime:
    return datetime(2026, bulan, hari, jam, tzinfo=WITA)


def _skema(bobot) -> Skema:
    skema = Skema.objects.create(nama="Skema uji", berlaku_mulai=date(2026, 1, 1))
    for kode, w, target in bobot:
        skema.bobot.create(indikator=kode, bobot=w, target=target)
    skema.tingkat.create(nama="Semua", batas_bawah=0, batas_atas=100)
    return skema


def _berita(cast, judul, status=Status.TERBIT, terbit_pada=None, kim=None) -> Berita:
    kim = kim or cast.kim_a
    return Berita.objects.create(
        judul=judul,
        slug="berita",
        isi="Isi berita.",
        wilayah=kim.wilayah,
        kim=kim,
        penulis=cast.editor,
        status=status,
        terbit_pada=terbit_pada,
    )


def _siaran(cast, judul, dikirim_pada) -> Siaran:
    return Siaran.objects.create(judul=judul, isi="Isi siaran.", dikirim_oleh=cast.admin, dikirim_pada=dikirim_pada)


def _komentar(obj, dibuat, parent=None, status=StatusKomentar.TAMPIL) -> Komentar:
    return Komentar.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        wilayah=obj.wilayah,
        parent=parent,
        nama="Warga",
        isi="Kapan jalannya diperbaiki?",
        status=status,
        klien="x" * 32,
        dibuat=dibuat,
    )


def _nilai(kim, kode):
    return SkorBulanan.objects.get(kim=kim, bulan=MEI).nilai.get(indikator=kode)


def test_informasi_counts_published_news_and_potensi_of_the_month(cast):
    _skema([("informasi.berita", 3, 4), ("informasi.potensi", 1, 1)])
    b1 = _berita(cast, "Panen raya", terbit_pada=_pada(3))
    _berita(cast, "Posyandu", terbit_pada=_pada(20))
    _berita(cast, "Bulan lalu", terbit_pada=_pada(30, bulan=4))
    _berita(cast, "Masih draf", status=Status.DRAF)
    make_potensi(cast, status="terbit", terbit_pada=_pada(2), dikonfirmasi_pada=_pada(2))
    hitung_bulan(MEI)
    berita = _nilai(cast.kim_a, "informasi.berita")
    assert (berita.mentah, berita.nilai) == (2, 50.0)
    assert berita.bukti[0] == {"label": "Panen raya", "url": b1.get_absolute_url()}
    assert _nilai(cast.kim_a, "informasi.potensi").nilai == 100.0
    skor = SkorBulanan.objects.get(kim=cast.kim_a, bulan=MEI)
    assert (skor.per_sumbu, skor.total) == ({"informasi": 62.5}, 62.5)  # (3 × 50 + 1 × 100) / 4


def test_diseminasi_is_the_share_of_siaran_forwarded_and_forwarded_fast(cast):
    """GIVEN two siaran sent to village A's KIM in May: one forwarded after 30 hours, one only received; and
    a third forwarded within an hour
    THEN forwarded 2 of 3, fast 1 of 3; village B's KIM, sent none, is not marked down for it."""
    s1, s2, s3 = (_siaran(cast, f"Siaran {i}", _pada(5 + i)) for i in range(3))
    ps = Penerimaan.objects.bulk_create(Penerimaan(siaran=s, kim=cast.kim_a) for s in (s1, s2, s3))
    Penerimaan.objects.filter(pk=ps[0].pk).update(status=StatusPenerimaan.DITERUSKAN, diteruskan_pada=_pada(6, 15))
    Penerimaan.objects.filter(pk=ps[1].pk).update(status=StatusPenerimaan.DITERIMA, diterima_pada=_pada(6, 10))
    Penerimaan.objects.filter(pk=ps[2].pk).update(
        status=StatusPenerimaan.DITERUSKAN, diteruskan_pada=_pada(7, 9) + timedelta(minutes=40)
    )
    _skema([("diseminasi.siaran_diteruskan", 1, 1), ("diseminasi.siaran_cepat", 1, 1), ("informasi.berita", 1, 4)])
    hitung_bulan(MEI)
    diteruskan, cepat = _nilai(cast.kim_a, "diseminasi.siaran_diteruskan"), _nilai(cast.kim_a, "diseminasi.siaran_cepat")
    assert (diteruskan.mentah, diteruskan.keterangan) == (0.667, "2 dari 3 siaran")
    assert (cepat.mentah, cepat.nilai) == (0.333, 33.3)
    assert [b["url"] for b in diteruskan.bukti] == [s.get_absolute_url() for s in (s1, s2, s3)]
    b = SkorBulanan.objects.get(kim=cast.kim_b, bulan=MEI)
    assert _nilai(cast.kim_b, "diseminasi.siaran_diteruskan").nilai is None
    assert (b.per_sumbu, b.total) == ({"informasi": 0.0}, 0.0)  # only the news indicator applied


def test_diskusi_counts_comments_on_the_village_and_the_share_answered(cast):
    berita = _berita(cast, "Jalan desa", terbit_pada=_pada(1))
    k1 = _komentar(berita, _pada(3))
    _komentar(berita, _pada(4), parent=k1)
    _komentar(berita, _pada(5))
    _komentar(berita, _pada(6), status=StatusKomentar.DITOLAK)
    _komentar(berita, _pada(28, bulan=4))
    _skema([("diskusi.komentar", 1, 6), ("diskusi.dijawab", 1, 1)])
    hitung_bulan(MEI)
    assert _nilai(cast.kim_a, "diskusi.komentar").mentah == 3
    dijawab = _nilai(cast.kim_a, "diskusi.dijawab")
    assert (dijawab.mentah, dijawab.keterangan) == (0.5, "1 dari 2 komentar dibalas")
    assert dijawab.bukti[0]["url"] == f"{berita.get_absolute_url()}#komentar-{k1.pk}"
    assert SkorBulanan.objects.get(kim=cast.kim_a, bulan=MEI).per_sumbu == {"diskusi": 50.0}
