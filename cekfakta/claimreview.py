"""Importing published verdicts from schema.org ClaimReview JSON, as fact-checkers publish them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from cekfakta.models import Hasil, JenisSalah, Klaim, Referensi, Status

# Words in a rating's alternateName, most specific first.
_JENIS = [
    (r"satire|parodi", JenisSalah.SATIRE),
    (r"menyesatkan|misleading", JenisSalah.MENYESATKAN),
    (r"tiruan|impostor|catut", JenisSalah.TIRUAN),
    (r"manipula", JenisSalah.MANIPULASI),
    (r"konteks|context", JenisSalah.KONTEKS),
    (r"koneksi|false connection", JenisSalah.KONEKSI),
    (r"palsu|fabricated|hoaks|hoax|disinformasi|false|salah|keliru|bohong", JenisSalah.PALSU),
]
_BENAR = r"^(benar|fakta|true|correct|akurat)\b"
_TIDAK_DAPAT = r"tidak dapat|belum terbukti|unproven|unverified|tidak terverifikasi"


class ClaimReviewError(Exception):
    pass


@dataclass
class HasilImpor:
    dibuat: int
    dilewati: int


def hasil_dari_rating(nama: str) -> tuple[str, str]:
    """(hasil, jenis_salah) read from a rating label like "Salah — Konten palsu", "Hoaks", "Benar"."""
    teks = (nama or "").strip().lower()
    if re.search(_BENAR, teks):
        return Hasil.BENAR, ""
    if re.search(_TIDAK_DAPAT, teks):
        return Hasil.TIDAK_DAPAT, ""
    for pola, jenis in _JENIS:
        if re.search(pola, teks):
            return Hasil.SALAH, jenis
    return Hasil.TIDAK_DAPAT, ""


def _teks(value) -> str:
    """A field that should be text: anything else (a list, a number, an object) counts as empty."""
    return value.strip() if isinstance(value, str) else ""


def _url(value) -> str:
    """An http(s) URL or "": a third party's file must not put javascript: links on our pages."""
    url = _teks(value)[:500]
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url


def _objek(value) -> dict:
    if isinstance(value, list):
        value = value[0] if value else {}
    return value if isinstance(value, dict) else {}


def _tanggal(value) -> datetime | None:
    value = _teks(value)
    if not value:
        return None
    # A bare date is taken as midday local time, so it stays the same day in every time zone.
    try:
        d = parse_date(value) if len(value) == 10 else None
        dt = datetime.combine(d, time(12)) if d else parse_datetime(value)
    except ValueError:
        return None
    if dt is not None and timezone.is_naive(dt):
        dt = timezone.make_aware(dt)
    return dt


def _daftar(data) -> list[dict]:
    if isinstance(data, dict) and "dataFeedElement" in data:
        items: list[Any] = []
        for el in data["dataFeedElement"]:
            items.extend(el.get("item") if isinstance(el.get("item"), list) else [el.get("item", el)])
        data = items
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ClaimReviewError("harus berupa larik ClaimReview atau DataFeed dengan dataFeedElement")
    return [d for d in data if isinstance(d, dict) and d.get("@type") == "ClaimReview"]


def impor(raw: bytes | str, *, sumber_bawaan: str = "") -> HasilImpor:
    """Create published verdicts from ClaimReview items; items whose URL is already known are skipped."""
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise ClaimReviewError(f"bukan JSON yang sah: {e}") from None
    items = _daftar(data)
    dibuat = dilewati = 0
    with transaction.atomic():
        for i, item in enumerate(items, 1):
            klaim = _teks(item.get("claimReviewed"))
            url = _url(item.get("url"))
            if not klaim:
                raise ClaimReviewError(f"butir ke-{i}: claimReviewed kosong")
            if url and Klaim.objects.filter(sumber_url=url).exists():
                dilewati += 1
                continue
            rating = _objek(item.get("reviewRating"))
            hasil, jenis = hasil_dari_rating(_teks(rating.get("alternateName")))
            terbit = _tanggal(item.get("datePublished")) or timezone.now()
            reviewed = _objek(item.get("itemReviewed"))
            author = _objek(item.get("author"))
            judul_ulasan = _teks(item.get("name")) or _teks(item.get("headline"))
            k = Klaim.objects.create(
                judul=klaim[:300],
                teks_contoh="\n".join(filter(None, [judul_ulasan, klaim])),
                status=Status.SELESAI,
                hasil=hasil,
                jenis_salah=jenis,
                penjelasan=judul_ulasan or klaim,
                metode=f"Diperiksa oleh {_teks(author.get('name')) or sumber_bawaan or 'pemeriksa fakta'}; lihat tautan sumber.",
                pertama_dilihat=_tanggal(reviewed.get("datePublished")) or terbit,
                terakhir_dilihat=terbit,
                diterbitkan=terbit,
                sumber_nama=(_teks(author.get("name")) or sumber_bawaan)[:150],
                sumber_url=url[:500],
            )
            if url:
                Referensi.objects.create(klaim=k, judul=judul_ulasan[:300] or url[:300], url=url[:500])
            dibuat += 1
    return HasilImpor(dibuat=dibuat, dilewati=dilewati)
