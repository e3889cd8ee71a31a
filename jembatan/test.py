"""Shared test data: the cast of users (one per role and scope) and small make_x helpers.

Region data is real: the session loads province 63 (Kalimantan Selatan) through the real
importer. Village A is Tungkap (Binuang), village B is Pandulangan (Tapin Tengah).
"""

from __future__ import annotations

import csv
import functools
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

KAB = "63.05"
KEC_BINUANG = "63.05.01"
KEC_TAPIN_TENGAH = "63.05.03"
DESA_A = "63.05.01.2003"  # Tungkap, Binuang
DESA_B = "63.05.03.2001"  # Pandulangan, Tapin Tengah
KEL_BINUANG = "63.05.01.1001"  # Kelurahan Binuang
PASSWORD = "sandi-uji-yang-panjang"


def csv_provinsi(prefix: str = "63") -> Path:
    """A copy of the national table holding one province, for fast test imports."""
    src = Path(settings.JEMBATAN_DATA_DIR) / "wilayah" / "wilayah_indonesia_kepmendagri2025.csv"
    out = Path(tempfile.mkdtemp()) / f"wilayah_{prefix}.csv"
    with open(src, newline="", encoding="utf-8") as f, open(out, "w", newline="", encoding="utf-8") as g:
        reader, writer = csv.reader(f), csv.writer(g)
        writer.writerow(next(reader))
        writer.writerows(row for row in reader if row[0] == prefix or row[0].startswith(prefix + "."))
    return out


def muat_wilayah() -> None:
    from wilayah.impor import berkas_batas_bawaan, impor_batas, impor_wilayah

    impor_wilayah(csv_provinsi("63"), progres=False)
    impor_batas(KAB, berkas_batas_bawaan(Path(settings.JEMBATAN_DATA_DIR), KAB), progres=False)


# Migrations that write starter data (the judol blocklist, the kinds of potensi and of activity, the starting
# score scheme): a flushed database lacks it.
MIGRASI_DATA_AWAL = (
    "diskusi.migrations.0002_blokir_awal",
    "potensi.migrations.0002_jenis_awal",
    "penilaian.migrations.0002_data_awal",
)


def muat_ulang_setelah_flush() -> None:
    """After a transactional test's flush: the regions again, and the starter data the migrations wrote, so the
    tests that follow on this process find the database every test starts from."""
    muat_wilayah()
    muat_data_awal()


# On SQLite, the test database as the session set it up (regions and starter data), copied once in memory.
_salinan_awal: sqlite3.Connection | None = None


def simpan_salinan_awal() -> None:
    """Keep a copy of the SQLite test database as every test starts from it (nothing on other databases)."""
    global _salinan_awal
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    connection.ensure_connection()
    _salinan_awal = sqlite3.connect(":memory:")
    connection.connection.backup(_salinan_awal)


def pulihkan_salinan_awal() -> bool:
    """After a transactional test's flush on SQLite: the whole database put back from the copy (milliseconds, where
    importing the regions again takes 1-2 s). False when there is no copy (PostgreSQL): then muat_ulang_setelah_flush."""
    from django.db import connection

    if _salinan_awal is None or connection.vendor != "sqlite":
        return False
    connection.ensure_connection()
    _salinan_awal.backup(connection.connection)
    return True


def muat_data_awal() -> None:
    """The starter data the migrations in MIGRASI_DATA_AWAL write, written again (they only add what is missing)."""
    import importlib

    from django.apps import apps

    for nama in MIGRASI_DATA_AWAL:
        importlib.import_module(nama).isi(apps, None)


def make_user(email: str, peran: str, wilayah: str | None = None, **fields):
    from akun.models import User

    return User.objects.create_user(
        email, PASSWORD, nama=fields.pop("nama", email.split("@")[0].title()), peran=peran, wilayah_id=wilayah, **fields
    )


def make_kim(kode: str, tahap: str = "aktif", **fields):
    """A KIM whose history walks the formation steps up to `tahap`, one month apart in 2025."""
    from kim.models import URUTAN_PEMBENTUKAN, Kim, RiwayatTahap, Tahap

    fields.setdefault("nama", f"KIM uji {kode}")
    if tahap in (Tahap.SK_TERBIT, Tahap.TERDAFTAR, Tahap.AKTIF, Tahap.TIDAK_AKTIF):
        fields.setdefault("nomor_sk", "141/01/2025")
        fields.setdefault("tanggal_sk", date(2025, 3, 1))
    kim = Kim.objects.create(wilayah_id=kode, tahap=tahap, tanggal_tahap=date(2025, 1, 1), **fields)
    steps = URUTAN_PEMBENTUKAN[1 : URUTAN_PEMBENTUKAN.index(tahap) + 1] if tahap in URUTAN_PEMBENTUKAN else [tahap]
    dari: str = Tahap.BELUM_ADA
    for i, step in enumerate(steps):
        RiwayatTahap.objects.create(kim=kim, dari=dari, ke=step, tanggal=date(2025, 1 + i, 1))
        dari = step
    return kim


def make_pengurus(kim, nama: str, jabatan: str = "ketua", mulai: date = date(2025, 3, 1), **fields):
    from kim.models import Pengurus

    return Pengurus.objects.create(kim=kim, nama=nama, jabatan=jabatan, mulai=mulai, **fields)


# The roles of the cast, as named on `Cast`; "anonim" is a visitor who is not signed in.
SEMUA_PERAN = ("admin", "verifikator", "operator", "pemdes", "editor", "anggota", "editor_lain", "warga")
# Who may read village A's management pages, manage its KIM, and record its pipeline steps.
PEMBACA_A = frozenset({"admin", "operator", "pemdes", "editor", "anggota"})
PENGELOLA_A = frozenset({"admin", "operator", "pemdes", "editor"})
HANYA_ADMIN = frozenset({"admin"})
SEMUA_MASUK = frozenset(SEMUA_PERAN)


@dataclass(frozen=True)
class Halaman:
    """One protected page for the every-role test (jembatan/tests/test_akses_halaman.py).

    Each app lists its protected pages in `<app>/tests/halaman.py` (`terlindung(cast)`, and the names of
    its public views in `PUBLIK`). Roles in `boleh` get through (any answer but 404 and server errors:
    a form error or a redirect counts); every other role gets 404, never 403; an anonymous visitor gets
    `anonim` (the login redirect, or 401 from the API)."""

    url: str
    boleh: frozenset[str]
    method: str = "get"
    data: dict | None = None
    anonim: int = 302


@dataclass
class Cast:
    admin: object
    verifikator: object
    operator: object  # kecamatan Binuang
    pemdes: object  # village A
    editor: object  # pengurus of village A's KIM
    anggota: object  # member of village A's KIM
    editor_lain: object  # pengurus of village B's KIM
    warga: object
    kim_a: object
    kim_b: object

    def semua(self) -> dict[str, object]:
        return {k: v for k, v in vars(self).items() if not k.startswith("kim")}


# (role on the cast, e-mail, role, scope region)
_CAST = [
    ("admin", "admin@uji.example", "admin", None),
    ("verifikator", "verifikator@uji.example", "verifikator", None),
    ("operator", "operator@uji.example", "operator", KEC_BINUANG),
    ("pemdes", "kades@uji.example", "pemdes", DESA_A),
    ("editor", "editor@uji.example", "pengurus", DESA_A),
    ("anggota", "anggota@uji.example", "anggota", DESA_A),
    ("editor_lain", "editor.b@uji.example", "pengurus", DESA_B),
    ("warga", "warga@uji.example", "warga", None),
]


@functools.cache
def _hash_sandi() -> str:
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


def buat_cast() -> Cast:
    """The cast, written with a few bulk inserts (it is made for hundreds of tests, each in its own
    rolled-back transaction); the same rows `make_user` and `make_kim` would write."""
    from akun.models import User
    from kim.models import URUTAN_PEMBENTUKAN, Kim, RiwayatTahap, Tahap

    users = User.objects.bulk_create(
        User(email=email, password=_hash_sandi(), nama=email.split("@")[0].title(), peran=peran, wilayah_id=wilayah)
        for _nama, email, peran, wilayah in _CAST
    )
    sk = {"nomor_sk": "141/01/2025", "tanggal_sk": date(2025, 3, 1), "tanggal_tahap": date(2025, 1, 1)}
    kim_a, kim_b = Kim.objects.bulk_create(
        [
            Kim(wilayah_id=DESA_A, nama="KIM Tungkap Bersinar", tahap=Tahap.AKTIF, **sk),
            Kim(wilayah_id=DESA_B, nama="KIM Pandulangan", tahap=Tahap.TERDAFTAR, **sk),
        ]
    )
    riwayat = []
    for kim in (kim_a, kim_b):
        dari: str = Tahap.BELUM_ADA
        for i, step in enumerate(URUTAN_PEMBENTUKAN[1 : URUTAN_PEMBENTUKAN.index(kim.tahap) + 1]):
            riwayat.append(RiwayatTahap(kim=kim, dari=dari, ke=step, tanggal=date(2025, 1 + i, 1)))
            dari = step
    RiwayatTahap.objects.bulk_create(riwayat)
    return Cast(**{nama: user for (nama, *_), user in zip(_CAST, users, strict=True)}, kim_a=kim_a, kim_b=kim_b)


def di_thread(fn):
    """Run `fn` on a thread of its own, so on a database connection of its own (its writes commit, as
    another server process's would), and return what it returned."""
    import threading

    from django.db import connections

    out = {}

    def run():
        try:
            out["value"] = fn()
        finally:
            connections.close_all()

    t = threading.Thread(target=run)
    t.start()
    t.join(30)
    return out.get("value")


def cocok_openapi(spec: dict, path: str, response, status: int = 200, method: str = "get") -> None:
    """Assert that a response body matches the schema its OpenAPI document declares for it."""
    from jsonschema import Draft202012Validator

    def inline(node):
        if isinstance(node, dict):
            if "$ref" in node and node["$ref"].startswith("#/components/schemas/"):
                return inline(spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    schema = spec["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
    errors = sorted(Draft202012Validator(inline(schema)).iter_errors(response.json()), key=str)
    assert not errors, errors[0]
