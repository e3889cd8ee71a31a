"""Importing published verdicts from schema.org ClaimReview JSON, as fact-checkers publish them."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from akun.audit import catat
from cekfakta import makna
from cekfakta.models import (
    AksiCekFakta,
    BagianImpor,
    Hasil,
    ImporClaimReview,
    JenisSalah,
    Klaim,
    Referensi,
    Status,
    penjelasan_impor,
)
from jembatan.lib.health import check_queue
from jembatan.lib.pagecache import invalidate
from jembatan.lib.text import storable

logger = logging.getLogger(__name__)

# The PostgreSQL advisory lock taken while imported verdicts are written (any number: it names this lock only).
KUNCI_TULIS = 63_05_0001

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


def baca(raw: bytes | str) -> list[tuple[int, dict]]:
    """The ClaimReview items of a whole file, numbered as the report names them. ClaimReviewError when the file
    is not JSON, not a list of ClaimReview or a DataFeed, or has an item without a claim: nothing is imported."""
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise ClaimReviewError(f"bukan JSON yang sah: {e}") from None
    except RecursionError:
        raise ClaimReviewError("bukan JSON yang sah: bersarang terlalu dalam") from None
    butir = list(enumerate(_daftar(data), 1))
    for i, item in butir:
        if not _teks(item.get("claimReviewed")):
            raise ClaimReviewError(f"butir ke-{i}: claimReviewed kosong")
    return butir


@dataclass
class Siap:
    """Items read and checked, with their meaning vectors computed, ready to be written (`tulis_butir`)."""

    butir: list[tuple[str, str, dict[str, Any], str, np.ndarray]]  # (url, review headline, fields, text, vector)
    dilewati: int
    ditolak: list[str]


def siapkan_butir(butir: list[tuple[int, dict]], *, sumber_bawaan: str = "") -> Siap:
    """Read the items and compute their vectors, outside any transaction: tens of milliseconds each, and the
    database is not held meanwhile (SQLite has one writer at a time)."""
    dilewati = 0
    ditolak: list[str] = []
    siap: list[tuple[str, str, dict[str, Any]]] = []  # (url, the review's headline, the claim's fields)
    for i, item in butir:
        klaim = _teks(item.get("claimReviewed"))
        url = _url(item.get("url"))
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
        siap.append(
            (
                url,
                judul_ulasan,
                {
                    "judul": klaim[:300],
                    "teks_contoh": "\n".join(filter(None, [judul_ulasan, klaim])),
                    "status": Status.SELESAI,
                    "hasil": hasil,
                    "jenis_salah": jenis,
                    # The source's headline is the title of the reference below, not our explanation.
                    "penjelasan": penjelasan_impor(sumber, url[:500]),
                    "metode": f"Diperiksa oleh {sumber or 'pemeriksa fakta'}; lihat tautan sumber.",
                    "pertama_dilihat": pertama,
                    "terakhir_dilihat": terbit,
                    "diterbitkan": terbit,
                    "sumber_nama": sumber,
                    "sumber_url": url[:500],
                    "diimpor": True,
                },
            )
        )
    # No vector for an item imported before.
    url_siap = [u for u, _, _ in siap if u]
    dikenal: set[str] = set()
    for a in range(0, len(url_siap), 500):
        dikenal.update(Klaim.objects.filter(sumber_url__in=url_siap[a : a + 500]).values_list("sumber_url", flat=True))
    dilewati += sum(1 for u, _, _ in siap if u in dikenal)
    siap = [s for s in siap if s[0] not in dikenal]
    teks = [makna.teks_klaim(f["judul"], f["teks_contoh"]) for _, _, f in siap]
    vektor = makna.vektor(teks)
    return Siap(
        butir=[(u, j, f, t, v) for (u, j, f), t, v in zip(siap, teks, vektor, strict=True)],
        dilewati=dilewati,
        ditolak=ditolak,
    )


def tulis_butir(siap: Siap) -> HasilImpor:
    """Write prepared verdicts with their vectors, in one short transaction: a verdict is never findable without
    its meaning. A few statements for a whole part (the URLs already stored, the verdicts, their references:
    three on PostgreSQL, a few more on SQLite, which caps the parameters of one statement) rather than three per
    verdict; the cached public pages are retired once, after the commit."""
    dilewati = siap.dilewati
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One import writes at a time (each for well under a second), so two imports of one URL side by side
            # do not both find it missing; SQLite's transactions already take the one write lock at their start.
            with connection.cursor() as c:
                c.execute("SELECT pg_advisory_xact_lock(%s)", [KUNCI_TULIS])
        url_butir = [url for url, *_ in siap.butir if url]
        ada = set(Klaim.objects.filter(sumber_url__in=url_butir).values_list("sumber_url", flat=True))
        klaim: list[Klaim] = []
        referensi: list[tuple[Klaim, str, str]] = []
        for url, judul_ulasan, f, t, v in siap.butir:
            # the same URL twice in the file, or stored meanwhile by another import
            if url and url in ada:
                dilewati += 1
                continue
            ada.add(url)
            k = Klaim(**f, vektor=makna.ke_bytes(v), vektor_dari=makna.jejak(t))
            k.isi_tenggat()
            klaim.append(k)
            if url:
                referensi.append((k, judul_ulasan[:300] or url[:300], url[:500]))
        Klaim.objects.bulk_create(klaim, batch_size=500)
        Referensi.objects.bulk_create([Referensi(klaim=k, judul=j, url=u) for k, j, u in referensi], batch_size=500)
        if klaim:
            transaction.on_commit(invalidate)  # bulk_create sends no post_save (cekfakta.signals)
    return HasilImpor(dibuat=len(klaim), dilewati=dilewati, ditolak=siap.ditolak)


# Items per background part: about 3 s of meaning vectors at 10–13 ms each, far inside a task's time limit (RQ's
# 300 s) and the matcher's five-minute look-back for rows committed late (`layanan._IndeksProses.JENDELA`); small
# enough that two workers share even a file of a few thousand evenly, and that the import's page shows progress.
UKURAN_BAGIAN = 250


def bagi(butir: list[tuple[int, dict]]) -> list[list[tuple[int, dict]]]:
    """The items in parts of at most UKURAN_BAGIAN, in their order in the file; items with the same URL go to the
    same part, so the first of them that can be imported is, whichever part runs first."""
    kelompok: dict[str, list[tuple[int, dict]]] = {}
    for i, item in butir:
        kelompok.setdefault(_url(item.get("url")) or f"#{i}", []).append((i, item))
    bagian: list[list[tuple[int, dict]]] = []
    for sekelompok in kelompok.values():  # a group is never split between two parts
        if not bagian or len(bagian[-1]) + len(sekelompok) > UKURAN_BAGIAN:
            bagian.append([])
        bagian[-1].extend(sekelompok)
    return bagian


def impor(raw: bytes | str, *, sumber_bawaan: str = "") -> HasilImpor:
    """Read and check a whole file (ClaimReviewError: nothing is stored), then store it here, in this process, a
    part at a time (`manage.py import_claimreview`); an interrupted run is run again and skips what it stored."""
    total = HasilImpor(dibuat=0, dilewati=0)
    for isi in bagi(baca(raw)):
        hasil = tulis_butir(siapkan_butir(isi, sumber_bawaan=sumber_bawaan))
        total.dibuat += hasil.dibuat
        total.dilewati += hasil.dilewati
        total.ditolak += hasil.ditolak
    return total


def antrekan(raw: bytes | str, *, nama_berkas: str, sumber_bawaan: str = "", oleh: Any = None) -> ImporClaimReview:
    """Read and check a whole file now (ClaimReviewError: nothing is stored), then leave its parts (`bagi`) to
    the background workers."""
    butir = baca(raw)
    with transaction.atomic():
        unggahan = ImporClaimReview.objects.create(
            nama_berkas=nama_berkas[:255], sumber=sumber_bawaan[:150], jumlah_butir=len(butir), oleh=oleh
        )
        bagian = BagianImpor.objects.bulk_create(
            BagianImpor(impor=unggahan, nomor=n, jumlah=len(isi), butir=isi) for n, isi in enumerate(bagi(butir), 1)
        )
        if oleh is not None:
            catat(
                oleh, AksiCekFakta.IMPOR_CLAIMREVIEW, unggahan, f"Impor ClaimReview: {unggahan.nama_berkas}, {len(butir)} butir"
            )
        if not bagian:
            unggahan.rangkum()
        ids = [b.pk for b in bagian]
        transaction.on_commit(lambda: _kirim_bagian(unggahan.pk, ids))
    return unggahan


def _kirim_bagian(impor_id: int, ids: list[int]) -> int:
    """Queue these parts of an import; returns how many the queue took. The first it refuses marks the import
    (`ImporClaimReview.antrean_menolak`) and stops."""
    # Imported here: cekfakta.tasks imports this module.
    from cekfakta.tasks import impor_bagian

    for n, pk in enumerate(ids):
        try:
            impor_bagian.enqueue(pk)
        except Exception as e:  # the queue refused (a locked database, Redis gone): the page says so
            logger.exception("impor ClaimReview %s: bagian tidak dapat diantrekan", impor_id)
            ImporClaimReview.antrean_menolak(impor_id, e)
            return n
    return len(ids)


def antrekan_lagi(impor: ImporClaimReview, *, oleh: Any) -> int:
    """Queue again the parts of `impor` that did not finish; returns how many (DomainError when it is done)."""
    ids = impor.lanjutkan(oleh=oleh)
    transaction.on_commit(lambda: _kirim_bagian(impor.pk, ids))
    return len(ids)


def kerjakan_bagian(bagian_id: int) -> str:
    """Store one part, once: the part is claimed under a row lock and marked done in the same transaction as
    its verdicts. A part that fails is rolled back whole and the import says so (`antrekan_lagi` runs it again)."""
    bagian = BagianImpor.objects.filter(pk=bagian_id, selesai=False).select_related("impor").first()
    if bagian is None:
        return "lewati"
    bagian.impor.mulai()
    try:
        # The vectors first, with nothing locked; a copy delivered twice computes them twice and writes once.
        siap = siapkan_butir([(i, item) for i, item in bagian.butir], sumber_bawaan=bagian.impor.sumber)
        with transaction.atomic():
            dikunci = BagianImpor.objects.select_for_update(skip_locked=True).filter(pk=bagian_id, selesai=False)
            if dikunci.values_list("pk", flat=True).first() is None:
                return "lewati"
            hasil = tulis_butir(siap)
            bagian.tandai_selesai(hasil.dibuat, hasil.dilewati, hasil.ditolak)
            ImporClaimReview.objects.select_for_update().get(pk=bagian.impor_id).rangkum()
    except Exception as e:
        logger.exception("impor ClaimReview %s, bagian %s gagal", bagian.impor_id, bagian.nomor)
        bagian.catat_gagal(f"Bagian {bagian.nomor}: {type(e).__name__}: {e}")
        return "gagal"
    return "selesai"


@dataclass
class Lanjutan:
    """What one run of `lanjutkan_yang_macet` did."""

    antrean: int = 0  # tasks waiting in the queue (when any, nothing was continued)
    dilanjutkan: int = 0  # imports whose parts were queued again
    bagian: int = 0  # parts queued again
    dihentikan: int = 0  # imports failed after LANJUT_OTOMATIS_MAKS tries
    ditolak: int = 0  # imports whose parts the task queue refused again (tried again on the next run)
    galat: int = 0  # imports that could not be handled this time (logged; tried again on the next run)


def lanjutkan_yang_macet() -> Lanjutan:
    """The periodic job (`manage.py lanjutkan_impor_macet`). When the task queue holds no waiting task, the parts
    of a running import that stored nothing for MACET_SETELAH were lost with their worker (killed mid-part), and
    those of an import the queue refused (it was down) were never queued: they are queued again, or the import
    fails once that was done LANJUT_OTOMATIS_MAKS times in a row. While tasks wait, nothing is done: the parts
    may be among them, and a copy queued behind would only run twice. A queue that cannot be reached raises
    (the command fails, and its timer's log says so)."""
    hasil = Lanjutan(antrean=check_queue()["waiting"])
    if hasil.antrean:
        return hasil
    for impor in (ImporClaimReview.objects.macet() | ImporClaimReview.objects.ditolak_antrean()).order_by("pk"):
        try:
            ids, dihentikan = impor.lanjutkan_otomatis()
            diantrekan = _kirim_bagian(impor.pk, ids) if ids else 0
        except Exception:  # one import's trouble (a locked database) does not hold up the others
            logger.exception("impor ClaimReview %s tidak dapat dilanjutkan otomatis", impor.pk)
            hasil.galat += 1
            continue
        if diantrekan < len(ids):
            hasil.ditolak += 1  # the queue refused it again (`antrean_menolak`): the next run tries again
        elif ids:
            hasil.dilanjutkan, hasil.bagian = hasil.dilanjutkan + 1, hasil.bagian + diantrekan
        hasil.dihentikan += dihentikan
    return hasil
