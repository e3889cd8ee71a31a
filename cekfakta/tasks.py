"""Background work of the verification desk, through the one task API (django-tasks)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from cekfakta import layanan
from cekfakta.models import Laporan, PesanMasuk
from cekfakta.saluran import ADAPTER
from jembatan.lib import http

TIDAK_DIDUKUNG = (
    "Maaf, pesan jenis ini belum dapat kami periksa. Kirimkan teks pesannya, atau gambar tangkapan layar "
    "dengan teksnya sebagai keterangan (caption)."
)
GAMBAR_TANPA_TEKS = (
    "Terima kasih. Gambarnya tidak dapat kami baca; kirim ulang dengan teks pesan sebagai keterangan (caption), "
    "atau salin teks pesannya."
)


@task()
def proses_pesan(pesan_id: int) -> str:
    """Answer one chat message: the verdict when known, else a tracking code. Runs once per message."""
    pesan = PesanMasuk.objects.filter(pk=pesan_id, diproses__isnull=True).first()
    if pesan is None:
        return "sudah"
    adapter = ADAPTER[pesan.saluran]
    laporan = None
    gambar = None
    if pesan.jenis == "image" and pesan.media_id:
        try:
            gambar = adapter.unduh(pesan.media_id)
        except (http.HttpGagal, KeyError, ValueError, TypeError):
            gambar = None  # answered below as an image we could not read
    if pesan.jenis not in ("text", "image"):
        balasan = TIDAK_DIDUKUNG
    elif not pesan.teks.strip() and not gambar:
        balasan = GAMBAR_TANPA_TEKS if pesan.jenis == "image" else TIDAK_DIDUKUNG
    else:
        try:
            jawaban = layanan.periksa(pesan.teks, saluran=pesan.saluran, kontak=pesan.pengirim, gambar=gambar)
        except layanan.PesanDitolak as e:
            balasan = str(e)
        else:
            laporan, balasan = jawaban.laporan, layanan.teks_balasan(jawaban)
    PesanMasuk.objects.filter(pk=pesan.pk).update(diproses=timezone.now(), laporan=laporan)
    adapter.balas(pesan.pengirim, balasan)
    return "dijawab"


@task()
def kabari_pelapor(laporan_id: int) -> str:
    """Tell a chat reporter that the verdict on their report is out, on the channel they used."""
    laporan = Laporan.objects.select_related("klaim").filter(pk=laporan_id).first()
    if laporan is None or not laporan.kontak_saluran or laporan.saluran not in ADAPTER or not laporan.klaim:
        return "lewati"
    ADAPTER[laporan.saluran].balas(laporan.kontak_saluran, layanan.teks_putusan(laporan.klaim, laporan.kode))
    return "dikabari"
