"""The tree model kept as data (jembatan.lib.pohon) gives what scikit-learn gives, and refuses a broken file."""

import json

import numpy as np
import pytest

from jembatan.lib.pohon import Hutan, dari_sklearn


def _data(monotonic=None):
    # Imported by the tests that fit a model, not when the file is collected: scikit-learn (with SciPy) takes 2-4 s
    # to import, which every test worker paid while collecting the suite.
    sklearn = pytest.importorskip("sklearn.ensemble", reason="scikit-learn is a development dependency")
    rng = np.random.default_rng(7)
    x = rng.random((2000, 4))
    y = (x[:, 0] + x[:, 1] * x[:, 2] - 0.5 * x[:, 3] + rng.normal(0, 0.2, len(x)) > 0.6).astype(int)
    model = sklearn.HistGradientBoostingClassifier(
        max_depth=3, max_iter=40, early_stopping=False, random_state=0, monotonic_cst=monotonic
    ).fit(x, y)
    return model, x


@pytest.mark.parametrize("monotonic", [None, [1, 1, 1, -1]])
def test_the_saved_trees_score_exactly_as_the_fitted_model(monotonic):
    model, x = _data(monotonic)
    hutan = Hutan(json.loads(json.dumps(dari_sklearn(model, ["a", "b", "c", "d"]))))
    assert hutan.fitur == ("a", "b", "c", "d")
    assert np.abs(hutan.peluang(x) - model.predict_proba(x)[:, 1]).max() < 1e-12
    # one row at a time, as the matcher scores a query with one candidate
    assert hutan.peluang(x[:1])[0] == pytest.approx(model.predict_proba(x[:1])[0, 1], abs=1e-12)


def test_a_sample_on_a_threshold_goes_left():
    data = {
        "fitur": ["a"],
        "awal": 0.0,
        "pohon": [
            {
                "fitur": [0, 0, 0],
                "batas": [0.5, 0, 0],
                "kiri": [1, 0, 0],
                "kanan": [2, 0, 0],
                "nilai": [0.0, -1.0, 1.0],
                "daun": [False, True, True],
                "kedalaman": 2,
            }
        ],
    }
    assert Hutan(data).mentah(np.array([[0.5], [0.50001]])).tolist() == [-1.0, 1.0]


@pytest.mark.parametrize(
    "rusak, pesan",
    [
        ({"pohon": []}, "no trees"),
        (
            {
                "pohon": [
                    {
                        "fitur": [5, 0, 0],
                        "batas": [0.5, 0, 0],
                        "kiri": [1, 0, 0],
                        "kanan": [2, 0, 0],
                        "nilai": [0, 0, 0],
                        "daun": [False, True, True],
                    }
                ]
            },
            "feature",
        ),
        (
            {
                "pohon": [
                    {
                        "fitur": [0, 0, 0],
                        "batas": [0.5, 0, 0],
                        "kiri": [0, 0, 0],
                        "kanan": [9, 0, 0],
                        "nilai": [0, 0, 0],
                        "daun": [False, True, True],
                    }
                ]
            },
            "outside",
        ),
        (
            {
                "pohon": [
                    {"fitur": [0], "batas": [0.5, 0], "kiri": [1], "kanan": [2], "nilai": [0, 0, 0], "daun": [False, True, True]}
                ]
            },
            "nodes",
        ),
    ],
)
def test_a_broken_model_is_refused_when_loaded(rusak, pesan):
    with pytest.raises(ValueError, match=pesan):
        Hutan({"fitur": ["a"], "awal": 0.0} | rusak)


def test_rows_of_the_wrong_width_are_refused():
    model, x = _data()
    hutan = Hutan(dari_sklearn(model, ["a", "b", "c", "d"]))
    with pytest.raises(ValueError, match="4 features"):
        hutan.peluang(x[:, :3])
