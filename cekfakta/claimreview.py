"""Importing published verdicts from schema.org ClaimReview JSON, as fact-checkers publish them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from cekfakta import makna
from cekfakta.models import Hasil, JenisSalah, Klaim, Referensi, Status, penjelasan_impor
from jembatan.lib.text import storable

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
    """The file as a whole cannot be imported (nothing is)."""


class ButirDitolak(Exception):
    """One item cannot be imported as it is: it is skipped and the report says why."""


@dataclass
class HasilImpor:
    dibuat: int
    dilewati: int  # already imported before
    ditolak: list[str] = field(default_factory=list)  # one line per refused item: which one, and why

    def ringkasan(self) -> str:
        teks = f"{self.dibuat} putusan diimpor, {self.dilewati} sudah ada"
        return teks + (f", {len(self.ditolak)} ditolak:" if self.ditolak else ".")


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
    """A field that should be text: anything else (a list, a number, an object) counts as empty. NUL (refused
    by PostgreSQL) is dropped and a lone surrogate (which no database can encode) becomes U+FFFD."""
    if not isinstance(value, str):
        return ""
    return storable(value).strip()


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


# Fact-checking sites go back to the 1990s; a date before that, or after tomorrow, is a typo or a trick (a
# verdict dated 2099 would stay first on /cek-fakta/ for ever). Tomorrow, because a checker east of us may
# already live in it.
TANGGAL_AWAL = date(1990, 1, 1)


def _tanggal(value, nama: str) -> datetime | None:
    """A schema.org date or date-time (absent: None); ButirDitolak when it is unreadable or impossible."""
    teks = _teks(value)
    if not teks:
        return None
    # A bare date is taken as midday local time, so it stays the same day in every time zone.
    try:
        d = parse_date(teks) if len(teks) == 10 else None
        dt = datetime.combine(d, time(12)) if d else parse_datetime(teks)
        if dt is None:
            raise ValueError
        if timezone.is_naive(dt):
            dt = timezone.make_aware(dt)
        hari = timezone.localdate(dt)
    except ValueError:
        raise ButirDitolak(f"{nama} {teks[:40]} tidak terbaca (tulis tanggal ISO 8601, mis. 2024-05-01)")
    except OverflowError:  # a time zone offset pushes it past year 1 or 9999
        raise ButirDitolak(f"{nama} {teks[:40]} di luar rentang tanggal")
    if hari < TANGGAL_AWAL:
        raise ButirDitolak(f"{nama} {teks[:40]} sebelum {TANGGAL_AWAL.year}")
    if hari > timezone.localdate() + timedelta(days=1):
        raise ButirDitolak(f"{nama} {teks[:40]} di masa depan")
    return dt


def _daftar(data) -> list[dict]:
    if isinstance(data, dict) and "dataFeedElement" in data:
        if not isinstance(data["dataFeedElement"], list):
            raise ClaimReviewError("dataFeedElement harus berupa larik (daftar) butir")
        items: list[Any] = []
        for el in data["dataFeedElement"]:
            if isinstance(el, dict):
                items.extend(el["item"] if isinstance(el.get("item"), list) else [el.get("item", el)])
        data = items
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ClaimReviewError("harus berupa larik ClaimReview atau DataFeed dengan dataFeedElement")
    return [d for d in data if isinstance(d, dict) and d.get("@type") == "ClaimReview"]


def impor(raw: bytes | str, *, sumber_bawaan: str = "") -> HasilImpor:
    """Create published verdicts from ClaimReview items; items whose URL is already known are skipped, and so
    are items with an impossible date (listed in `HasilImpor.ditolak`). A file that is not JSON, not a list of
    ClaimReview or a DataFeed, or that has an item without a claim, imports nothing (ClaimReviewError)."""
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise ClaimReviewError(f"bukan JSON yang sah: {e}") from None
    except RecursionError:
        raise ClaimReviewError("bukan JSON yang sah: bersarang terlalu dalam") from None
    items = _daftar(data)
    dibuat = dilewati = 0
    ditolak: list[str] = []
    baru: list[int] = []
    with transaction.atomic(), makna.tunda_vektor():
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
            reviewed = _objek(item.get("itemReviewed"))
            try:
                terbit = _tanggal(item.get("datePublished"), "datePublished") or timezone.now()
                pertama = _tanggal(reviewed.get("datePublished"), "itemReviewed.datePublished") or terbit
            except ButirDitolak as e:
                ditolak.append(f"butir ke-{i}{f' ({url})' if url else ''}: {e}")
                continue
            author = _objek(item.get("author"))
            judul_ulasan = _teks(item.get("name")) or _teks(item.get("headline"))
            sumber = (_teks(author.get("name")) or sumber_bawaan)[:150]
            k = Klaim.objects.create(
                judul=klaim[:300],
                teks_contoh="\n".join(filter(None, [judul_ulasan, klaim])),
                status=Status.SELESAI,
                hasil=hasil,
                jenis_salah=jenis,
                # The source's headline is the title of the reference below, not our explanation.
                penjelasan=penjelasan_impor(sumber, url[:500]),
                metode=f"Diperiksa oleh {sumber or 'pemeriksa fakta'}; lihat tautan sumber.",
                pertama_dilihat=pertama,
                terakhir_dilihat=terbit,
                diterbitkan=terbit,
                sumber_nama=sumber,
                sumber_url=url[:500],
                diimpor=True,
            )
            if url:
                Referensi.objects.create(klaim=k, judul=judul_ulasan[:300] or url[:300], url=url[:500])
            baru.append(k.pk)
            dibuat += 1
        # In batches, inside the same transaction: an imported verdict is never findable without its meaning.
        Klaim.objects.filter(pk__in=baru).isi_vektor()
    return HasilImpor(dibuat=dibuat, dilewati=dilewati, ditolak=ditolak)
