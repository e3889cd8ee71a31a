"""Normalisation of informal Indonesian as it arrives in forwarded WhatsApp messages.

The same hoax comes back as "BANTU SEBARKAN!!! 🙏🙏 info A1 dr grup sebelah, skrg udh ada yg kena..." and as
"Sudah ada yang kena, info dari grup sebelah": both must end up as the same words. `normalise()` gives the
cleaned text, `tokens()` the content words the matcher (cekfakta/pencocok.py) indexes.

The dictionaries are data, not code: `cekfakta/data/singkatan.tsv` (abbreviations and slang), `banjar.tsv`
(Banjar words used in Tapin), `boilerplate.txt` (forwarding phrases) and `stopword.txt`. `default_lexicon()` loads
them once; `Lexicon.dengan()` puts entries edited by the admin on top without touching the files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

DATA_DIR = Path(__file__).resolve().parents[2] / "cekfakta" / "data"

_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|id|co|net|org|ly|me|io|info|xyz|site|online|link|top|biz|club|shop|store|app|web|my|cc)"
    r"\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_REDUPLIKASI = re.compile(r"\b(\w{2,})-\1\b")  # "anak-anak" → "anak"
_KATA = re.compile(r"[^\W_]+")
_PANJANG = re.compile(r"([^\W\d_])\1{2,}")  # three or more of the same letter: "bangeeet"
_GANDA = re.compile(r"([^\W\d_])\1")
_ANGKA_ULANG = re.compile(r"^([^\W\d_]{2,})2$")  # "ibu2" → "ibu"
_LEET = str.maketrans("013457", "oieast")
_LEET_AMAN = re.compile(r"[^\W\d_][013457]+[^\W\d_]")
# Real words and codes that look like leetspeak but are not: P3K (contract civil servants), H5N1, K3...
_BUKAN_LEET = frozenset({"p3k", "h5n1", "h1n1", "k3", "g20", "mp3", "mp4", "m3", "s3", "b2b"})


@dataclass(frozen=True)
class Lexicon:
    """The replacement dictionary, forwarding boilerplate and stopwords, already normalised.

    Keys of `ganti` are tokens sequences (so "kaya apa" → "bagaimana" works); an empty replacement drops the
    words. Build one with `default_lexicon()` and extend it with `dengan()`.
    """

    ganti: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    boilerplate: tuple[tuple[str, ...], ...] = ()
    stopword: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # Lookup tables derived once: longest key, phrases by first word (longest first), every known word.
        object.__setattr__(self, "_panjang_maks", max((len(k) for k in self.ganti), default=1))
        per_awal: dict[str, list[tuple[str, ...]]] = {}
        for frasa in sorted(set(self.boilerplate), key=len, reverse=True):
            if frasa:
                per_awal.setdefault(frasa[0], []).append(frasa)
        object.__setattr__(self, "_boilerplate_per_awal", per_awal)
        dikenal = set(self.stopword)
        for kunci, nilai in self.ganti.items():
            dikenal.update(kunci)
            dikenal.update(nilai)
        for frasa in self.boilerplate:
            dikenal.update(frasa)
        object.__setattr__(self, "_dikenal", frozenset(dikenal))

    @property
    def dikenal(self) -> frozenset[str]:
        """Every word the dictionaries know: stopwords, the forms they replace and their replacements, boilerplate."""
        return self._dikenal  # type: ignore[attr-defined,no-any-return]

    def dengan(
        self,
        ganti: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        boilerplate: Iterable[str] = (),
        stopword: Iterable[str] = (),
    ) -> Lexicon:
        """A new Lexicon with these entries on top (an entry for an existing form replaces it)."""
        baru = dict(self.ganti)
        pasangan = ganti.items() if isinstance(ganti, Mapping) else ganti
        for bentuk, baku in pasangan:
            kunci = tuple(_token_dasar(bentuk, self))
            if kunci:
                baru[kunci] = tuple(_token_dasar(baku, self))
        tambahan = Lexicon(baru, (), self.stopword)
        frasa_baru = tuple(f for f in (tuple(_ganti(_token_dasar(b, tambahan), tambahan)) for b in boilerplate) if f)
        kata_henti = {k for s in stopword for k in _ganti(_token_dasar(s, tambahan), tambahan)}
        return Lexicon(baru, self.boilerplate + frasa_baru, self.stopword | kata_henti)


_TAK_TERSIMPAN = re.compile("[\x00\ud800-\udfff]")


def rupiah(nilai: int) -> str:
    """An amount of Rupiah as Indonesians write it: Rp25.000."""
    return "Rp" + f"{nilai:,}".replace(",", ".")


def storable(teks: str) -> str:
    """Text any database can store: NUL (refused by PostgreSQL) dropped, a lone surrogate (which no database
    can encode) replaced by U+FFFD. For text from outside: webhooks, imported feeds."""
    return _TAK_TERSIMPAN.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", teks)


def read_tsv(path: Path) -> list[tuple[str, str]]:
    """`bentuk<TAB>baku` lines of a UTF-8 file; blank lines and lines starting with "#" are skipped."""
    pasangan = []
    for baris in path.read_text(encoding="utf-8").splitlines():
        if not baris.strip() or baris.startswith("#"):
            continue
        bentuk, _, baku = baris.partition("\t")
        pasangan.append((bentuk.strip(), baku.strip()))
    return pasangan


def read_list(path: Path) -> list[str]:
    """One entry a line of a UTF-8 file; blank lines and lines starting with "#" are skipped."""
    return [b.strip() for b in path.read_text(encoding="utf-8").splitlines() if b.strip() and not b.startswith("#")]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The dictionaries shipped in cekfakta/data/ (read once per process; the result is immutable)."""
    return Lexicon().dengan(
        ganti=read_tsv(DATA_DIR / "singkatan.tsv") + read_tsv(DATA_DIR / "banjar.tsv"),
        boilerplate=read_list(DATA_DIR / "boilerplate.txt"),
        stopword=read_list(DATA_DIR / "stopword.txt"),
    )


def normalise(teks: str, kamus: Lexicon | None = None, *, url: Literal["domain", "hapus"] = "domain") -> str:
    """Clean forwarded-message text into lower-case standard words separated by single spaces.

    Contract, in order: Unicode NFKC (so 𝐁𝐔𝐊𝐀 and full-width letters become plain) and lower case; a URL becomes
    its host without "www." and without dots ("https://bit.ly/x" → "bitly"), or nothing with url="hapus";
    emoji, symbols and punctuation go; "anak-anak", "anak2" and "anak²" become "anak"; a letter repeated three
    or more times becomes one ("bangeeet" → "banget"), and a doubled letter is undone only when that gives a
    dictionary word ("hooax" → "hoaks"); digits inside words become letters only where safe ("rus4k" → "rusak",
    never "p3k"); abbreviations, slang and Banjar words are replaced (longest phrase first); forwarding
    boilerplate is dropped. Numbers stay. Stopwords stay (see `tokens()`). Never raises on any str.
    """
    kamus = default_lexicon() if kamus is None else kamus
    return " ".join(_buang_boilerplate(_ganti(_token_dasar(teks, kamus, url=url), kamus), kamus))


def tokens(teks: str, kamus: Lexicon | None = None) -> list[str]:
    """The content words of `teks`: `normalise()` split into words, stopwords removed, order kept."""
    kamus = default_lexicon() if kamus is None else kamus
    henti = kamus.stopword
    return [k for k in normalise(teks, kamus).split() if k not in henti]


def _host(cocok: re.Match[str]) -> str:
    alamat = cocok.group(0).lower()
    alamat = re.sub(r"^(?:https?://)?(?:www\.)?", "", alamat)
    host = re.split(r"[/?#:]", alamat, maxsplit=1)[0]
    return " " + host.replace(".", "").replace("-", "") + " "


def _token_dasar(teks: str, kamus: Lexicon, *, url: str = "domain") -> list[str]:
    """Words after Unicode, case, URL, symbol, repetition and leetspeak clean-up (no dictionary yet)."""
    teks = unicodedata.normalize("NFKC", teks).lower()
    teks = _EMAIL.sub(" ", teks)
    teks = _URL.sub(_host if url == "domain" else " ", teks)
    teks = teks.replace("'", "").replace("’", "").replace("`", "")
    teks = _REDUPLIKASI.sub(r"\1", teks)
    kata = []
    dikenal = kamus.dikenal
    for k in _KATA.findall(teks):
        if k.isdigit():
            kata.append(k)
            continue
        k = _PANJANG.sub(r"\1", k)
        cocok = _ANGKA_ULANG.match(k)
        if cocok:
            k = cocok.group(1)
        elif k not in _BUKAN_LEET and _LEET_AMAN.search(k) and sum(c.isalpha() for c in k) >= 3:
            k = k.translate(_LEET)
        if k not in dikenal and _GANDA.search(k):
            tunggal = _GANDA.sub(r"\1", k)
            if tunggal in dikenal:
                k = tunggal
        kata.append(k)
    return kata


def _ganti(kata: list[str], kamus: Lexicon) -> list[str]:
    """Replace dictionary forms, longest phrase first."""
    ganti = kamus.ganti
    if not ganti:
        return kata
    panjang_maks: int = kamus._panjang_maks  # type: ignore[attr-defined]
    hasil: list[str] = []
    i = 0
    while i < len(kata):
        for n in range(min(panjang_maks, len(kata) - i), 0, -1):
            baku = ganti.get(tuple(kata[i : i + n]))
            if baku is not None:
                hasil.extend(baku)
                i += n
                break
        else:
            hasil.append(kata[i])
            i += 1
    return hasil


def _buang_boilerplate(kata: list[str], kamus: Lexicon) -> list[str]:
    per_awal: dict[str, list[tuple[str, ...]]] = kamus._boilerplate_per_awal  # type: ignore[attr-defined]
    if not per_awal:
        return kata
    hasil: list[str] = []
    i = 0
    while i < len(kata):
        for frasa in per_awal.get(kata[i], ()):
            if tuple(kata[i : i + len(frasa)]) == frasa:
                i += len(frasa)
                break
        else:
            hasil.append(kata[i])
            i += 1
    return hasil


# Indonesian month names, for fixed-wording documents and speech (never translated: the law's language).
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
