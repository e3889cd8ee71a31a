"""Moderation rules: does a new comment show at once, wait for a moderator, or get rejected?

`putuskan()` applies them in order; the first that matches decides:
1. a blocklisted word or domain whose action is "tolak" → rejected;
2. a blocklisted word or domain whose action is "tahan", or a blocklisted phrase only found once spacing and
   punctuation are squashed out ("s.l.o.t g.a.c.o.r") → held;
3. more than `TAUTAN_MAKS` links → held;
4. the commenter's first comment → held. A commenter is known when an earlier comment of theirs was approved:
   the same email, or the same name from the same client address hash;
5. otherwise shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from diskusi.models import Blokir, Komentar, Status

TAUTAN_MAKS = 2

_TAUTAN = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|id|co|net|org|ly|me|io|info|xyz|site|online|link|top|biz|club|shop|store|app|vip|pro|"
    r"live|win|bet|asia|cc|gg|tv|icu|buzz|fun|click|ee|bio)\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_BUKAN_HURUF = re.compile(r"[^a-z0-9]+")
_BUKAN_HURUF_SAMA_SEKALI = re.compile(r"[^a-z]+")


def tautan(teks: str) -> list[str]:
    """The links in a text, written out or bare ("gacor88.xyz/daftar")."""
    return _TAUTAN.findall(teks)


def domain(link: str) -> str:
    host = urlsplit(link if "://" in link else f"http://{link}").hostname or ""
    return host.removeprefix("www.")


def _normal(teks: str) -> str:
    # NFKC folds the "fancy" letters spammers use (𝐬𝐥𝐨𝐭, ｓｌｏｔ) into plain ones.
    return unicodedata.normalize("NFKC", teks).casefold()


def _kata(teks: str) -> str:
    return f" {_BUKAN_HURUF.sub(' ', teks)} "


@dataclass(frozen=True)
class Keputusan:
    status: str
    alasan: str


def cocok_blokir(teks: str, daftar: list[Blokir]) -> tuple[Blokir, bool] | None:
    """The most severe blocklist entry found in `teks`, and whether it was found only after de-obfuscation.

    Words match whole words ("toto" does not match "totok"), also with digits read as letters ("m4xw1n").
    Squashing out all spacing and punctuation ("s.l.o.t g.a.c.o.r") is tried only for phrases of six
    letters or more, where a false match is unlikely; such a match only holds the comment, so a person
    decides."""
    normal = _normal(teks)
    hosts = {domain(t) for t in tautan(normal)}
    kata = _kata(normal)
    kata_leet = _kata(normal.translate(_LEET))
    rapat = _BUKAN_HURUF_SAMA_SEKALI.sub("", normal.translate(_LEET))
    hasil: tuple[Blokir, bool] | None = None
    for b in daftar:
        if b.jenis == Blokir.Jenis.DOMAIN:
            kena = any(h == b.pola or h.endswith("." + b.pola) for h in hosts)
            samar = False
        else:
            pola = _kata(_normal(b.pola))
            kena = pola in kata or pola in kata_leet
            pola_rapat = pola.replace(" ", "")
            samar = not kena and len(pola_rapat) >= 6 and pola_rapat in rapat
        if not (kena or samar):
            continue
        if kena and b.tindakan == Blokir.Tindakan.TOLAK:
            return b, False
        if hasil is None:
            hasil = (b, samar)
    return hasil


def pengirim_dikenal(nama: str, email: str, klien: str) -> bool:
    syarat = Q(nama__iexact=nama.strip(), klien=klien)
    if email:
        syarat |= Q(email__iexact=email.strip())
    return Komentar.objects.tampil().filter(syarat).exists()


def putuskan(*, nama: str, email: str, isi: str, klien: str) -> Keputusan:
    teks = f"{nama}\n{isi}"
    blokir = cocok_blokir(teks, list(Blokir.objects.all()))
    if blokir is not None:
        entri, samar = blokir
        if entri.tindakan == Blokir.Tindakan.TOLAK and not samar:
            return Keputusan(Status.DITOLAK, str(_("Spam: memuat kata atau domain yang diblokir")))
        return Keputusan(Status.MENUNGGU, str(_("Memuat kata atau domain yang perlu diperiksa")))
    if len(tautan(isi)) > TAUTAN_MAKS:
        return Keputusan(Status.MENUNGGU, str(_("Memuat lebih dari dua tautan")))
    if not pengirim_dikenal(nama, email, klien):
        return Keputusan(Status.MENUNGGU, str(_("Komentar pertama dari pengirim ini")))
    return Keputusan(Status.TAMPIL, "")
