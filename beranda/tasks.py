"""Background work of the pages above the modules, through the one task API (django-tasks)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from beranda import mading
from jembatan.lib import speech
from wilayah.models import Wilayah

logger = logging.getLogger(__name__)


@task()
def buat_audio_mading(kode: str, minggu: str) -> bool:
    """Speak one week's mading of one area into its audio files (nothing when they exist already)."""
    wilayah = Wilayah.objects.filter(kode=kode).first()
    if wilayah is None:
        return False
    try:
        return mading.buat_audio(mading.pekan(wilayah, mading.senin_dari(minggu, timezone.localdate())))
    except speech.SpeechUnavailable as e:
        logger.warning("mading %s %s: tidak ada versi audio: %s", kode, minggu, e)
        return False
