"""A gradient-boosted tree model kept as data: evaluated with numpy, fitted elsewhere (scikit-learn, dev only).

The file is JSON: the feature names in order, the starting log-odds, and per tree its nodes as parallel lists
(`fitur`: feature index, `batas`: threshold, `kiri`/`kanan`: child node, `nilai`: leaf value, `daun`: is a leaf).
A sample goes left when its feature is <= the threshold (scikit-learn's rule for numeric features without missing
values). The probability is the logistic function of the start plus the leaves reached, as
`HistGradientBoostingClassifier.predict_proba` gives it for the positive class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


class Hutan:
    """A fitted forest: `peluang(X)` gives one probability per row of X (columns in the order of `fitur`)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.fitur: tuple[str, ...] = tuple(data["fitur"])
        self.awal = float(data["awal"])
        pohon = data["pohon"]
        if not pohon:
            raise ValueError("the model has no trees")
        lebar = max(len(p["nilai"]) for p in pohon)
        t = len(pohon)
        self._fitur = np.zeros((t, lebar), dtype=np.int64)
        self._batas = np.zeros((t, lebar), dtype=np.float64)
        self._kiri = np.zeros((t, lebar), dtype=np.int64)
        self._kanan = np.zeros((t, lebar), dtype=np.int64)
        self._nilai = np.zeros((t, lebar), dtype=np.float64)
        self._daun = np.ones((t, lebar), dtype=bool)
        kedalaman = 0
        for i, p in enumerate(pohon):
            n = len(p["nilai"])
            for nama in ("fitur", "batas", "kiri", "kanan", "daun"):
                if len(p[nama]) != n:
                    raise ValueError(f"tree {i}: `{nama}` has {len(p[nama])} nodes, `nilai` {n}")
            self._fitur[i, :n] = p["fitur"]
            self._batas[i, :n] = p["batas"]
            self._kiri[i, :n] = p["kiri"]
            self._kanan[i, :n] = p["kanan"]
            self._nilai[i, :n] = p["nilai"]
            self._daun[i, :n] = p["daun"]
            dalam = ~self._daun[i, :n]
            if (self._fitur[i, :n][dalam] >= len(self.fitur)).any() or (self._fitur[i, :n][dalam] < 0).any():
                raise ValueError(f"tree {i} names a feature that is not in `fitur`")
            anak = np.concatenate([self._kiri[i, :n][dalam], self._kanan[i, :n][dalam]])
            if (anak <= 0).any() or (anak >= n).any():
                raise ValueError(f"tree {i} points outside itself")
            kedalaman = max(kedalaman, int(p.get("kedalaman", n)))
        # every path is at most this long: a node's children come after it, so n steps always reach a leaf
        self._langkah = min(kedalaman, lebar)

    def mentah(self, x: np.ndarray) -> np.ndarray:
        """The log-odds of each row."""
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != len(self.fitur):
            raise ValueError(f"expected rows of {len(self.fitur)} features, got shape {x.shape}")
        t, n = self._nilai.shape[0], x.shape[0]
        simpul = np.zeros((t, n), dtype=np.int64)
        baris = np.arange(t)[:, None]
        for _ in range(self._langkah):
            daun = self._daun[baris, simpul]
            if daun.all():
                break
            f = self._fitur[baris, simpul]
            kiri = x[np.arange(n)[None, :], f] <= self._batas[baris, simpul]
            lanjut = np.where(kiri, self._kiri[baris, simpul], self._kanan[baris, simpul])
            simpul = np.where(daun, simpul, lanjut)
        hasil: np.ndarray = self.awal + self._nilai[baris, simpul].sum(axis=0)
        return hasil

    def peluang(self, x: np.ndarray) -> np.ndarray:
        hasil: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(self.mentah(x), -50.0, 50.0)))
        return hasil


def dari_sklearn(model: Any, fitur: Sequence[str]) -> dict[str, Any]:
    """The JSON data of a fitted binary `HistGradientBoostingClassifier` (numeric features, no missing values)."""
    pohon = []
    for iterasi in model._predictors:
        (p,) = iterasi  # one tree per iteration for a binary classifier
        nodes = p.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not supported")
        pohon.append(
            {
                "fitur": [int(v) for v in nodes["feature_idx"]],
                "batas": [float(v) for v in nodes["num_threshold"]],
                "kiri": [int(v) for v in nodes["left"]],
                "kanan": [int(v) for v in nodes["right"]],
                "nilai": [float(v) for v in nodes["value"]],
                "daun": [bool(v) for v in nodes["is_leaf"]],
                "kedalaman": int(nodes["depth"].max()) + 1,
            }
        )
    return {"fitur": list(fitur), "awal": float(np.ravel(model._baseline_prediction)[0]), "pohon": pohon}
