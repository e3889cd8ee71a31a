"""The verification desk's work that is not a change of an existing claim, shared by the web form, the API
and the chat webhooks.

Changes to an existing claim or report are model methods (`Klaim.ubah_putusan`, `Klaim.terbitkan`,
`Klaim.gabungkan_ke`, `Laporan.pisahkan`). Here: `periksa()` answers a forwarded message, with a published
verdict when the matcher is sure enough, else by filing the report under the claim it belongs to (or a
new one) with a tracking code; `cocokkan()` and `cocokkan_gambar()` find the claims a text or a screenshot
is like; `beri_tahu()` tells a claim's reporters that its verdict is out (the task publishing queues);
`teks_putusan()` and `teks_balasan()` are the chat texts. The matcher's index lives in each server process
and follows the database: every call first asks whether any claim changed since the index was last
brought up to date.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cekfakta import makna
from cekfakta.models import Klaim, Laporan, Saluran, Status, Tingkat
from cekfakta.pencocok import AMBANG_MUNGKIN, AMBANG_SAMA, Indeks, memperingatkan
from jembatan.lib import mail
from jembatan.lib.domain import DomainError
from jembatan.lib.perceptual import dhash, distance
from jembatan.lib.text import default_lexicon
from jembatan.lib.uploads import EXTENSION, check_pixels, sniff_type, strip_metadata

log = logging.getLogger(__name__)

KODE_HURUF = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed on phones


class PesanDitolak(Exception):
    """The message cannot be checked; the text says why, politely."""


@dataclass
class Kandidat:
    klaim: Klaim
    skor: float
    mengingkari: bool = False  # the message states the claim's own words are not so (pencocok.Hasil.mengingkari)


@dataclass
class Jawaban:
    laporan: Laporan
    klaim: Klaim | None  # the published verdict when the answer is "sama", else None
    skor: float
    kandidat: list[Kandidat] = field(default_factory=list)
    usulan: list[Kandidat] = field(default_factory=list)  # "mungkin": the published verdicts to offer, best first

    @property
    def dikenal(self) -> bool:
        return self.klaim is not None

    @property
    def tingkat(self) -> str:
        return self.laporan.tingkat


KOLOM_INDEKS = ("id", "judul", "teks_contoh", "vektor")


class _IndeksProses:
    """The matcher index of this process, kept in step with the Klaim table.

    Before each search it compares a cheap version of the table (count and latest change of the claims
    and of the dictionary) with what it last read. New or changed claims are re-read from a window a
    little before the last change seen, so a transaction that committed late with an older timestamp
    is not missed; a count that no longer matches, or a changed dictionary, means reading everything.
    Searches and updates hold one lock: the index's arrays are not safe to change while read."""

    JENDELA = timedelta(minutes=5)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._indeks: Indeks | None = None
        self._versi: tuple | None = None
        self._sejak: datetime | None = None

    def _segarkan(self) -> Indeks:
        """The index, brought up to date first."""
        from cekfakta.models import Istilah

        versi = (
            *Klaim.objects.aggregate(n=Count("id"), m=Max("diubah")).values(),
            *Istilah.objects.aggregate(n=Count("id"), m=Max("diubah")).values(),
        )
        if self._indeks is not None and versi == self._versi:
            return self._indeks
        if self._indeks is not None and self._versi is not None and versi[2:] == self._versi[2:] and self._sejak is not None:
            for k in Klaim.objects.filter(diubah__gte=self._sejak - self.JENDELA).only(*KOLOM_INDEKS):
                self._indeks.tambah(k.pk, k.teks_indeks, makna.dari_bytes(k.vektor))  # replaces an existing entry
            if len(self._indeks) == versi[0]:
                self._versi, self._sejak = versi, versi[1]
                return self._indeks
        indeks = Indeks(kamus=kamus_aktif(), penyemat=makna.vektor)
        indeks.bangun((k.pk, k.teks_indeks, makna.dari_bytes(k.vektor)) for k in Klaim.objects.only(*KOLOM_INDEKS).iterator())
        self._indeks, self._versi, self._sejak = indeks, versi, versi[1]
        return indeks

    def cari(self, teks: str, k: int):
        with self._lock:
            return self._segarkan().cari(teks, k=k)

    def reset(self) -> None:
        with self._lock:
            self._indeks = self._versi = self._sejak = None


indeks = _IndeksProses()


def kamus_aktif():
    """The shipped dictionaries plus the entries the admin added."""
    from cekfakta.models import Istilah

    kamus = default_lexicon()
    extra = list(Istilah.objects.values_list("jenis", "bentuk", "baku"))
    if not extra:
        return kamus
    ganti = [(bentuk, baku) for jenis, bentuk, baku in extra if jenis != Istilah.Jenis.BOILERPLATE]
    boilerplate = [bentuk for jenis, bentuk, _ in extra if jenis == Istilah.Jenis.BOILERPLATE]
    return kamus.dengan(ganti, boilerplate)


def ambang() -> float:
    """The score at or above which a published verdict is the answer ("sama")."""
    return AMBANG_SAMA


def ambang_mungkin() -> float:
    """The score at or above which a published verdict is offered to the reporter to confirm ("mungkin")."""
    return AMBANG_MUNGKIN


USULAN_MAKS = 3


def kode_baru() -> str:
    while True:
        kode = "".join(secrets.choice(KODE_HURUF) for _ in range(8))
        if not Laporan.objects.filter(kode=kode).exists():
            return kode


def validasi_teks(teks: str) -> str:
    teks = (teks or "").replace("\x00", "").strip()
    if not teks:
        raise PesanDitolak(_("Pesannya kosong. Tempelkan teks pesan yang ingin Anda periksa."))
    limit = settings.JEMBATAN_CEKFAKTA_MAKS_KARAKTER
    if len(teks) > limit:
        raise PesanDitolak(
            _("Pesan terlalu panjang (%(n)s karakter; paling banyak %(max)s). Kirimkan bagian yang paling penting saja.")
            % {"n": f"{len(teks):,}".replace(",", "."), "max": f"{limit:,}".replace(",", ".")}
        )
    printable = sum(1 for c in teks if c.isprintable() or c in "\n\r\t")
    if printable / len(teks) < 0.9:
        raise PesanDitolak(_("Isi ini tidak tampak seperti teks pesan. Tempelkan teksnya, bukan berkas."))
    if not any(c.isalnum() for c in teks):
        raise PesanDitolak(
            _("Pesan ini hanya berisi emoji atau tanda baca. Tempelkan teks pesannya, atau kirim tangkapan layarnya.")
        )
    return teks


def cocokkan(teks: str, k: int = 5) -> list[Kandidat]:
    """Published and open claims most like `teks`, best first, with calibrated scores (a claim closed as "bukan
    klaim" is never one)."""
    hasil = indeks.cari(teks, k=k)
    klaim = Klaim.objects.boleh_dicocokkan().defer("vektor", "teks_contoh").in_bulk([h.id for h in hasil])
    return [Kandidat(klaim[h.id], h.skor, h.mengingkari) for h in hasil if h.id in klaim]


# The most bits two screenshot hashes may differ by to count as the same picture (of 64).
JARAK_GAMBAR_MAKS = 6


def cocokkan_gambar(hash_: int) -> Kandidat | None:
    """The claim of the nearest earlier screenshot, when it is the same picture (re-sent, re-compressed)."""

    terdekat = None
    rows = Laporan.objects.filter(gambar_hash__isnull=False, klaim__isnull=False).values_list("klaim_id", "gambar_hash")
    for klaim_id, lain in rows.iterator():
        d = distance(hash_, cast(int, lain))  # never None: gambar_hash__isnull=False above
        if d <= JARAK_GAMBAR_MAKS and (terdekat is None or d < terdekat[0]):
            terdekat = (d, klaim_id)
    if terdekat is None:
        return None
    return Kandidat(Klaim.objects.get(pk=terdekat[1]), round(1 - terdekat[0] / 64, 4))


def _gambar_bersih(data: bytes) -> tuple[bytes, int, str]:
    """(the image re-encoded without metadata, its perceptual hash, its extension), or PesanDitolak.

    The pixel count is read from the header first: nothing is decoded for an image over the limit."""
    import io

    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    if len(data) > settings.JEMBATAN_MAX_UPLOAD_MB * 1024 * 1024:
        raise PesanDitolak(_("Gambar terlalu besar (maksimal %(mb)s MB).") % {"mb": settings.JEMBATAN_MAX_UPLOAD_MB})
    kind = sniff_type(io.BytesIO(data))
    if kind not in ("jpeg", "png"):
        raise PesanDitolak(_("Berkas ini bukan gambar JPEG atau PNG yang sah."))
    try:
        check_pixels(io.BytesIO(data))
    except ValidationError as e:
        raise PesanDitolak(e.messages[0]) from None
    try:
        bersih = strip_metadata(SimpleUploadedFile(f"layar.{kind}", data)).read()
        return bersih, dhash(bersih), EXTENSION[kind]
    except (OSError, ValueError, ValidationError, Image.DecompressionBombError):
        raise PesanDitolak(_("Gambar ini rusak atau tidak dapat dibaca.")) from None


def periksa(
    teks: str,
    *,
    saluran: str = Saluran.WEB,
    tautan: str = "",
    wilayah=None,
    email: str = "",
    kontak: str = "",
    gambar: bytes | None = None,
) -> Jawaban:
    """Answer a forwarded message (its text, a screenshot, or both) and record the report (see the module docstring)."""
    from django.core.files.base import ContentFile

    gambar_bersih = _gambar_bersih(gambar) if gambar else None
    teks = validasi_teks(teks) if (teks or "").strip() or not gambar_bersih else ""
    kandidat = cocokkan(teks) if teks else []
    if gambar_bersih and (sama := cocokkan_gambar(gambar_bersih[1])):
        kandidat = sorted([sama, *[k for k in kandidat if k.klaim.pk != sama.klaim.pk]], key=lambda k: -k.skor)
    now = timezone.now()
    # Above the threshold a published verdict wins over an open claim: the sender is answered at once ("sama").
    # Below it, published verdicts above the lower threshold are offered to the sender to confirm ("mungkin");
    # the report is filed for the desk meanwhile, under an open claim above the threshold or a new one.
    cukup = [k for k in kandidat if k.skor >= ambang()]
    # A claim closed without a public verdict ("bukan klaim") takes no new reports: they go to the desk afresh.
    terbuka = [k for k in cukup if k.klaim.status != Status.SELESAI]
    # A message that warns about a hoax ("itu hoaks, jangan diklik") is about the verdict but does not repeat the
    # claim: answering "sama" would tell a careful sender that their warning is a hoax. It is offered instead.
    # Likewise a message that states the verdict's own claim is not so ("awan itu kada selalu pertanda badai"): it
    # may be a correction on the same topic, so that verdict is offered, not given.
    peringatan = bool(teks) and memperingatkan(teks)
    # Only the best published verdict above the threshold can be the answer: when it may not be given, no other is.
    jawaban = next((k for k in cukup if k.klaim.is_terbit), None)
    if jawaban is not None and (peringatan or jawaban.mengingkari):
        jawaban = None
    terbaik = jawaban or (terbuka[0] if terbuka else None)
    dijawab = terbaik is not None and terbaik.klaim.is_terbit
    usulan = [] if dijawab else [k for k in kandidat if k.klaim.is_terbit and k.skor >= ambang_mungkin()][:USULAN_MAKS]
    with transaction.atomic():
        if terbaik:
            klaim = terbaik.klaim
        else:
            judul = teks[:300].split("\n")[0][:300] if teks else str(_("[Tangkapan layar tanpa teks]"))
            klaim = Klaim.objects.create(judul=judul, teks_contoh=teks, pertama_dilihat=now)
        laporan = Laporan(
            klaim=klaim,
            kode=kode_baru(),
            teks=teks,
            tautan=tautan,
            saluran=saluran,
            wilayah=wilayah,
            email=email,
            kontak_saluran=kontak,
            skor=terbaik.skor if terbaik else None,
            dijawab_langsung=dijawab,
            diberi_tahu=now if dijawab else None,
            tingkat=Tingkat.SAMA if dijawab else Tingkat.MUNGKIN if usulan else Tingkat.BELUM,
            usulan=[k.klaim.pk for k in usulan],
            dibuat=now,
        )
        if gambar_bersih:
            laporan.gambar_hash = gambar_bersih[1]
            laporan.gambar.save(f"{secrets.token_hex(16)}.{gambar_bersih[2]}", ContentFile(gambar_bersih[0]), save=False)
        laporan.save()
        Klaim.objects.filter(pk=klaim.pk).update(jumlah_laporan=F("jumlah_laporan") + 1, terakhir_dilihat=now)
    return Jawaban(
        laporan=laporan,
        klaim=klaim if dijawab else None,
        skor=terbaik.skor if terbaik else (kandidat[0].skor if kandidat else 0.0),
        kandidat=kandidat,
        usulan=usulan,
    )


def beri_tahu(klaim_id: int) -> int:
    """Tell everyone who reported the claim that its verdict is out, or that the desk closed it as "bukan klaim"
    (the message was read and held nothing to verify). Returns how many were told.

    Chat reporters get a reply on their channel (as a background task), e-mail goes to those who
    gave one, and everyone's tracking page shows the outcome from now on."""
    from cekfakta.tasks import kabari_pelapor

    klaim = Klaim.objects.filter(pk=klaim_id).first()
    if klaim is None or not (klaim.is_terbit or klaim.is_bukan_klaim):
        return 0
    surel, kolom = ("putusan", "diberi_tahu") if klaim.is_terbit else ("bukan_klaim", "dikabari_ditutup")
    told = 0
    for laporan in klaim.laporan.filter(**{f"{kolom}__isnull": True}):
        # Claimed before anything is sent: a second run at the same moment (a retry, the periodic catch-up)
        # finds the report taken and tells nobody twice.
        stempel = timezone.now()
        if not Laporan.objects.filter(pk=laporan.pk, **{f"{kolom}__isnull": True}).update(**{kolom: stempel}):
            continue
        lepas = Laporan.objects.filter(pk=laporan.pk, **{kolom: stempel})
        try:
            if laporan.email:
                link = (settings.SITE_URL or "") + laporan.get_absolute_url()
                mail.send(surel, [laporan.email], {"klaim": klaim, "laporan": laporan, "link": link})
            if laporan.kontak_saluran:
                kabari_pelapor.enqueue(laporan.pk)
        except OSError:  # the mail server is down: this reporter is released, untold, and retried
            log.warning("verdict mail for report %s not sent; will retry", laporan.kode)
            lepas.update(**{kolom: None})
            continue
        except Exception:
            lepas.update(**{kolom: None})  # untold: released for the catch-up (kabari_tertunda), then the error
            raise
        told += 1
    return told


def _tautan(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else ""


def teks_putusan(klaim: Klaim, kode: str = "", url: str = "") -> str:
    """A verdict as chat text (WhatsApp's *bold*): for replies, notifications and the share box."""
    baris = [f"*CEK FAKTA: {klaim.label}*", "", f"Klaim: {klaim.judul}", "", klaim.penjelasan.strip().split("\n")[0][:500]]
    if link := url or _tautan(klaim.get_absolute_url()):
        baris += ["", f"Selengkapnya: {link}"]
    if kode:
        baris += ["", f"(Laporan Anda: {kode})"]
    return "\n".join(baris)


def teks_bukan_klaim(kode: str) -> str:
    """Chat text for a reporter whose message the desk closed as "bukan klaim"."""
    return (
        f"Tim cek fakta sudah membaca pesan Anda (laporan {kode}). Isinya tidak memuat klaim yang dapat diperiksa "
        "benar atau salahnya, misalnya pengumuman, undangan atau obrolan biasa, jadi tidak ada putusan cek fakta "
        "untuknya.\n\nBila menurut Anda pesan itu memang memuat klaim yang meragukan, kirimkan lagi bagian yang "
        "meragukan itu ke sini."
    )


SARAN_SEMENTARA = (
    "Sambil menunggu: bila pesan ini meminta Anda mengklik tautan, mengisi data pribadi, atau mengirim uang, atau "
    "sumbernya tidak jelas, sebaiknya tunggu hasil pemeriksaan sebelum meneruskannya, dan cek situs resmi instansi "
    "yang disebut. Pengumuman biasa dari sumber yang Anda kenal, seperti jadwal posyandu atau rapat desa, tidak perlu ditahan."
)


AWAL_PERTANYAAN = "Pesan Anda mirip dengan klaim yang sudah diperiksa."


def teks_balasan(jawaban: Jawaban) -> str:
    """The chat reply to a forwarded message: the verdict ("sama"), a numbered question ("mungkin"), or the
    tracking code and how to judge meanwhile ("belum")."""
    kode = jawaban.laporan.kode
    if jawaban.klaim:
        return "Pesan ini sama dengan klaim yang sudah diperiksa.\n\n" + teks_putusan(jawaban.klaim, kode)
    if jawaban.usulan:
        baris = [AWAL_PERTANYAAN + " Apakah pesan Anda tentang salah satu ini?", ""]
        baris += [f"{i}. {k.klaim.judul[:200]} — *{k.klaim.label}*" for i, k in enumerate(jawaban.usulan, 1)]
        n = len(jawaban.usulan)
        pilihan = "1" if n == 1 else f"1–{n}"
        baris += [
            "",
            f"Balas dengan angka {pilihan} untuk melihat hasil pemeriksaannya, atau 0 bila bukan salah satunya "
            "(laporan Anda tetap kami periksa).",
            "",
            f"Kode pelacakan: *{kode}*",
        ]
        return "\n".join(baris)
    baris = [
        "Pesan ini belum pernah diperiksa. Laporan Anda kami terima dan akan diperiksa tim verifikator.",
        "",
        f"Kode pelacakan: *{kode}*",
    ]
    if link := _tautan(jawaban.laporan.get_absolute_url()):
        baris.append(f"Ikuti hasilnya: {link}")
    baris += ["", "Kami akan mengabari Anda di sini bila hasilnya terbit.", "", SARAN_SEMENTARA]
    return "\n".join(baris)


# How long a "mungkin" question waits for the reporter's number on a chat channel.
JENDELA_PILIHAN = timedelta(hours=24)
_PILIHAN = re.compile(r"^\s*(?:no\.?|nomor|pilih|ya)?\s*([0-9])\s*[.)!]*\s*$|^\s*(bukan|tidak|tdk|gak|nggak|ga)\b", re.IGNORECASE)


def pertanyaan_terbuka(saluran: str, kontak: str) -> Laporan | None:
    """The latest "mungkin" question this chat contact has not answered, when it is recent enough."""
    if not kontak:
        return None
    return (
        Laporan.objects.filter(
            saluran=saluran, kontak_saluran=kontak, usulan_dijawab__isnull=True, dibuat__gte=timezone.now() - JENDELA_PILIHAN
        )
        .exclude(usulan=[])
        .order_by("-dibuat")
        .first()
    )


def jawab_pilihan(laporan: Laporan, teks: str) -> str | None:
    """The reply to a chat message answering a "mungkin" question ("1", "2", "0", "bukan"), or None when the
    message is not such an answer (it is then a new message to check)."""
    cocok = _PILIHAN.match(teks or "")
    if not cocok:
        return None
    nomor = int(cocok.group(1)) if cocok.group(1) else 0
    if nomor > len(laporan.usulan):
        return f"Pilihan {nomor} tidak ada. Balas dengan angka 1–{len(laporan.usulan)}, atau 0 bila bukan salah satunya."
    try:
        if nomor == 0:
            laporan.tolak_usulan()
            return (
                f"Baik, terima kasih. Laporan Anda ({laporan.kode}) tetap kami periksa, dan kami kabari di sini bila "
                f"hasilnya terbit.\n\n{SARAN_SEMENTARA}"
            )
        klaim = laporan.pilih_usulan(laporan.usulan[nomor - 1])
    except DomainError as e:
        return str(e)
    return teks_putusan(klaim, laporan.kode)
