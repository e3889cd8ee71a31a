"""Background work of the verification desk, through the one task API (django-tasks)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from cekfakta import claimreview, layanan
from cekfakta.models import Klaim, Laporan, PesanMasuk
from cekfakta.saluran import ADAPTER
from jembatan.lib import http, pagecache, speech

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
    """Answer one chat message: the verdict when known, else a tracking code.

    The message is claimed under a row lock and worked out once; the reply is kept, and it counts as
    answered only when the provider accepted it, so a failed send is retried (`jawab_tertunda`)
    without filing the report twice."""
    with transaction.atomic():
        pesan = PesanMasuk.objects.select_for_update(skip_locked=True).filter(pk=pesan_id, diproses__isnull=True).first()
        if pesan is not None:
            laporan, balasan = _kerjakan(pesan)
            PesanMasuk.objects.filter(pk=pesan.pk).update(diproses=timezone.now(), laporan=laporan, balasan=balasan)
    return kirim_balasan(pesan_id)


def _kerjakan(pesan: PesanMasuk):
    adapter = ADAPTER[pesan.saluran]
    gambar = None
    if pesan.jenis == "image" and pesan.media_id:
        try:
            gambar = adapter.unduh(pesan.media_id)
        except (http.FetchError, KeyError, ValueError, TypeError):
            gambar = None  # answered below as an image we could not read
    if pesan.jenis not in ("text", "image"):
        return None, TIDAK_DIDUKUNG
    if not pesan.teks.strip() and not gambar:
        return None, GAMBAR_TANPA_TEKS if pesan.jenis == "image" else TIDAK_DIDUKUNG
    # A number answering a "mungkin" question asked on this chat is not a new message to check.
    terbuka = layanan.pertanyaan_terbuka(pesan.saluran, pesan.pengirim) if pesan.jenis == "text" else None
    if terbuka is not None and (balasan := layanan.jawab_pilihan(terbuka, pesan.teks)) is not None:
        return terbuka, balasan
    try:
        jawaban = layanan.periksa(pesan.teks, saluran=pesan.saluran, kontak=pesan.pengirim, gambar=gambar)
    except layanan.PesanDitolak as e:
        return None, str(e)
    return jawaban.laporan, layanan.teks_balasan(jawaban)


def kirim_balasan(pesan_id: int) -> str:
    """Send a worked-out reply that the provider has not accepted yet."""
    pesan = (
        PesanMasuk.objects.select_related("laporan")
        .filter(pk=pesan_id, diproses__isnull=False, dijawab__isnull=True)
        .exclude(balasan="")
        .first()
    )
    if pesan is None or not pesan.pengirim:
        return "sudah"
    laporan = pesan.laporan
    # The reply that asked a "mungkin" question offers its answers as buttons where the channel has them.
    bertanya = laporan is not None and laporan.menunggu_pilihan and pesan.balasan.startswith(layanan.AWAL_PERTANYAAN)
    pilihan = [str(i) for i in range(1, len(laporan.usulan) + 1)] + ["Bukan"] if bertanya and laporan else None
    try:
        ADAPTER[pesan.saluran].balas(pesan.pengirim, pesan.balasan, pilihan)
    except http.FetchError:
        return "gagal, dicoba lagi nanti"
    PesanMasuk.objects.filter(pk=pesan.pk).update(dijawab=timezone.now())
    return "dijawab"


@task()
def kabari_pelapor(laporan_id: int) -> str:
    """Tell a chat reporter that the verdict on their report is out, or that the desk closed it as "bukan klaim",
    on the channel they used."""
    laporan = Laporan.objects.select_related("klaim").filter(pk=laporan_id).first()
    if laporan is None or not laporan.kontak_saluran or laporan.saluran not in ADAPTER or not laporan.klaim:
        return "lewati"
    adapter = ADAPTER[laporan.saluran]
    if laporan.klaim.is_terbit:
        teks = layanan.teks_putusan(laporan.klaim, laporan.kode)
    elif laporan.klaim.is_bukan_klaim:
        teks = layanan.teks_bukan_klaim(laporan.kode)
    else:
        return "lewati"
    di_luar_jendela = adapter.jendela_bebas and laporan.dibuat < timezone.now() - adapter.jendela_bebas
    if di_luar_jendela and not laporan.klaim.is_terbit:
        # The approved template is a verdict's: a closing is not dressed as one. The tracking page says it.
        return "lewati: di luar jendela balasan"
    try:
        if di_luar_jendela:
            # Past the provider's free-reply window only an approved template may be sent.
            if not adapter.kabar_templat(laporan.kontak_saluran, laporan.klaim.label, laporan.klaim.judul, laporan.kode):
                return "lewati: di luar jendela balasan dan templat belum diatur"
        else:
            adapter.balas(laporan.kontak_saluran, teks)
    except http.FetchError:
        return "gagal"
    return "dikabari"


@task()
def kabari_klaim(klaim_id: int) -> int:
    """After a verdict is published (or reports are merged into one): tell its reporters."""
    return layanan.beri_tahu(klaim_id)


@task()
def buat_audio_putusan(klaim_id: int) -> bool:
    """Speak a published verdict into its public audio files (nothing when they already speak it)."""
    klaim = Klaim.objects.terbit().filter(pk=klaim_id).first()
    if klaim is None:
        return False
    baru = speech.refresh_or_log(
        klaim, klaim.teks_audio(), folder="publik/cekfakta/audio", stem=f"putusan-{klaim.pk}", what=f"putusan {klaim_id}"
    )
    if baru:  # the cached verdict page gets its player
        pagecache.invalidate()
    return baru


def antrekan_audio(klaim_id: int) -> bool:
    """Enqueue the audio of a verdict when this server makes audio; else say in the log why not."""
    return speech.enqueue(buat_audio_putusan, klaim_id, what=f"putusan {klaim_id}")


@task()
def impor_bagian(bagian_id: int) -> str:
    """Store one part of a ClaimReview file uploaded in the admin (`claimreview.kerjakan_bagian`)."""
    return claimreview.kerjakan_bagian(bagian_id)
