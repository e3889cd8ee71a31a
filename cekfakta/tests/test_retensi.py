"""Reporters' contacts are forgotten after the retention period."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cekfakta.models import Laporan, PesanMasuk

pytestmark = pytest.mark.django_db


def test_old_contacts_are_cleared_and_recent_ones_kept(settings):
    settings.JEMBATAN_CEKFAKTA_RETENSI_HARI = 30
    lama = timezone.now() - timedelta(days=31)
    Laporan.objects.create(kode="LAMA0001", teks="x", email="a@uji.example", kontak_saluran="628111", dibuat=lama)
    Laporan.objects.create(kode="BARU0001", teks="y", email="b@uji.example", kontak_saluran="628222")
    PesanMasuk.objects.create(saluran="whatsapp", id_eksternal="w1", pengirim="628111", jenis="text", diterima=lama)
    call_command("hapus_kontak_lama", verbosity=0)
    old, new = Laporan.objects.get(kode="LAMA0001"), Laporan.objects.get(kode="BARU0001")
    assert (old.email, old.kontak_saluran) == ("", "") and old.teks == "x"
    assert (new.email, new.kontak_saluran) == ("b@uji.example", "628222")
    assert PesanMasuk.objects.get().pengirim == ""


def test_untold_reporters_are_told_by_the_retry_command(smtp_lokal):
    from cekfakta.models import Hasil, Klaim, Status

    k = Klaim.objects.create(
        judul="Klaim", status=Status.SELESAI, hasil=Hasil.BENAR, penjelasan="p", metode="m", diterbitkan=timezone.now()
    )
    Laporan.objects.create(kode="TUNDA001", teks="x", email="tunda@uji.example", klaim=k)
    call_command("kabari_tertunda", verbosity=0)
    assert [e.rcpt_tos for e in smtp_lokal] == [["tunda@uji.example"]]
    assert Laporan.objects.get(kode="TUNDA001").diberi_tahu is not None
    call_command("kabari_tertunda", verbosity=0)
    assert len(smtp_lokal) == 1  # told once
