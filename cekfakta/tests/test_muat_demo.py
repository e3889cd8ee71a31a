"""`manage.py muat_demo_cekfakta`: enough complete, clearly-marked DEMO verdicts to try the check, loaded once."""

import pytest
from django.core.management import call_command

from cekfakta.management.commands.muat_demo_cekfakta import PUTUSAN
from cekfakta.models import Hasil, Klaim, Laporan, Referensi, Status

pytestmark = pytest.mark.django_db


def test_at_least_thirty_complete_demo_verdicts_are_published_and_marked_demo():
    call_command("muat_demo_cekfakta")
    terbit = Klaim.objects.terbit()
    assert terbit.count() == len(PUTUSAN) >= 30
    for k in terbit.prefetch_related("referensi"):
        assert k.demo and "DEMO" in k.penjelasan and "DEMO" in k.sumber_nama, k.judul
        assert k.syarat_terbit() == [], k.judul  # claim, outcome, type when false, explanation, method, reference
        assert k.teks_contoh.strip() and k.teks_contoh != k.judul, k.judul
        assert all("DEMO" in r.judul and r.url.startswith("https://example.org/") for r in k.referensi.all())
    hasil = {h: terbit.filter(hasil=h).count() for h in (Hasil.SALAH, Hasil.BENAR, Hasil.TIDAK_DAPAT)}
    assert hasil[Hasil.SALAH] >= 20 and hasil[Hasil.BENAR] >= 3 and hasil[Hasil.TIDAK_DAPAT] >= 2
    assert Klaim.objects.antrean().filter(demo=True).count() == 2


@pytest.mark.parametrize(
    "kata",
    ["BLT", "PKH", "undian", "vaksin", "banjir", "gempa", "tsunami", "CPNS", "PPPK", "BUMN", "LPG", "PLN", "Pertalite", "TPS"],
)
def test_the_demo_covers_the_common_hoax_families_of_a_village(kata):
    assert any(kata.lower() in f"{d['judul']} {d['teks_contoh']}".lower() for d in PUTUSAN)


def test_running_it_again_adds_nothing():
    call_command("muat_demo_cekfakta")
    sebelum = (Klaim.objects.count(), Referensi.objects.count(), Laporan.objects.count())
    call_command("muat_demo_cekfakta")
    assert (Klaim.objects.count(), Referensi.objects.count(), Laporan.objects.count()) == sebelum


def test_a_site_with_the_earlier_demo_gets_only_the_missing_verdicts():
    """GIVEN a site that loaded the first demo (four verdicts, two open claims)
    WHEN the command runs
    THEN the other verdicts are added and the earlier ones are neither duplicated nor changed."""
    lama = Klaim.objects.create(
        judul=PUTUSAN[0]["judul"], status=Status.SELESAI, hasil=Hasil.SALAH, demo=True, penjelasan="Versi lama (Contoh DEMO.)"
    )
    call_command("muat_demo_cekfakta")
    assert Klaim.objects.filter(judul=PUTUSAN[0]["judul"]).count() == 1
    assert Klaim.objects.get(pk=lama.pk).penjelasan == "Versi lama (Contoh DEMO.)"
    assert Klaim.objects.filter(demo=True, diterbitkan__isnull=False).count() == len(PUTUSAN) - 1
