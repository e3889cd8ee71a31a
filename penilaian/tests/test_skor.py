"""The monthly score on hand-computed cases, with this module's own indicators, and how schemes apply."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from jembatan.lib.domain import DomainError
from jembatan.test import DESA_A, make_pengurus
from penilaian.indikator import PolaUrl
from penilaian.models import Penghargaan, Skema, SkorBulanan
from penilaian.skor import hitung_bulan
from penilaian.tests.bantu import make_kegiatan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_hari_ini")]
MEI = date(2026, 5, 1)


@pytest.fixture
def _hari_ini():
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        yield


def make_skema(mulai=date(2026, 1, 1), bobot=None, tingkat=None, nama="Skema uji") -> Skema:
    skema = Skema.objects.create(nama=nama, berlaku_mulai=mulai)
    for kode, w, target in bobot or [
        ("kegiatan.informasi", 20, 2),
        ("networking.bersama", 20, 1),
        ("akses.anggota", 20, 10),
        ("prestasi.penghargaan", 20, 1),
        ("kegiatan.aspirasi", 20, 1),
    ]:
        skema.bobot.create(indikator=kode, bobot=w, target=target)
    for n, lo, hi in tingkat or [("Tunas", 0, 50), ("Berkembang", 50, 80), ("Mandiri", 80, 100)]:
        skema.tingkat.create(nama=n, batas_bawah=lo, batas_atas=hi)
    return skema


def _isi(cast):
    make_kegiatan(cast, tanggal=date(2026, 5, 4), jenis_slug="peliputan", judul="Liputan panen raya")
    make_kegiatan(cast, tanggal=date(2026, 4, 28), jenis_slug="peliputan", judul="Liputan bulan lalu")
    make_kegiatan(cast, tanggal=date(2026, 5, 9), jenis_slug="rapat", judul="Forum bersama", mitra=[cast.kim_b])
    for i in range(5):
        make_pengurus(cast.kim_a, f"Pengurus {i}", jabatan="anggota")
    Penghargaan.objects.create(kim=cast.kim_a, nama="Juara I KIM Festival Kabupaten", tanggal=date(2026, 1, 15))
    Penghargaan.objects.create(kim=cast.kim_a, nama="Juara lama", tanggal=date(2025, 5, 31))


def test_the_score_on_a_hand_computed_case(cast):
    """GIVEN in May: one reportage (target 2), one activity with village B's KIM (target 1), five members
    (target 10), an award in January (target 1), no aspiration work; equal weights
    THEN Informasi 50, Networking 100, Akses 50, Prestasi 100, Aspirasi 0: total 60, level Berkembang;
    the partner KIM gets the joint activity too: Networking 100, total 20."""
    make_skema()
    _isi(cast)
    assert hitung_bulan(MEI) == 2
    a = SkorBulanan.objects.get(kim=cast.kim_a, bulan=MEI)
    assert a.per_sumbu == {"informasi": 50.0, "networking": 100.0, "akses": 50.0, "prestasi": 100.0, "aspirasi": 0.0}
    assert (a.total, a.tingkat) == (60.0, "Berkembang")
    b = SkorBulanan.objects.get(kim=cast.kim_b, bulan=MEI)
    assert (b.per_sumbu["networking"], b.total, b.tingkat) == (100.0, 20.0, "Tunas")
    informasi = a.nilai.get(indikator="kegiatan.informasi")
    assert (informasi.mentah, informasi.nilai) == (1, 50.0)
    assert [x["label"] for x in informasi.bukti] == ["04-05-2026 · Liputan panen raya"]
    assert [x["label"] for x in a.nilai.get(indikator="prestasi.penghargaan").bukti] == [
        "15-01-2026 · Juara I KIM Festival Kabupaten"
    ]


def test_weights_that_do_not_add_up_are_normalised(cast):
    make_skema(bobot=[("kegiatan.informasi", 3, 2), ("networking.bersama", 1, 1)])
    _isi(cast)
    hitung_bulan(MEI)
    assert SkorBulanan.objects.get(kim=cast.kim_a, bulan=MEI).total == 62.5  # (3 × 50 + 1 × 100) / 4


def test_a_score_in_no_levels_range_has_no_level(cast):
    make_skema(tingkat=[("Mandiri", 80, 100)])
    hitung_bulan(MEI)
    assert SkorBulanan.objects.get(kim=cast.kim_a, bulan=MEI).tingkat == ""


def test_a_new_scheme_does_not_rewrite_a_computed_month(cast):
    """GIVEN May computed with the scheme of that time
    WHEN a scheme applying from May on appears afterwards and May is computed again
    THEN May keeps its first scheme; June, computed for the first time, takes the new one."""
    lama = make_skema()
    _isi(cast)
    hitung_bulan(MEI)
    baru = make_skema(mulai=MEI, bobot=[("networking.bersama", 100, 1)], tingkat=[("Juara", 0, 100)], nama="Skema baru")
    hitung_bulan(MEI)
    a = SkorBulanan.objects.get(kim=cast.kim_a, bulan=MEI)
    assert (a.skema, a.total, a.tingkat) == (lama, 60.0, "Berkembang")
    hitung_bulan(date(2026, 6, 1))
    assert SkorBulanan.objects.get(kim=cast.kim_a, bulan=date(2026, 6, 1)).skema == baru


def test_a_month_not_yet_begun_is_refused(cast):
    with pytest.raises(DomainError, match="belum berjalan"):
        hitung_bulan(date(2026, 7, 1))


def test_the_kims_score_page_links_each_number_to_its_evidence(client, cast):
    make_skema()
    _isi(cast)
    hitung_bulan(MEI)
    client.force_login(cast.anggota)
    html = client.get(f"/kelola/penilaian/kim/{DESA_A}/?bulan=2026-05").content.decode()
    a = SkorBulanan.objects.get(kim=cast.kim_a, bulan=MEI)
    n = a.nilai.get(indikator="kegiatan.informasi")
    assert f'<a href="#bukti-{n.pk}">50</a>' in html
    liputan = cast.kim_a.kegiatan.get(judul="Liputan panen raya")
    assert f'<section id="bukti-{n.pk}"' in html and f'href="/kelola/kegiatan/{liputan.pk}/lihat/"' in html
    assert "tingkat <strong>Berkembang</strong>" in html


def test_the_evidence_names_each_member_with_their_role_and_links_the_kim(cast):
    """The members' evidence is read as plain rows: the role as the KIM page writes it ("Seksi …" for a seksi
    with its name), and the link to the KIM."""
    make_skema()
    make_pengurus(cast.kim_a, "Siti", jabatan="ketua")
    make_pengurus(cast.kim_a, "Budi", jabatan="seksi", nama_seksi="Liputan")
    hitung_bulan(MEI)
    bukti = SkorBulanan.objects.get(kim=cast.kim_a, bulan=MEI).nilai.get(indikator="akses.anggota").bukti
    assert sorted(x["label"] for x in bukti) == ["Budi (Seksi Liputan)", "Siti (Ketua)"]
    assert {x["url"] for x in bukti} == {reverse("kim:kelola", args=[cast.kim_a.wilayah_id])}


def test_a_url_pattern_fills_numbers_and_quotes_text():
    pola = PolaUrl("warta:baca", 918273645, "zzslugzz")
    assert pola(7, "panen-raya") == reverse("warta:baca", args=[7, "panen-raya"])
    assert pola(12, "a b/c") == reverse("warta:baca", args=[12, "x"]).replace("-x/", "-a%20b%2Fc/")
    with pytest.raises(TypeError):
        pola(7)
