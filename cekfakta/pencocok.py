"""Find the published verdict a forwarded message is about, or say honestly that there is none.

Pure library code: it receives (id, text) pairs and knows nothing of models, so the app decides what a
verdict's text is (the claim statement on the first line, then the text as it circulated, works best: the first
line also counts on its own). One `Indeks` per process, in memory.

How a query is answered:
1. Words: `jembatan.lib.text.tokens()` (slang, Banjar, boilerplate, stopwords), numbers dropped (a template comes
   back with another amount, date or phone number), a light suffix stemmer.
2. Candidates: BM25 over words, the claim line counted twice; each query word also searches its spelling
   neighbours in the vocabulary (character 3-grams, Dice ≥ 0.6), so "pemutihan"/"pemutihn" or "dipecat"/"pecat"
   still meet.
3. Score for the best candidates: how much of the query's weight the candidate covers, how much of the
   candidate's claim line the query covers (both with the same spelling tolerance), shared word pairs (near
   duplicates of templated hoaxes), combined by a logistic function fitted on held-out pairs (bench/cekfakta.py),
   so `skor` reads as the probability that the verdict is about this message. `AMBANG_BAWAAN` was chosen on
   the tune half only: the lowest of 0.5/0.6/0.7/0.8 where at most 1 in 400 answers to ministry titles and
   about 1 in 16 answers to bare-claim lookups were another item (many of those are the same hoax filed twice).

Indexing is incremental: `tambah()` makes a verdict findable at once (new words go to a small side segment
that is folded into the main arrays when it grows), `hapus()` hides one at once.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from jembatan.lib.text import Lexicon, default_lexicon, tokens

PANJANG_MAKS = 20_000  # characters read from one text; a claim sits at the start of a forwarded message
KATA_MAKS = 400  # words kept per text

# Fitted by `bench/cekfakta.py --kalibrasi` on the tune half (logistic regression). "cakup_kueri" is kept at 0: fitted
# freely it came out negative (a long forwarded text always covers a bare claim poorly), which would rank badly.
BOBOT = {"awal": -11.516, "cakup_kueri": 0.0, "cakup_judul": 7.604, "pasangan": 1.706, "margin": 5.358}
AMBANG_BAWAAN = 0.7

_K1 = 1.2
_B = 0.75
_KANDIDAT = 30
_DICE_MIN = 0.6
_TETANGGA_MAKS = 6
_AKHIRAN = ("nya", "lah", "kah", "pun", "ku", "mu")


@dataclass(frozen=True)
class Hasil:
    """One verdict found for a query: its id and a score from 0 to 1 (probability-like; see AMBANG_BAWAAN)."""

    id: int
    skor: float


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


def _gram(kata: str) -> set[str]:
    k = f"<{kata}>"
    return {k[i : i + 3] for i in range(len(k) - 2)}


class Indeks:
    """An in-memory index of verdict texts: `bangun`, `tambah`, `hapus`, `cari`."""

    def __init__(self, kamus: Lexicon | None = None) -> None:
        self.kamus = kamus if kamus is not None else default_lexicon()
        self.bobot = dict(BOBOT)
        self._kosongkan()

    # -- building -------------------------------------------------------------------------------------------

    def _kosongkan(self) -> None:
        self._id: list[int] = []  # internal number → verdict id
        self._nomor: dict[int, int] = {}  # verdict id → internal number
        self._hidup = np.zeros(0, dtype=bool)
        self._seq: list[np.ndarray] = []  # word ids in order, per internal number
        self._judul: list[int] = []  # how many of them form the claim line
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
        self._tetangga: dict[str, tuple[tuple[int, float], ...]] = {}

    def bangun(self, dokumen: Iterable[tuple[int, str]]) -> None:
        """Replace the whole index with these (id, text) pairs; a repeated id keeps its last text."""
        self._kosongkan()
        terakhir: dict[int, str] = {}
        for id_, teks in dokumen:
            terakhir[int(id_)] = teks
        for id_, teks in terakhir.items():
            self._simpan(id_, teks)
        self._lipat()

    def tambah(self, id: int, teks: str) -> None:
        """Add or replace one verdict; it is findable by the next `cari()`."""
        if id in self._nomor:
            self.hapus(id)
        n = self._simpan(id, teks)
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
            if self._tetangga:
                self._tetangga.clear()
        return w

    def _simpan(self, id_: int, teks: str) -> int:
        kata, n_judul = istilah(teks, self.kamus)
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
        self._hidup[n] = True
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
                n_gram = np.asarray(self._n_gram, dtype=np.float32)[kata_id]
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
        characters is ignored. A result is a match only when `skor >= AMBANG_BAWAAN` (or the app's own setting).
        """
        if k <= 0 or (langkah := self._kandidat(teks)) is None:
            return []
        hasil = self._nilai(*langkah)
        hasil.sort(key=lambda h: -h.skor)
        return hasil[:k]

    def _kueri(self, teks: str) -> tuple[list, list[str]]:
        """Query words with their weight (idf, damped repetition) and spelling neighbours; and the words in order."""
        kata, _ = istilah(teks, self.kamus)
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

    def _nilai(self, kueri: list, kata: list[str], kandidat: np.ndarray, skor_bm25: np.ndarray) -> list[Hasil]:
        """Calibrated scores for the candidates: a logistic function of their features (see BOBOT)."""
        hasil = []
        for n, f in self._fitur(kueri, kata, kandidat, skor_bm25):
            z = self.bobot["awal"] + sum(self.bobot.get(nama, 0.0) * nilai for nama, nilai in f.items())
            hasil.append(Hasil(self._id[n], 1.0 / (1.0 + math.exp(-z))))
        return hasil

    def _fitur(
        self, kueri: list, kata: list[str], kandidat: np.ndarray, skor_bm25: np.ndarray
    ) -> list[tuple[int, dict[str, float]]]:
        """Features of each candidate, each from 0 to 1 (see the module docstring)."""
        total_kueri = sum(b for _, b, _ in kueri) or 1.0
        pasangan_kueri = {(a, b) for a, b in itertools.pairwise(kata)}
        terbaik = float(skor_bm25[kandidat[0]])
        hasil = []
        for n in kandidat.tolist():
            seq = self._seq[n]
            unik = set(seq.tolist())
            # query coverage: each query word counts with its best spelling neighbour present in the text
            dapat = 0.0
            cocok_dok: dict[int, float] = {}
            for _kk, berat, tetangga in kueri:
                best = 0.0
                for w, sim in tetangga:
                    if w in unik:
                        if sim > best:
                            best = sim
                        if sim > cocok_dok.get(w, 0.0):
                            cocok_dok[w] = sim
                dapat += berat * best
            cakup_kueri = dapat / total_kueri
            # claim coverage: how much of the verdict's claim line the query speaks of, or of the opening
            # of the message as it circulated (a forwarded copy of a known template covers that instead)
            panjang_judul = self._judul[n]
            bagian = [seq[:panjang_judul] if panjang_judul else seq[:25]]
            if panjang_judul and len(seq) > panjang_judul:
                bagian.append(seq[panjang_judul : panjang_judul + 25])
            cakup_judul = max(self._cakupan(b, cocok_dok) for b in bagian)
            kata_dok = [self._kata[w] for w in seq.tolist()]
            pasangan_dok = set(itertools.pairwise(kata_dok))
            pasangan = len(pasangan_kueri & pasangan_dok) / len(pasangan_kueri) if pasangan_kueri else 0.0
            margin = float(skor_bm25[n]) / terbaik if terbaik else 0.0
            f = {"cakup_kueri": cakup_kueri, "cakup_judul": cakup_judul, "pasangan": pasangan, "margin": margin}
            hasil.append((n, f))
        return hasil

    def _cakupan(self, bagian: np.ndarray, cocok_dok: dict[int, float]) -> float:
        """IDF-weighted share of the words of `bagian` that the query matched (with their spelling similarity)."""
        total = dapat = 0.0
        for w in set(bagian.tolist()):
            idf = self._idf(w)
            total += idf
            dapat += idf * cocok_dok.get(w, 0.0)
        return dapat / total if total else 0.0

    def fitur(self, teks: str) -> list[tuple[int, dict[str, float]]]:
        """(verdict id, features) of the candidates `cari()` would score, best BM25 first (for the bench's calibration)."""
        if (langkah := self._kandidat(teks)) is None:
            return []
        return [(self._id[n], f) for n, f in self._fitur(*langkah)]

    def _kandidat(self, teks: str):
        """(query words, words in order, the best BM25 candidates, BM25 scores), or None when nothing can match."""
        if not self._jumlah_hidup:
            return None
        kueri, kata = self._kueri(teks)
        if not kueri:
            return None
        skor = self._bm25(kueri)
        kandidat = self._teratas(skor, _KANDIDAT)
        return (kueri, kata, kandidat, skor) if len(kandidat) else None
