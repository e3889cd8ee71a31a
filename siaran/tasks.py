"""E-mail delivery of siaran, through the one task API (django-tasks).

Each delivery (`Kiriman`) is claimed before its e-mail goes out: one conditional UPDATE moves the
batch's sendable rows to "mengirim" under a fresh token, and the sender reads back only the rows
carrying its token. A second run of the same task, a duplicate task or the retry command finds
those rows claimed or sent and leaves them alone, so no recipient gets the same e-mail twice.
Each row is marked sent right after the mail server accepts it; the only window left for a
duplicate is a crash between that acceptance and the one-row UPDATE that follows it.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import uuid

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from jembatan.lib import speech
from jembatan.lib.mail import send
from siaran.models import UKURAN_BATCH, Kiriman, Siaran, StatusKiriman

logger = logging.getLogger(__name__)

# Errors that mean the mail server itself is unreachable: the rest of the batch fails the same way,
# so it is released at once instead of knocking on a closed door once per recipient.
SERVER_MATI = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPAuthenticationError,
)


@task()
def kirim_surel_siaran(kiriman_ids: list[int]) -> dict:
    """Send one batch of siaran e-mails (the siaran or a reminder), each at most once."""
    return antar(kiriman_ids)


def antrekan(kiriman_ids: list[int]) -> int:
    """Enqueue delivery tasks of UKURAN_BATCH recipients each; returns the number of tasks."""
    n = 0
    for i in range(0, len(kiriman_ids), UKURAN_BATCH):
        kirim_surel_siaran.enqueue(kiriman_ids[i : i + UKURAN_BATCH])
        n += 1
    return n


def antar(kiriman_ids: list[int]) -> dict:
    """Claim the sendable deliveries among `kiriman_ids`, send them, record each outcome."""
    token, now = uuid.uuid4().hex, timezone.now()
    diklaim = (
        Kiriman.objects.filter(pk__in=kiriman_ids)
        .bisa_diklaim(now)
        .update(status=StatusKiriman.MENGIRIM, token=token, diklaim_pada=now, percobaan=F("percobaan") + 1)
    )
    hasil = {"terkirim": 0, "gagal": 0, "dilewati": len(kiriman_ids) - diklaim, "server_mati": False}
    if not diklaim:
        return hasil
    milik = Kiriman.objects.filter(token=token, status=StatusKiriman.MENGIRIM)
    lampiran: dict[int, int] = {}
    for k in milik.select_related("siaran", "penerimaan__kim__wilayah").order_by("pk"):
        if k.siaran_id not in lampiran:
            lampiran[k.siaran_id] = k.siaran.lampiran.count()
        konteks = {
            "siaran": k.siaran,
            "kim": k.penerimaan.kim,
            "link": k.siaran.tautan,
            "putaran": k.putaran,
            "jumlah_lampiran": lampiran[k.siaran_id],
        }
        try:
            send("siaran_pengingat" if k.putaran else "siaran", [k.email], konteks)
        except Exception as e:  # any failure of the mail system leaves the row to be retried
            galat = f"{type(e).__name__}: {e}"[:300]
            if isinstance(e, SERVER_MATI):
                hasil["gagal"] += milik.update(status=StatusKiriman.GAGAL, galat=galat)
                hasil["server_mati"] = True
                logger.warning("siaran: server surel tidak dapat dihubungi (%s); %s kiriman ditunda", galat, hasil["gagal"])
                break
            Kiriman.objects.filter(pk=k.pk, token=token).update(status=StatusKiriman.GAGAL, galat=galat)
            hasil["gagal"] += 1
            continue
        Kiriman.objects.filter(pk=k.pk, token=token).update(status=StatusKiriman.TERKIRIM, terkirim_pada=timezone.now(), galat="")
        hasil["terkirim"] += 1
    return hasil


@task()
def buat_audio_siaran(siaran_id: int) -> bool:
    """Speak a siaran into its audio files (nothing when they already speak its text). True: new audio stored."""
    siaran = Siaran.objects.filter(pk=siaran_id).first()
    if siaran is None:
        return False
    return speech.refresh_or_log(
        siaran, siaran.teks_audio(), folder="siaran/audio", stem=f"siaran-{siaran.pk}", what=f"siaran {siaran_id}"
    )


def antrekan_audio(siaran_id: int) -> bool:
    """Enqueue the audio of a siaran when this server makes audio; else say in the log why not."""
    return speech.enqueue(buat_audio_siaran, siaran_id, what=f"siaran {siaran_id}")
