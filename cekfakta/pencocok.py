"""Find the published verdict a forwarded message is about, or say honestly that there is none.

Pure library code: it receives (id, text) pairs and knows nothing of models, so the app decides what a
verdict's text is (the claim statement on the first line, then the text as it circulated, works best: the first
line also counts on its own). One `Indeks` per process, in memory.

How a query is answered:
1. Words: `jembatan.lib.text.tokens()` (slang, Banjar, boilerplate, stopwords), numbers dropped (a template comes
   back with another amount, date or phone number), a light suffix stemmer. A word written without vowels that no
   dictionary lists ("pndftrn", "bntn") is read by its consonant skeleton as the dictionaries' or the index's word
   with that skeleton ("pendaftaran", "bantuan"), when only one fits (`Indeks._dari_kerangka`); so is an unknown
   word that dropped only some vowels ("pmbngunan", "mninggal") or says an Indonesian word with Banjar's vowels
   ("maninggal", "kacalakaan"), as the one word of its skeleton it fits (`Indeks._baca_kerangka`); in the words
   and in the windows the sentence model reads.
2. Candidates: BM25 over words, the claim line counted twice; each query word also searches its spelling
   neighbours in the vocabulary (character 3-grams, Dice ≥ 0.6), so "pemutihan"/"pemutihn" or "dipecat"/"pecat"
   still meet.
3. Score for the best candidates: the features in `FITUR` — lexical coverage both ways (the message's coverage by the
   verdict, whole and over its stretch of KATA_LOKAL words the verdict covers best, so a claim buried after a paragraph
   of chatter still counts; the claim's coverage by the message, its claim line or the opening of the text as it
   circulated, and the claim line alone), shared word pairs, the
   BM25 margin, the claim's key words (its rarest words: names, programs, institutions, places) found or missing,
   the meaning signal (cosine of sentence vectors from `cekfakta.makna`, and its lead over the other candidates),
   agreeing and disagreeing numbers, whether the message calls something a hoax or urges its reader to pass it
   on, length, and what tells a repeat from a true message on the same topic (the claim negates and the message
   does not; the message states that the claim's own words are not so, its words or their spelling neighbours; the
   message reads as an official notice, names the day, hour and local place a notice gives (`jadwal`) or an officer
   or service as who says so (`bersumber`), or passes on hearsay and forwards as a hoax travels (`kabar_burung`);
   the claim names one institution and the message another, from `cekfakta/data/lembaga.tsv`) — combined by
   gradient-boosted trees fitted on the tune halves only (`bench/cocok.py --kalibrasi`, saved as data in
   `cekfakta/data/model_pencocok.json`, evaluated by `jembatan.lib.pohon`), so `skor` reads as the probability
   that the verdict is about this message. Two thresholds from the same file split the answer:
   `AMBANG_SAMA` (the verdict is given) and `AMBANG_MUNGKIN` (offered to the reporter to confirm); the rules that
   choose them are written in bench/cocok.py. A message that warns about a hoax (`memperingatkan`), or that
   states the claim's own words are not so (`Hasil.mengingkari`), is never given that verdict as "sama" by the desk
   (cekfakta.layanan): it is offered instead.

Indexing is incremental: `tambah()` makes a verdict findable at once (new words go to a small side segment
that is folded into the main arrays when it grows), `hapus()` hides one at once.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from jembatan.lib.pohon import Hutan
from jembatan.lib.text import Lexicon, default_lexicon, normalise, tokens

PANJANG_MAKS = 20_000  # characters read from one text; a claim sits at the start of a forwarded message
KATA_MAKS = 400  # words kept per text

# The score's model and the two thresholds, fitted by `bench/cocok.py --kalibrasi` on the tune halves (see there).
DATA = Path(__file__).resolve().parent / "data"
BERKAS_MODEL = DATA / "model_pencocok.json"
FITUR = (
    "cakup_kueri",
    "cakup_judul",
    "cakup_lokal",
    "cakup_baris",
    "pasangan",
    "margin",
    "makna",
    "makna_margin",
    "makna_median",
    "judul_margin",
    "angka_cocok",
    "angka_beda",
    "sangkal",
    "panjang",
    "inti",
    "inti_min",
    "makna_atas",
    "bm25_atas",
    "ajakan",
    "ingkar_hilang",
    "ingkar_kata",
    "anjuran",
    "lembaga_beda",
    "jadwal",
    "kabar",
    "sumber",
)


def muat_model(path: Path = BERKAS_MODEL) -> tuple[Hutan, float, float]:
    """The fitted model and its thresholds (sama, mungkin). A missing or broken file, or a model of other features
    than FITUR, raises RuntimeError saying how to restore it: the matcher never answers without its model."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = Hutan(data["model"])
        if set(model.fitur) - set(FITUR):
            raise ValueError(f"it uses features the matcher does not compute: {sorted(set(model.fitur) - set(FITUR))}")
        ambang = float(data["ambang_sama"]), float(data["ambang_mungkin"])
        if not 0 < ambang[1] <= ambang[0] <= 1:
            raise ValueError(f"its thresholds are out of order: {ambang}")
    except (OSError, ValueError, KeyError, TypeError, IndexError) as e:
        raise RuntimeError(
            f"The hoax matcher's model file {path} is missing or broken ({e}). Restore it from the repository, or fit it "
            "again with `.venv/bin/python bench/cocok.py --kalibrasi`; the matcher does not start without it."
        ) from e
    return model, *ambang


MODEL, AMBANG_SAMA, AMBANG_MUNGKIN = muat_model()
# AMBANG_SAMA: at or above, the verdict is given as the answer ("sama");
# AMBANG_MUNGKIN: at or above, it is offered to the reporter to confirm ("mungkin").

KATA_JENDELA = 20
_LATIN_MAKS = 0x24F  # the last code point of Latin Extended-B: letters past it are of another script
JENDELA_MAKS = 2
_URL_KASAR = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SPASI = re.compile(r"\s+")
Penyemat = Callable[[Sequence[str]], np.ndarray]
_ANGKA = re.compile(r"\d[\d.,]*\d|\d")
_SANGKAL = re.compile(
    r"\b(?:hoaks|hoax|hoaxs|hoak|tidak benar|tdk benar|bukan fakta|klarifikasi|disinformasi|berita bohong|kabar bohong|"
    r"informasi palsu|info palsu|pesan palsu|link palsu|tautan palsu|akun palsu|nomor palsu|itu palsu|itu penipuan|"
    r"modus penipuan|jangan percaya|jgn percaya|jangan diklik|jgn diklik|jangan klik|jgn klik|jangan dibuka|"
    r"jangan diinstal|jangan install|jangan dilayani|jangan diisi|jangan isi|jangan transfer|"
    r"tidak pernah minta|tdk pernah minta|tidak pernah meminta|pesan lama)\b"
)
# A call to pass the message on or to act at once: how hoaxes end, and what true notices seldom say.
_AJAKAN = re.compile(
    r"\b(?:sebar\w*|disebar\w*|share|bagikan|dibagikan|teruskan|diteruskan|viral\w*|buruan|segera|cepat|sebelum|"
    r"klik|link|tautan|daftar|gratis|jangan sampai)\b",
    re.IGNORECASE,
)
# Hearsay and forwarding, the way a hoax travels from group to group ("katanya", "copas dari grup sebelah", "dapat
# kiriman"): a true notice on the same topic names who says so instead (_SUMBER). Banjar's "jar" is left out: it
# says "katanya" and "kata dokter" alike.
_KABAR = re.compile(
    r"\b(?:katanya|ktnya|kabarnya|kbrnya|konon|dengar dengar|denger denger|copas|copy paste|dapat dari|dpt dari|"
    r"dapat kiriman|dpt kiriman|kiriman dari|kiriman matan|dapat pesan|dpt pesan|kabar dari|habar dari|habar matan|"
    r"meneruskan|taruskan|forward|fwd|grup sebelah|grup sabalah|matan grup|dari grup|dr grup)\b"
)
# Who says so, as a true notice names them: the village's and the regency's officers and services.
_SUMBER = re.compile(
    r"\b(?:petugas|dinas|dinkes|disdukcapil|puskesmas|pustu|posyandu|dokter|bidan|perawat|mantri|pendamping|penyuluh|"
    r"kader|kades|pambakal|camat|operator desa|kantor desa|balai desa|bpbd|bmkg|polsek|polres|bhabinkamtibmas|babinsa|"
    r"kua|pps|kpps|ppk|panitia)\b"
)
# A statement that something is not so, Indonesian and Banjar, chat spellings included ("kada" = tidak, "kadada" =
# tidak ada); as opposed to an instruction ("jangan klik", "dilarang minum"), which a forwarded hoax gives as often
# as a true notice does.
_KATA_INGKAR = r"tidak|tdk|tdak|tak|bukan|bkn|belum|blm|gak|gk|nggak|ngga|nggk|enggak|engga|kagak|ndak|kada|kadada|tiada"
_PERNYATAAN_INGKAR = re.compile(f"(?:{_KATA_INGKAR})")
# Any negation, statements and instructions alike.
_INGKAR = re.compile(rf"\b(?:{_KATA_INGKAR}|jangan|jgn|dilarang|larangan|tanpa)\b")
_KATA_MENTAH = re.compile(r"\w+")
INGKAR_JARAK = 3  # words after a negation that it is taken to negate
# The register of an official notice or of a correction: what a true message on a hoax's topic says, and a
# forwarded hoax seldom does ("pastikan travelnya berizin", "hanya lewat laman resmi", "hubungi Puskesmas").
_ANJURAN = re.compile(
    r"\b(?:pastikan|mengingatkan|diingatkan|imbau|mengimbau|himbau|menghimbau|hanya (?:lewat|melalui|di|dari)|"
    r"tidak dipungut|hubungi|langsung ke|datang ke|bawa (?:ktp|kk|kartu)|tanya(?:kan)? (?:dulu )?ke|cek dulu|"
    r"sebenarnya|faktanya|yang benar|tetap)\b"
)
# When and where, as a notice of the village gives them ("hari Sabtu jam 8 di balai desa"): a true message on a hoax's
# topic (the real bansos schedule beside the fake link) says so; a forwarded hoax seldom names a day, an hour and a
# local place. Each of the three found counts a third.
_JADWAL = (
    # "minggu" alone is also a week ("minggu depan"): the day is "hari Minggu", "Minggu pagi", "malam Minggu"
    re.compile(
        r"\b(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|ahad|(?:hari|malam) minggu|minggu (?:pagi|siang|sore|malam))\b"
        r"(?! (?:lalu|kemarin|kemaren|tadi))"
    ),
    re.compile(r"\b(?:jam|pukul|pkl)\.? ?\d"),
    re.compile(
        r"\bdi (?:balai|kantor|puskesmas|pustu|posyandu|polindes|masjid|langgar|musala|musholla|mushola|sekolah|sd|smp|"
        r"kua|aula|lapangan|rumah (?:bu|pak|ibu|bapak))\b"
    ),
)
_LABEL_AWAL = re.compile(r"^\W*(?:hoaks|hoax|hoak|disinformasi|misinformasi|salah|keliru|menyesatkan|fitnah)\b")
# "ini bukan hoaks" is what a hoax says of itself
_BUKAN_SANGKAL = re.compile(r"\b(?:bukan|bkn|tidak|tdk)\s+(?:hoaks|hoax|hoaxs|hoak|berita bohong|penipuan)\b", re.IGNORECASE)

_K1 = 1.2
_B = 0.75
_KANDIDAT = 30
_KANDIDAT_JENDELA = 10  # the leading candidates whose words choose the message's window to embed
_DICE_MIN = 0.6
_TETANGGA_MAKS = 6
# Rows of the vector matrix multiplied at a time by each of a message's windows when it has two: the block read for
# the first window is still in the cache for the second, where two products over the whole matrix read it twice from
# memory (100,000 vectors, one core: 20-30 ms instead of 35-50, on a 2-vCPU AMD EPYC with AVX2; bench/cekfakta.py).
_BLOK_MAKNA = 1024
INTI = 3  # key words of a claim line
KATA_LOKAL = 8  # content words (stopwords dropped) of the message in one window of local coverage
_AKHIRAN = ("nya", "lah", "kah", "pun", "ku", "mu")


@dataclass(frozen=True)
class Hasil:
    """One verdict found for a query: its id and a score from 0 to 1 (probability-like; see AMBANG_SAMA)."""

    id: int
    skor: float
    # The message states that the claim's own words are not so ("awan itu kada selalu pertanda badai"): it is
    # about this verdict, but may be a correction of it. The desk never answers it "sama" (cekfakta.layanan).
    mengingkari: bool = False


def angka(teks: str) -> frozenset[str]:
    """The numbers of a text as digits only ("Rp600.000" and "600,000" → "600000"), single digits left out."""
    return frozenset(a for a in (re.sub(r"[.,]", "", m) for m in _ANGKA.findall(teks)) if len(a) >= 2)


def menyangkal(teks: str) -> bool:
    """Does the message speak of a hoax as a hoax ("hati-hati, itu hoaks", "tidak benar")? Such a message is
    about a known hoax without repeating it."""
    return bool(_SANGKAL.search(_BUKAN_SANGKAL.sub(" ", normalise(teks[:PANJANG_MAKS]))))


def memperingatkan(teks: str) -> bool:
    """Does the message warn about a hoax rather than repeat it ("ada pesan … itu hoaks, jangan diklik")? Such a
    message is never answered "sama": that answer would tell a careful sender that their warning is a hoax. A
    fact-check headline ("Hoaks: …", "[HOAKS] …") is not a warning: it names the claim the verdict is about."""
    return menyangkal(teks) and not _LABEL_AWAL.match(normalise(teks[:200]))


def mengajak(teks: str) -> bool:
    """Does the message urge its reader to pass it on or act at once ("sebarkan!!", "buruan klik", "daftar gratis")?"""
    teks = teks[:PANJANG_MAKS]
    return "!!" in teks or bool(_AJAKAN.search(teks.lower()))  # not normalise(): it drops "sebarkan" as boilerplate


def _muat_lembaga() -> tuple[re.Pattern[str], dict[str, str]]:
    """cekfakta/data/lembaga.tsv as one pattern over normalised text, and each written form → its institution."""
    bentuk: dict[str, str] = {}
    for baris in (DATA / "lembaga.tsv").read_text(encoding="utf-8").splitlines():
        if not baris.strip() or baris.startswith("#"):
            continue
        nama, _, lain = baris.partition("\t")
        for b in [nama, *lain.split(",")]:
            if b := normalise(b.strip(), url="hapus"):
                bentuk[b] = nama.strip()
    urut = sorted(bentuk, key=len, reverse=True)  # the longest form first: "bank indonesia" before "bni"
    return re.compile(r"\b(?:" + "|".join(re.escape(b) for b in urut) + r")\b"), bentuk


_LEMBAGA, _BENTUK_LEMBAGA = _muat_lembaga()


def lembaga(teks: str) -> frozenset[str]:
    """The institutions of cekfakta/data/lembaga.tsv that a text names ("KUR BRI" → {"bri"})."""
    return frozenset(_BENTUK_LEMBAGA[m] for m in _LEMBAGA.findall(normalise(teks[:PANJANG_MAKS], url="hapus")))


def ingkar(teks: str) -> bool:
    """Does the text negate anything ("tidak ada wabah", "kada selalu", "jangan minum")?"""
    return bool(_INGKAR.search(teks.lower()))


def menganjurkan(teks: str) -> bool:
    """Does the message read as an official notice or a correction ("pastikan …", "hanya lewat laman resmi")?"""
    return bool(_ANJURAN.search(teks[:PANJANG_MAKS].lower()))


def kabar_burung(teks: str) -> bool:
    """Does the message pass on hearsay or a forward ("katanya", "copas dari grup sebelah")?"""
    return bool(_KABAR.search(teks[:PANJANG_MAKS].lower()))


def bersumber(teks: str) -> bool:
    """Does the message name an officer or a service as who says so ("petugas", "bidan", "Puskesmas")?"""
    return bool(_SUMBER.search(teks[:PANJANG_MAKS].lower()))


def jadwal(teks: str) -> float:
    """How much of when and where a notice gives the message names: a day, an hour, a local place (a third each)."""
    teks = teks[:PANJANG_MAKS].lower()
    return sum(1 for pola in _JADWAL if pola.search(teks)) / len(_JADWAL)


def akar(kata: str) -> str:
    """Light suffix stemmer: drop one particle/possessive ending ("-nya", "-lah", "-kah", "-pun", "-ku", "-mu")."""
    for akhiran in _AKHIRAN:
        if kata.endswith(akhiran) and len(kata) - len(akhiran) >= 4:
            return kata[: -len(akhiran)]
    return kata


def istilah(teks: str, kamus: Lexicon | None = None) -> tuple[list[str], int]:
    """The matcher's words for `teks` and how many of them come from its first line (the claim)."""
    teks = teks[:PANJANG_MAKS]
    judul, _, isi = teks.partition("\n")
    kata_judul = [akar(k) for k in tokens(judul, kamus) if not k.isdigit()]
    kata_isi = [akar(k) for k in tokens(isi, kamus) if not k.isdigit()] if isi else []
    kata = (kata_judul + kata_isi)[:KATA_MAKS]
    return kata, min(len(kata_judul), len(kata))


_VOKAL = re.compile(r"[aeiou]")
_HURUF_GANDA = re.compile(r"(.)\1+")
# Letters of a skeleton read: "bntn", "pndftrn". Three say too little ("mbl" is "mobil" or "membeli", "krg" "kurang"
# or "kering", "ikn" the new capital or "ikan"); the common three-letter forms are listed in singkatan.tsv.
KERANGKA_MIN = 4
# A word with two capitals or more is an acronym ("SDN", "DTKS", "PMT", "MTs"), never read by its skeleton: in an
# index without it, "sdn" would become "sedunia" and "pmt" (pemberian makanan tambahan) "pamit".
_AKRONIM = re.compile(r"\b\w*[A-Z]\w*[A-Z]\w*\b")


def akronim(teks: str) -> frozenset[str]:
    """The words of `teks` written with two capitals or more, lower-cased."""
    return frozenset(k.lower() for k in _AKRONIM.findall(teks))


def kerangka(kata: str) -> str:
    """A word's consonant skeleton as chat writes it without vowels: the first letter, then the consonants, "ng" as
    "g", doubled letters once ("pendaftaran" → "pndftrn", "tolong" → "tlg", "bantuan" → "bntn")."""
    if not kata.isalpha() or not kata.isascii():
        return ""
    return _HURUF_GANDA.sub(r"\1", kata[0] + _VOKAL.sub("", kata[1:]).replace("ng", "g"))


def tanpa_vokal(kata: str) -> bool:
    """Is this a word written as its skeleton ("pndftrn", "udh"): no vowel after its first letter?"""
    return len(kata) >= KERANGKA_MIN and kata.isalpha() and kata.isascii() and not _VOKAL.search(kata[1:])


def kunci_kerangka(kata: str) -> str:
    """The skeleton under which a word with vowels is found by a vowel-less spelling ("" when none is read)."""
    kunci = "" if tanpa_vokal(kata) else kerangka(kata)
    return kunci if len(kunci) >= KERANGKA_MIN else ""


def _terbaca_sebagai(kata: str, baku: str) -> bool:
    """May `kata` be `baku` written with vowels dropped (its letters in order, fewer of them), or said in Banjar
    (Indonesian e and o as a and u, the same length)?"""
    if len(baku) > len(kata):
        huruf = iter(baku)
        return all(h in huruf for h in kata)
    return len(baku) == len(kata) and baku != kata and kata.translate(_BANJAR) == baku.translate(_BANJAR)


_BANJAR = str.maketrans("eo", "au")


def _gram(kata: str) -> set[str]:
    k = f"<{kata}>"
    return {k[i : i + 3] for i in range(len(k) - 2)}


class Indeks:
    """An in-memory index of verdict texts: `bangun`, `tambah`, `hapus`, `cari`."""

    def __init__(self, kamus: Lexicon | None = None, penyemat: Penyemat | None = None) -> None:
        self.kamus = kamus if kamus is not None else default_lexicon()
        # every word the dictionaries know, and their standard words (replacements, stopwords) by skeleton
        self._kerangka_kamus: dict[str, set[str]] = {}
        for k in {w for baku in self.kamus.ganti.values() for w in baku} | self.kamus.stopword:
            if kunci := kunci_kerangka(k):
                self._kerangka_kamus.setdefault(kunci, set()).add(k)
        self.model = MODEL
        # Embeds message windows for the meaning signal; without one (tests of the lexical stage), `makna` is 0.
        self.penyemat = penyemat
        self._kosongkan()

    # -- building -------------------------------------------------------------------------------------------

    def _kosongkan(self) -> None:
        self._id: list[int] = []  # internal number → verdict id
        self._nomor: dict[int, int] = {}  # verdict id → internal number
        self._hidup = np.zeros(0, dtype=bool)
        self._seq: list[np.ndarray] = []  # word ids in order, per internal number
        self._judul: list[int] = []  # how many of them form the claim line
        self._angka: list[frozenset[str]] = []  # numbers of the claim line
        self._ingkar: list[bool] = []  # does the claim line negate anything
        self._lembaga: list[frozenset[str]] = []  # the institutions the claim line names
        self._vek = np.zeros((0, 384), dtype=np.float32)  # meaning vectors (zero rows where none)
        self._punya_vek = np.zeros(0, dtype=bool)
        self._dl = np.zeros(0, dtype=np.float32)
        self._kosakata: dict[str, int] = {}
        self._kata: list[str] = []
        self._df = np.zeros(0, dtype=np.int32)
        self._jumlah_hidup = 0
        self._total_panjang = 0.0
        self._avgdl = 1.0
        # main segment (CSR by word id) and the side segment of recent additions
        self._ptr = np.zeros(1, dtype=np.int64)
        self._pdok = np.zeros(0, dtype=np.int32)
        self._pbobot = np.zeros(0, dtype=np.float32)
        self._samping: dict[int, list[tuple[int, float]]] = {}
        self._jumlah_samping = 0
        # character 3-grams of the vocabulary, for spelling neighbours
        self._kode_gram: dict[str, int] = {}
        self._gram_kata: list[list[int]] = []
        self._gram_arr: list[np.ndarray | None] = []
        self._n_gram: list[int] = []
        self._n_gram_arr = np.zeros(0, dtype=np.float32)  # the same as an array, made again when words were added
        self._tetangga: dict[str, tuple[tuple[int, float], ...]] = {}
        self._kerangka: dict[str, list[int]] = {}  # consonant skeleton → vocabulary words with vowels

    def bangun(self, dokumen: Iterable[tuple[int, str] | tuple[int, str, np.ndarray | None]]) -> None:
        """Replace the whole index with these (id, text) or (id, text, meaning vector) items; a repeated id keeps
        its last text."""
        self._kosongkan()
        terakhir: dict[int, tuple[str, np.ndarray | None]] = {}
        for item in dokumen:
            terakhir[int(item[0])] = (item[1], item[2] if len(item) > 2 else None)  # type: ignore[misc]
        for id_, (teks, vek) in terakhir.items():
            self._simpan(id_, teks, vek)
        self._lipat()

    def tambah(self, id: int, teks: str, vektor: np.ndarray | None = None) -> None:
        """Add or replace one verdict; it is findable by the next `cari()`."""
        if id in self._nomor:
            self.hapus(id)
        n = self._simpan(id, teks, vektor)
        kata, bobot = self._bobot_kata(n)
        for w, b in zip(kata, bobot, strict=True):
            self._samping.setdefault(w, []).append((n, b))
        self._jumlah_samping += 1
        if self._jumlah_samping > max(1000, len(self._id) // 10):
            self._lipat()

    def hapus(self, id: int) -> None:
        """Remove a verdict (unknown ids are ignored)."""
        n = self._nomor.pop(id, None)
        if n is None:
            return
        self._hidup[n] = False
        self._jumlah_hidup -= 1
        self._total_panjang -= float(self._dl[n])
        unik = np.unique(self._seq[n])
        self._df[unik] -= 1

    def __len__(self) -> int:
        return self._jumlah_hidup

    def _kode(self, kata: str) -> int:
        w = self._kosakata.get(kata)
        if w is None:
            w = len(self._kata)
            self._kosakata[kata] = w
            self._kata.append(kata)
            grams = []
            for g in _gram(kata):
                kode = self._kode_gram.get(g)
                if kode is None:
                    kode = len(self._gram_kata)
                    self._kode_gram[g] = kode
                    self._gram_kata.append([])
                    self._gram_arr.append(None)
                self._gram_kata[kode].append(w)
                self._gram_arr[kode] = None
                grams.append(kode)
            self._n_gram.append(len(grams))
            if kunci := kunci_kerangka(kata):
                self._kerangka.setdefault(kunci, []).append(w)
            if self._tetangga:
                self._tetangga.clear()
        return w

    def _simpan(self, id_: int, teks: str, vek: np.ndarray | None = None) -> int:
        kata, n_judul = istilah(teks, self.kamus)
        klaim = teks[:PANJANG_MAKS].partition("\n")[0]
        self._angka.append(angka(klaim))
        self._ingkar.append(ingkar(klaim))
        self._lembaga.append(lembaga(klaim))
        seq = np.fromiter((self._kode(k) for k in kata), dtype=np.int32, count=len(kata))
        n = len(self._id)
        self._id.append(id_)
        self._nomor[id_] = n
        self._seq.append(seq)
        self._judul.append(n_judul)
        panjang = len(kata) + n_judul  # the claim line counts twice
        if n >= len(self._hidup):
            ukuran = max(1024, 2 * len(self._hidup))
            self._hidup = np.resize(self._hidup, ukuran)
            self._hidup[n:] = False
            self._dl = np.resize(self._dl, ukuran)
            vek_baru = np.zeros((ukuran, self._vek.shape[1]), dtype=np.float32)
            vek_baru[: len(self._vek)] = self._vek
            self._vek = vek_baru
            self._punya_vek = np.resize(self._punya_vek, ukuran)
            self._punya_vek[n:] = False
        self._hidup[n] = True
        if vek is not None:
            self._vek[n] = vek
            self._punya_vek[n] = True
        self._dl[n] = panjang
        if len(self._kata) > len(self._df):
            self._df = np.concatenate([self._df, np.zeros(max(1024, len(self._kata) - len(self._df)), dtype=np.int32)])
        if len(seq):
            self._df[np.unique(seq)] += 1
        self._jumlah_hidup += 1
        self._total_panjang += panjang
        return n

    def _bobot_kata(self, n: int) -> tuple[list[int], list[float]]:
        """Word ids of text n and their BM25 term-frequency parts (claim line counted twice)."""
        seq = self._seq[n]
        tf: dict[int, float] = {}
        for i, w in enumerate(seq.tolist()):
            tf[w] = tf.get(w, 0.0) + (2.0 if i < self._judul[n] else 1.0)
        norm = _K1 * (1 - _B + _B * float(self._dl[n]) / self._avgdl)
        return list(tf), [f * (_K1 + 1) / (f + norm) for f in tf.values()]

    def _lipat(self) -> None:
        """Rebuild the main segment from every live text (after `bangun`, or when the side segment grows)."""
        self._avgdl = max(1.0, self._total_panjang / max(1, self._jumlah_hidup))
        kata_semua, dok_semua, bobot_semua = [], [], []
        for n in range(len(self._id)):
            if not self._hidup[n]:
                continue
            kata, bobot = self._bobot_kata(n)
            kata_semua.append(np.asarray(kata, dtype=np.int32))
            bobot_semua.append(np.asarray(bobot, dtype=np.float32))
            dok_semua.append(np.full(len(kata), n, dtype=np.int32))
        if kata_semua:
            kata_arr = np.concatenate(kata_semua)
            urut = np.argsort(kata_arr, kind="stable")
            self._pdok = np.concatenate(dok_semua)[urut]
            self._pbobot = np.concatenate(bobot_semua)[urut]
            hitung = np.bincount(kata_arr, minlength=len(self._kata))
        else:
            self._pdok = np.zeros(0, dtype=np.int32)
            self._pbobot = np.zeros(0, dtype=np.float32)
            hitung = np.zeros(len(self._kata), dtype=np.int64)
        self._ptr = np.concatenate([[0], np.cumsum(hitung)]).astype(np.int64)
        self._samping = {}
        self._jumlah_samping = 0

    # -- searching ------------------------------------------------------------------------------------------

    def _idf(self, w: int) -> float:
        df = float(self._df[w]) if w < len(self._df) else 0.0
        n = self._jumlah_hidup
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _tetangga_dari(self, kata: str) -> tuple[tuple[int, float], ...]:
        """Vocabulary words spelled like `kata` (itself included when known), with their Dice similarity."""
        hasil = self._tetangga.get(kata)
        if hasil is not None:
            return hasil
        sendiri = self._kosakata.get(kata)
        daftar: list[tuple[int, float]] = [(sendiri, 1.0)] if sendiri is not None else []
        if len(kata) >= 5:
            grams = [self._kode_gram[g] for g in _gram(kata) if g in self._kode_gram]
            if grams:
                arr = []
                for g in grams:
                    a = self._gram_arr[g]
                    if a is None:
                        a = np.asarray(self._gram_kata[g], dtype=np.int32)
                        self._gram_arr[g] = a
                    arr.append(a)
                semua = np.concatenate(arr)
                kata_id, sama = np.unique(semua, return_counts=True)
                if len(self._n_gram_arr) != len(self._n_gram):
                    self._n_gram_arr = np.asarray(self._n_gram, dtype=np.float32)
                n_gram = self._n_gram_arr[kata_id]
                dice = 2.0 * sama / (len(_gram(kata)) + n_gram)
                pilih = np.flatnonzero(dice >= _DICE_MIN)
                pilih = pilih[np.argsort(-dice[pilih])][: _TETANGGA_MAKS + 1]
                for i in pilih.tolist():
                    w = int(kata_id[i])
                    if w != sendiri and self._df[w] > 0:
                        daftar.append((w, float(dice[i])))
        hasil = tuple(daftar)
        if len(self._tetangga) > 50_000:
            self._tetangga.clear()
        self._tetangga[kata] = hasil
        return hasil

    def cari(self, teks: str, k: int = 5) -> list[Hasil]:
        """The k best verdicts for `teks`, best first, each with its calibrated score (0..1).

        Empty or content-free text (only boilerplate, emoji, stopwords) gives []. Text beyond PANJANG_MAKS
        characters is ignored. A result is the answer when `skor >= AMBANG_SAMA`, a possible answer to offer
        when `skor >= AMBANG_MUNGKIN`.
        """
        if k <= 0 or (langkah := self._kandidat(teks)) is None:
            return []
        hasil = self._nilai(langkah)
        hasil.sort(key=lambda h: -h.skor)
        return hasil[:k]

    def _kueri(self, teks: str) -> tuple[list, list[str]]:
        """Query words with their weight (idf, damped repetition) and spelling neighbours; and the words in order."""
        kata, _ = istilah(teks, self.kamus)
        kata = self._tanpa_singkatan(kata, akronim(teks[:PANJANG_MAKS]))
        berat: dict[str, float] = {}
        for kk in kata:
            berat[kk] = berat.get(kk, 0.0) + 1.0
        kueri: list[tuple[str, float, tuple[tuple[int, float], ...]]] = []
        for kk, f in berat.items():
            tetangga = self._tetangga_dari(kk)
            # an unknown word with no neighbour counts as the rarest word: the index cannot vouch for it
            idf = max(self._idf(w) for w, _ in tetangga) if tetangga else math.log(1 + (self._jumlah_hidup + 0.5) / 0.5)
            kueri.append((kk, idf * (1.0 + 0.2 * math.log(f)), tetangga))
        return kueri, kata

    def _tanpa_singkatan(self, kata: list[str], akronim: frozenset[str] = frozenset(), *, buang_henti: bool = True) -> list[str]:
        """The words with chat spellings the dictionaries do not list, written without vowels, read as the word they
        stand for (`_dari_kerangka`); one that stands for a stopword is dropped, as `tokens()` drops stopwords, or
        kept with `buang_henti=False` (for the sentence model, which reads stopwords). Words in `akronim` (written
        with capitals in the message) stay as they are."""
        hasil = []
        for k in kata:
            if k not in akronim and (baku := self._baca_kerangka(k)) is not None:
                if not (buang_henti and baku in self.kamus.stopword):
                    hasil.append(baku)
            else:
                hasil.append(k)
        return hasil

    def _baca_kerangka(self, kata: str) -> str | None:
        """The word a spelling that dropped its vowels stands for: all of them ("pndftrn", see `_dari_kerangka`) or
        some ("pmbngunan", "mninggal", "kryawan"); or the Indonesian word a Banjar spelling stands for, whose
        vowels Banjar says as a and u ("maninggal", "kacalakaan", "pangajian", "ubat"). A word the index or the
        dictionaries know stays as it is; an unknown one is read only as the one word of the same skeleton that
        holds its letters in order, or differs from it only by those vowels, so that an unknown name is not
        turned into a word with other vowels ("Bintan" is not "bantuan")."""
        if tanpa_vokal(kata):
            return self._dari_kerangka(kata)
        if len(kata) < KERANGKA_MIN or not kata.isalpha() or not kata.isascii():
            return None
        if kata in self._kosakata or kata in self.kamus.dikenal:
            return None
        kunci = kerangka(kata)
        if len(kunci) < KERANGKA_MIN:
            return None
        calon = set(self._kerangka_kamus.get(kunci, ())) | {
            self._kata[w] for w in self._kerangka.get(kunci, ()) if self._df[w] > 0
        }
        cocok = [c for c in calon if _terbaca_sebagai(kata, c)]
        return cocok[0] if len(cocok) == 1 else None

    def _dari_kerangka(self, kata: str) -> str | None:
        """The word a vowel-less spelling stands for ("pndftrn" → "pendaftaran", "brdr" → "beredar"), or None:
        when the spelling is itself a known word or acronym ("bpjs", "dtks"), when nothing has its skeleton, or when
        more than one word might be meant. One word with that skeleton among the dictionaries' standard words and
        the index's words is read (an index word only when it is in two verdicts or more); with several, only the
        index's most frequent, when no dictionary word shares the skeleton, it is in two verdicts or more, and at
        least twice as frequent as the next."""
        if kata in self._kosakata or kata in self.kamus.dikenal:
            return None
        kunci = kerangka(kata)
        if len(kunci) < KERANGKA_MIN:
            return None
        dikamus = self._kerangka_kamus.get(kunci, set())
        calon = sorted(
            ((int(self._df[w]), self._kata[w]) for w in self._kerangka.get(kunci, ()) if self._df[w] > 0), reverse=True
        )
        semua = dikamus | {k for _, k in calon}
        if len(semua) == 1:
            baku = next(iter(semua))
            return baku if baku in dikamus or calon[0][0] >= 2 else None
        if dikamus or not calon or calon[0][0] < 2 or calon[0][0] < 2 * calon[1][0]:
            return None
        return calon[0][1]

    def _bm25(self, kueri: list[tuple[str, float, tuple[tuple[int, float], ...]]]) -> np.ndarray:
        dok, nilai = [], []
        samping: dict[int, float] = {}
        for _kk, berat, tetangga in kueri:
            for w, sim in tetangga:
                # a neighbour counts with its own rarity, damped by how far its spelling is
                idf = berat * sim * sim * self._idf(w) / max(self._idf(tetangga[0][0]), 1e-9)
                if w + 1 < len(self._ptr):
                    a, b = self._ptr[w], self._ptr[w + 1]
                    if b > a:
                        dok.append(self._pdok[a:b])
                        nilai.append(self._pbobot[a:b] * idf)
                for n, bb in self._samping.get(w, ()):
                    samping[n] = samping.get(n, 0.0) + bb * idf
        skor = np.zeros(len(self._id), dtype=np.float64)
        if dok:
            skor += np.bincount(np.concatenate(dok), weights=np.concatenate(nilai), minlength=len(self._id))
        for n, s in samping.items():
            skor[n] += s
        skor[~self._hidup[: len(self._id)]] = 0.0
        return skor

    @staticmethod
    def _teratas(skor: np.ndarray, jumlah: int) -> np.ndarray:
        positif = np.flatnonzero(skor > 0)
        if len(positif) > jumlah:
            positif = positif[np.argpartition(-skor[positif], jumlah)[:jumlah]]
        return positif[np.argsort(-skor[positif])]

    def _nilai(self, langkah: _Langkah) -> list[Hasil]:
        """Calibrated scores for the candidates: the fitted model (gradient-boosted trees) of their features.

        With a sentence model, a candidate whose meaning is unknown (a claim saved before vectors, or a message with
        nothing to embed) scores 0: the model was fitted with meaning, and without it it would mislead."""
        fitur = self._fitur(langkah)
        if not fitur:
            return []
        x = np.asarray([[f[nama] for nama in self.model.fitur] for _, f in fitur], dtype=np.float64)
        peluang = self.model.peluang(x)
        hasil = []
        for (n, f), p in zip(fitur, peluang.tolist(), strict=True):
            tanpa_makna = self.penyemat is not None and (langkah.makna is None or not self._punya_vek[n])
            hasil.append(Hasil(self._id[n], 0.0 if tanpa_makna else p, mengingkari=f["ingkar_kata"] > 0))
        return hasil

    def _fitur(self, langkah: _Langkah) -> list[tuple[int, dict[str, float]]]:
        """Features of each candidate (see FITUR and the module docstring)."""
        kueri, kata, kandidat, skor_bm25 = langkah.kueri, langkah.kata, langkah.kandidat, langkah.skor_bm25
        total_kueri = sum(b for _, b, _ in kueri) or 1.0
        pasangan_kueri = {(a, b) for a, b in itertools.pairwise(kata)}
        terbaik = float(skor_bm25[kandidat].max()) if len(kandidat) else 0.0
        makna = langkah.makna
        if makna is not None and len(makna) > 1:  # each candidate's lead over the best of the others
            urut = np.argsort(-makna, kind="stable")
            pertama, kedua = float(makna[urut[0]]), float(makna[urut[1]])
        # the candidates' claim lines, and the rarity of their words computed once for this query
        bagian_semua = [self._bagian_judul(n) for n in kandidat.tolist()]
        # the message's words in order, with their weights: local coverage is read over windows of them
        berat_kata = {kk: berat for kk, berat, _ in kueri}
        berat_urut = np.asarray([berat_kata[kk] for kk in kata], dtype=np.float64)
        lebar = min(KATA_LOKAL, len(kata))
        jendela_lokal = np.ones(lebar)
        penyebut = np.convolve(berat_urut, jendela_lokal, mode="valid") if lebar else np.zeros(0)
        idf = {w: self._idf(w) for w in {w for bagian in bagian_semua for b in bagian for w in b.tolist()}}
        hasil = []
        for i, n in enumerate(kandidat.tolist()):
            seq = self._seq[n]
            unik = set(seq.tolist())
            # query coverage: each query word counts with its best spelling neighbour present in the text
            dapat = 0.0
            cocok_dok: dict[int, float] = {}
            terbaik_kata: dict[str, float] = {}
            for kk, berat, tetangga in kueri:
                best = 0.0
                for w, sim in tetangga:
                    if w in unik:
                        if sim > best:
                            best = sim
                        if sim > cocok_dok.get(w, 0.0):
                            cocok_dok[w] = sim
                dapat += berat * best
                terbaik_kata[kk] = best
            cakup_kueri = dapat / total_kueri
            # local coverage: the same, over the message's stretch of KATA_LOKAL words this verdict covers best (a
            # forward that buries the claim after a paragraph of greetings and village news covers little of itself)
            if lebar:
                pembilang = np.convolve(berat_urut * np.asarray([terbaik_kata[kk] for kk in kata]), jendela_lokal, mode="valid")
                cakup_lokal = float((pembilang / np.maximum(penyebut, 1e-9)).max())
            else:
                cakup_lokal = 0.0
            # claim coverage: how much of the verdict's claim line the query speaks of, or of the opening
            # of the message as it circulated (a forwarded copy of a known template covers that instead)
            bagian = bagian_semua[i]
            cakupan_bagian = [self._cakupan(b, cocok_dok, idf) for b in bagian]
            cakup_judul = max(cakupan_bagian)
            inti = self._inti(bagian[0], cocok_dok, idf)
            kata_dok = [self._kata[w] for w in seq.tolist()]
            pasangan_dok = set(itertools.pairwise(kata_dok))
            pasangan = len(pasangan_kueri & pasangan_dok) / len(pasangan_kueri) if pasangan_kueri else 0.0
            margin = float(skor_bm25[n]) / terbaik if terbaik else 0.0
            # meaning: cosine of the best message window with the claim, and its lead over the other candidates
            if makna is not None and self._punya_vek[n]:
                cos = float(makna[i])
                makna_margin = (cos - (kedua if i == urut[0] else pertama)) if len(makna) > 1 else 0.0
            else:
                cos = makna_margin = 0.0
            angka_klaim = self._angka[n]
            angka_sama = len(angka_klaim & langkah.angka) / len(angka_klaim) if angka_klaim else 0.0
            angka_beda = 1.0 if angka_klaim and langkah.angka and not angka_klaim & langkah.angka else 0.0
            f = {
                "cakup_kueri": cakup_kueri,
                "cakup_lokal": cakup_lokal,
                # the claim line alone (a short circulating text may be covered whole); for a verdict without a claim
                # line, the opening of its text, as cakup_judul
                "cakup_baris": cakupan_bagian[0],
                "cakup_judul": cakup_judul,
                "pasangan": pasangan,
                "margin": margin,
                "makna": cos,
                "makna_margin": makna_margin,
                "angka_cocok": angka_sama,
                "angka_beda": angka_beda,
                "sangkal": langkah.sangkal,
                "ajakan": langkah.ajakan,
                "inti": float(np.mean(inti)) if inti else 0.0,
                "inti_min": min(inti) if inti else 0.0,
                "panjang": min(1.0, len(kata) / 100),
                # what separates a repeat from a true message on the same topic: the claim negates and the message
                # does not ("tidak ada wabah polio" / "masih muncul wabah polio"), or the message negates the
                # claim's own words ("awan itu kada selalu pertanda badai")
                "ingkar_hilang": 1.0 if self._ingkar[n] and not langkah.ingkar else 0.0,
                "ingkar_kata": 1.0 if not self._ingkar[n] and langkah.kata_diingkar & set(bagian[0].tolist()) else 0.0,
                "anjuran": langkah.anjuran,
                "jadwal": langkah.jadwal,
                "kabar": langkah.kabar,
                "sumber": langkah.sumber,
                # the claim names one institution and the message another, not it ("KUR BRI" / "KUR BNI")
                "lembaga_beda": 1.0 if self._lembaga[n] and langkah.lembaga and not self._lembaga[n] & langkah.lembaga else 0.0,
            }
            hasil.append((n, f))
        # Against the other candidates of this query: a long chatty message lowers every cosine and every
        # coverage alike, so what counts is how far this candidate stands above the rest.
        if hasil:
            median = float(np.median([f["makna"] for _, f in hasil]))
            judul = [f["cakup_judul"] for _, f in hasil]
            for i, (_, f) in enumerate(hasil):
                f["makna_median"] = f["makna"] - median
                judul_lain = judul[:i] + judul[i + 1 :]
                f["judul_margin"] = f["cakup_judul"] - (max(judul_lain) if judul_lain else 0.0)
                f["makna_atas"] = 1.0 if f["makna_margin"] > 0 else 0.0
                f["bm25_atas"] = 1.0 if f["margin"] >= 1.0 else 0.0
        return hasil

    def _bagian_judul(self, n: int) -> list[np.ndarray]:
        """The words of a verdict's claim line (or the opening of its text when it has none), and the opening of the
        message as it circulated when there is one."""
        seq, panjang_judul = self._seq[n], self._judul[n]
        bagian = [seq[:panjang_judul] if panjang_judul else seq[:25]]
        if panjang_judul and len(seq) > panjang_judul:
            bagian.append(seq[panjang_judul : panjang_judul + 25])
        return bagian

    def _inti(self, bagian: np.ndarray, cocok_dok: dict[int, float], idf: dict[int, float]) -> list[float]:
        """How well the query matched each of the INTI rarest words of `bagian` (the claim's key words: names,
        programs, institutions, places)."""
        unik = sorted(set(bagian.tolist()), key=lambda w: -idf[w])[:INTI]
        return [cocok_dok.get(w, 0.0) for w in unik]

    def _cakupan(self, bagian: np.ndarray, cocok_dok: dict[int, float], idf: dict[int, float]) -> float:
        """IDF-weighted share of the words of `bagian` that the query matched (with their spelling similarity)."""
        total = dapat = 0.0
        for w in set(bagian.tolist()):
            b = idf[w]
            total += b
            dapat += b * cocok_dok.get(w, 0.0)
        return dapat / total if total else 0.0

    def fitur(self, teks: str) -> list[tuple[int, dict[str, float]]]:
        """(verdict id, features) of the candidates `cari()` would score (for the calibration in bench/)."""
        if (langkah := self._kandidat(teks)) is None:
            return []
        return [(self._id[n], f) for n, f in self._fitur(langkah)]

    def _berat_kata(self, kata: str, dekat: set[int] | None = None) -> float:
        """How much a word of a message says about which claim it is: its rarity in the index, counted only when
        one of the leading candidates by words (`dekat`) holds it (0 for unknown words, and for chatter that
        happens to be rare: "becek", "rewel")."""
        toks = self._tanpa_singkatan(tokens(kata, self.kamus), akronim(kata))
        if not toks:
            return 0.0
        w = self._kosakata.get(akar(toks[0]))
        if w is None or self._df[w] <= 0 or (dekat is not None and w not in dekat):
            return 0.0
        return self._idf(w)

    def _kandidat(self, teks: str) -> _Langkah | None:
        """The query's words, its best candidates by words (BM25) and by meaning, or None when nothing can match."""
        if not self._jumlah_hidup:
            return None
        kueri, kata = self._kueri(teks)
        skor = self._bm25(kueri) if kueri else np.zeros(len(self._id))
        kandidat = self._teratas(skor, _KANDIDAT)
        makna = None
        n = len(self._id)
        if self.penyemat is not None and self._punya_vek[:n].any() and kata:
            kata_dekat = {w for n_ in kandidat[:_KANDIDAT_JENDELA].tolist() for w in self._seq[n_].tolist()}
            potongan = [b for p in jendela(teks, lambda k: self._berat_kata(k, kata_dekat)) if (b := self._teks_makna(p))]
            if potongan:
                q = self.penyemat(potongan)
                # one matrix-vector product per window, then their maximum, a block of rows at a time (_BLOK_MAKNA);
                # one product with a two-column matrix took a third longer than two products
                vek = self._vek[:n]
                q = q.astype(vek.dtype, copy=False)
                if len(q) == 1:
                    cos = vek @ q[0]
                else:
                    cos = np.empty(n, dtype=np.float32)
                    for awal in range(0, n, _BLOK_MAKNA):
                        blok, keluar = vek[awal : awal + _BLOK_MAKNA], cos[awal : awal + _BLOK_MAKNA]
                        np.dot(blok, q[0], out=keluar)
                        for baris in q[1:]:
                            np.maximum(keluar, blok @ baris, out=keluar)
                cos[~(self._hidup[:n] & self._punya_vek[:n])] = -1.0
                dekat = self._teratas(cos + 1.0, _KANDIDAT)  # shifted: _teratas keeps positive scores only
                kandidat = np.union1d(kandidat, dekat).astype(np.int64)
                makna = cos[kandidat]
        if not len(kandidat):
            return None
        kandidat = kandidat[np.argsort(-skor[kandidat], kind="stable")]
        if makna is not None:
            makna = (self._vek[kandidat] @ q.T).max(axis=1)
        return _Langkah(
            kueri,
            kata,
            kandidat,
            skor,
            makna,
            angka(teks[:PANJANG_MAKS]),
            1.0 if menyangkal(teks) else 0.0,
            1.0 if mengajak(teks) else 0.0,
            ingkar(teks[:PANJANG_MAKS]),
            self._kata_diingkar(teks),
            1.0 if menganjurkan(teks) else 0.0,
            lembaga(teks),
            jadwal(teks),
            1.0 if kabar_burung(teks) else 0.0,
            1.0 if bersumber(teks) else 0.0,
        )

    def _teks_makna(self, potongan: str) -> str:
        """A window of the message as the sentence model reads it: in the standard words the lexical stage reads
        (`normalise`: the chat spellings, abbreviations and Banjar words of the dictionaries replaced, forwarding
        boilerplate dropped). Fitted again on the tune half, recall at "sama" out-of-fold went from 0.781 to 0.790
        under the same rules, and on the test half from 0.787 to 0.804 with 1 hard negative of 112 answered
        "sama" instead of 2 (`bench/cocok.py`). A window in another script is read as written: the normaliser
        cuts Arabic, Javanese or Devanagari words at their vowel signs."""
        if any(ord(c) > _LATIN_MAKS for c in unicodedata.normalize("NFKC", potongan) if c.isalpha()):
            return _SPASI.sub(" ", potongan).strip()
        return " ".join(self._tanpa_singkatan(normalise(potongan, self.kamus).split(), akronim(potongan), buang_henti=False))

    def _kata_diingkar(self, teks: str) -> frozenset[int]:
        """The index's word ids of the words that a negating statement in the message stands before (at most
        INGKAR_JARAK, across punctuation, which chat uses loosely; "ini bukan hoaks" and the agency "BKN" are not
        negations of the claim), less the words the message also uses outside a negation's reach: a forward that
        says "Gas melon 3kg isinya AIR bukan gas" repeats the claim "Gas LPG 3kg berisi air", it does not deny it.
        Fitted again on the tune half, 6 of its reworded forwards were no longer held back from "sama" by a
        negation, and recall at "sama" out of fold went from 0.833 / 0.797 / 0.810 to 0.846 / 0.824 / 0.820
        (three sets of fold assignments, `bench/cocok.py`)."""
        mentah = _KATA_MENTAH.findall(_BUKAN_SANGKAL.sub(" ", teks[:PANJANG_MAKS]))
        terjangkau: set[int] = set()  # positions of the words a negation stands before
        for i, k in enumerate(mentah):
            # "BKN" in capitals is the civil-service agency (Badan Kepegawaian Negara), not "bukan"
            if k != "BKN" and _PERNYATAAN_INGKAR.fullmatch(k.lower()):
                terjangkau.update(range(i + 1, min(len(mentah), i + 1 + INGKAR_JARAK)))
        if not terjangkau:
            return frozenset()
        diingkar: set[int] = set()
        ditegaskan: set[int] = set()
        for i, k in enumerate(mentah):
            for t in tokens(k, self.kamus):
                # with its spelling neighbours, as the coverage counts it: "belum terbukti menyembuhkan" denies
                # the claim's "disembuhkan"
                ws = {w for w, _ in self._tetangga_dari(akar(t))}
                (diingkar if i in terjangkau else ditegaskan).update(ws)
        # a word the message also uses plainly is not one it denies ("Gas melon 3kg isinya AIR bukan gas")
        return frozenset(diingkar - ditegaskan)


@dataclass
class _Langkah:
    """One query on its way through the index."""

    kueri: list
    kata: list[str]
    kandidat: np.ndarray  # internal numbers, best BM25 first
    skor_bm25: np.ndarray  # over every internal number
    makna: np.ndarray | None  # cosine of the best message window with each candidate
    angka: frozenset[str]  # the numbers of the message
    sangkal: float  # 1 when the message speaks of a hoax as a hoax
    ajakan: float  # 1 when the message urges its reader to pass it on or act at once
    ingkar: bool  # does the message negate anything
    kata_diingkar: frozenset[int]  # the words it negates (see Indeks._kata_diingkar)
    anjuran: float  # 1 when the message reads as an official notice or a correction
    lembaga: frozenset[str]  # the institutions it names (cekfakta/data/lembaga.tsv)
    jadwal: float  # how much of a day, an hour and a local place it names (see jadwal())
    kabar: float  # 1 when it passes on hearsay or a forward
    sumber: float  # 1 when it names an officer or a service as who says so


def jendela(teks: str, berat: Callable[[str], float]) -> list[str]:
    """At most JENDELA_MAKS windows of the message to embed: its opening, and the window of KATA_JENDELA words
    whose words weigh most by `berat` (the index's rarity of a word, 0 for unknown or common words)."""
    kata = _SPASI.sub(" ", _URL_KASAR.sub(" ", teks)).split()
    if len(kata) <= KATA_JENDELA:
        return [" ".join(kata)] if kata else []
    nilai = np.asarray([berat(k) for k in kata], dtype=np.float64)
    jumlah = np.convolve(nilai, np.ones(KATA_JENDELA), mode="valid")
    langkah = max(1, KATA_JENDELA // 3)
    calon = [*range(0, len(jumlah), langkah), len(jumlah) - 1]
    terbaik = max(calon, key=lambda i: jumlah[i])
    hasil = [" ".join(kata[:KATA_JENDELA])]
    if terbaik >= KATA_JENDELA // 2 and JENDELA_MAKS > 1:
        hasil.append(" ".join(kata[terbaik : terbaik + KATA_JENDELA]))
    return hasil
