"""Reminding the pengurus of dormant KIM: no activity reported for JEMBATAN_KIM_TIDUR_HARI days."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from akun.models import Peran, User
from jembatan.lib.mail import send
from kim.models import Jabatan, Kim, Pengurus
from penilaian.models import JEDA_PENGINGAT, PengingatTidur
from penilaian.skor import kim_tidur


def penerima(kim: Kim, hari_ini: date) -> list[str]:
    """The e-mail addresses of the KIM's pengurus: pengurus accounts of its region, and the accounts linked to
    its serving board (not plain members)."""
    dewan = Pengurus.objects.menjabat(hari_ini).filter(kim=kim).exclude(jabatan=Jabatan.ANGGOTA).values("user_id")
    qs = User.objects.filter(is_active=True).filter(Q(peran=Peran.PENGURUS, wilayah_id=kim.wilayah_id) | Q(pk__in=dewan))
    return sorted(set(qs.exclude(email="").values_list("email", flat=True)))


def ingatkan(sekarang=None) -> int:
    """Mail each dormant KIM's pengurus, unless they were reminded within JEDA_PENGINGAT; returns how many
    KIM were reminded."""
    sekarang = sekarang or timezone.now()
    hari_ini = timezone.localdate(sekarang)
    baru_diingatkan = PengingatTidur.objects.filter(dikirim_pada__gt=sekarang - JEDA_PENGINGAT).values("kim_id")
    n = 0
    for kim in kim_tidur(hari_ini).select_related("wilayah").exclude(pk__in=baru_diingatkan):
        kepada = penerima(kim, hari_ini)
        if not kepada:
            continue
        konteks = {
            "kim": kim,
            "terakhir": kim.terakhir,  # type: ignore[attr-defined]
            "hari": settings.JEMBATAN_KIM_TIDUR_HARI,
            "link": settings.SITE_URL + reverse("penilaian:lapor"),
        }
        send("kim_tidur", kepada, konteks)
        PengingatTidur.objects.create(
            kim=kim,
            dikirim_pada=sekarang,
            kegiatan_terakhir=kim.terakhir,
            jumlah_penerima=len(kepada),  # type: ignore[attr-defined]
        )
        n += 1
    return n
