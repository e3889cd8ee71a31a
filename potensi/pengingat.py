"""Reminding editors of published items nobody has confirmed for a year: once when the item is marked
"perlu diperbarui", once more a week before it leaves the public catalogue. One e-mail per person, listing
their items; each item's reminder is claimed (a row) before the mail goes, so it is never sent twice."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from akun.models import Peran, User
from jembatan.lib.mail import send
from potensi.models import MASA_TENGGANG, SEBELUM_KELUAR, UMUR_KONFIRMASI, PengingatPotensi, Potensi, TahapPengingat


def penerima(p: Potensi) -> list[str]:
    """Who keeps the item current: its writer, the village's KIM pengurus and its government (the kecamatan
    operator and Diskominfo see the list on their desk, and are not mailed for every village)."""
    qs = User.objects.filter(is_active=True).exclude(email="")
    qs = qs.filter(Q(pk=p.penulis_id) | Q(peran__in=[Peran.PENGURUS, Peran.PEMDES], wilayah_id=p.wilayah_id))
    return sorted(set(qs.values_list("email", flat=True)))


def _dikonfirmasi(p: Potensi) -> datetime:
    assert p.dikonfirmasi_pada is not None, "a published item has been confirmed"
    return p.dikonfirmasi_pada


def keluar_pada(p: Potensi) -> datetime:
    """When a published item leaves the catalogue unless confirmed before."""
    return _dikonfirmasi(p) + UMUR_KONFIRMASI + MASA_TENGGANG


def tahap(p: Potensi, sekarang: datetime) -> str:
    return TahapPengingat.AKAN_KELUAR if sekarang >= keluar_pada(p) - SEBELUM_KELUAR else TahapPengingat.PERLU_DIPERBARUI


def _klaim(p: Potensi, t: str, sekarang: datetime, n: int) -> bool:
    try:
        with transaction.atomic():
            PengingatPotensi.objects.create(
                potensi=p,
                tahap=t,
                dikonfirmasi_pada=_dikonfirmasi(p),
                dikirim_pada=sekarang,
                jumlah_penerima=n,
            )
    except IntegrityError:
        return False
    return True


def ingatkan(sekarang: datetime | None = None) -> int:
    """Mail the editors of the items that went stale and were not reminded at this stage; returns how many
    e-mails went out."""
    sekarang = sekarang or timezone.now()
    basi = (
        Potensi.objects.publik(sekarang)
        .filter(dikonfirmasi_pada__lt=sekarang - UMUR_KONFIRMASI)
        .select_related("wilayah", "jenis")
        .order_by("wilayah_id", "nama")
    )
    per_orang: dict[str, list[tuple[Potensi, str]]] = defaultdict(list)
    for p in basi:
        t = tahap(p, sekarang)
        kepada = penerima(p)
        if kepada and _klaim(p, t, sekarang, len(kepada)):
            for email in kepada:
                per_orang[email].append((p, t))
    tautan = settings.SITE_URL + reverse("potensi:meja")
    for email, items in per_orang.items():
        konteks = {
            "items": [
                {
                    "potensi": p,
                    "akan_keluar": t == TahapPengingat.AKAN_KELUAR,
                    "keluar_pada": timezone.localdate(keluar_pada(p)),
                    "url": settings.SITE_URL + p.get_absolute_url(),
                }
                for p, t in items
            ],
            "tautan": tautan,
        }
        send("potensi_pengingat", [email], konteks)
    return len(per_orang)
