"""Importing published verdicts from schema.org ClaimReview JSON, as fact-checkers publish them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, time

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


def _tanggal(value) -> datetime | None:
    if not value:
        return None
    value = str(value).strip()
    # A bare date is taken as midday local time, so it stays the same day in every time zone.
    d = parse_date(value) if len(value) == 10 else None
    dt = datetime.combine(d, time(12)) if d else parse_datetime(value)
    if dt is not None and timezone.is_naive(dt):
        dt = timezone.make_aware(dt)
    return dt


def _daftar(data) -> list[dict]:
    if isinstance(data, dict) and "dataFeedElement" in data:
        items = []
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
            klaim = (item.get("claimReviewed") or "").strip()
            url = (item.get("url") or "").strip()
            if not klaim:
                raise ClaimReviewError(f"butir ke-{i}: claimReviewed kosong")
            if url and Klaim.objects.filter(sumber_url=url).exists():
                dilewati += 1
                continue
            rating = item.get("reviewRating") or {}
            hasil, jenis = hasil_dari_rating(rating.get("alternateName", ""))
            terbit = _tanggal(item.get("datePublished")) or timezone.now()
            reviewed = item.get("itemReviewed") or {}
            author = item.get("author") or {}
            judul_ulasan = (item.get("name") or item.get("headline") or "").strip()
            k = Klaim.objects.create(
                judul=klaim[:300], teks_contoh="\n".join(filter(None, [judul_ulasan, klaim])),
                status=Status.SELESAI, hasil=hasil, jenis_salah=jenis,
                penjelasan=judul_ulasan or klaim, metode=f"Diperiksa oleh {author.get('name') or sumber_bawaan or 'pemeriksa fakta'}; lihat tautan sumber.",
                pertama_dilihat=_tanggal(reviewed.get("datePublished")) or terbit, terakhir_dilihat=terbit,
                diterbitkan=terbit, sumber_nama=(author.get("name") or sumber_bawaan)[:150], sumber_url=url[:500],
            )  # fmt: skip
            if url:
                Referensi.objects.create(klaim=k, judul=judul_ulasan[:300] or url[:300], url=url[:500])
            dibuat += 1
    return HasilImpor(dibuat=dibuat, dilewati=dilewati)
