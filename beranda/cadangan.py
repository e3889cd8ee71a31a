"""Backups of the whole deployment: the database and the uploaded files, with a manifest that proves them.

A backup is one folder, `jembatan-YYYYMMDD-HHMMSS/`, holding
- `database.sqlite3` (SQLite's online backup API, consistent while the site runs) or `database.pgdump`
  (`pg_dump --format=custom`, taken in the same snapshot the row counts are read from),
- `media.tar.gz`, everything under MEDIA_ROOT,
- `manifest.json`: when, which code, which database, rows per table, file count and bytes, sha256 of each part.
It is written under a hidden `.…-sebagian` name and renamed once complete, so a folder with the final name is
always a whole backup. `pulihkan` checks every sha256 before touching anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
DATABASE_PART = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Written by `migrate` itself: a database holding rows only here is a fresh one, safe to restore over.
BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission"}

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore could not be done; the message says why, for the operator."""


def _quiet(_: str) -> None:
    pass


# --- backing up -------------------------------------------------------------------------------------


def cadangkan(tujuan: Path, progres: Progress = _quiet) -> Path:
    """Write one complete backup folder into `tujuan` and return its path."""
    vendor = connection.vendor
    if vendor not in DATABASE_PART:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    tujuan.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    name = f"jembatan-{now:%Y%m%d-%H%M%S}"
    final, partial = tujuan / name, tujuan / f".{name}-sebagian"
    if final.exists():
        raise BackupError(f"{final} already exists")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        database = partial / DATABASE_PART[vendor]
        progres(f"database ({vendor}) → {database.name}")
        counts = _dump_sqlite(database) if vendor == "sqlite" else _dump_postgres(database)
        progres(f"  {len(counts)} tables, {sum(counts.values())} rows")
        progres(f"media {settings.MEDIA_ROOT} → {MEDIA}")
        files, size = _archive_media(Path(settings.MEDIA_ROOT), partial / MEDIA)
        progres(f"  {files} files, {size} bytes")
        manifest = {
            "created_at": now.isoformat(),
            "version": _version(),
            "commit": _git_commit(),
            "database": vendor,
            "tables": counts,
            "media": {"files": files, "bytes": size},
            "sha256": {part.name: _sha256(part) for part in (database, partial / MEDIA)},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        os.rename(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    progres(f"backup complete: {final}")
    return final


def _dump_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    # Counted in the copy itself: exactly what the backup holds, whatever the site wrote meanwhile.
    with sqlite3.connect(target) as copy:
        return _count_sqlite(copy)


def _count_sqlite(db: sqlite3.Connection) -> dict[str, int]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}  # noqa: S608


def _pg_args_env() -> tuple[list[str], dict[str, str]]:
    """Connection options for the PostgreSQL client programs; the password travels in PGPASSWORD, never in argv."""
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"], "--no-password"]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    if sslmode := s.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"{cmd[0]} not found: install the PostgreSQL client matching the server (postgresql-client)")
    if done.returncode != 0:
        raise BackupError(f"{cmd[0]} failed (exit {done.returncode}): {done.stderr.strip()}")


def _dump_postgres(target: Path) -> dict[str, int]:
    # One REPEATABLE READ snapshot, exported to pg_dump: the counts in the manifest are those of the dump.
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        with raw.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            counts = _count_postgres(cur)
            args, env = _pg_args_env()
            _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}", *args], env)
        raw.rollback()
    finally:
        raw.close()
    return counts


def _count_postgres(cur: Any) -> dict[str, int]:
    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    counts = {}
    for (table,) in cur.fetchall():
        cur.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  (names from the catalogue)
        counts[table] = cur.fetchone()[0]
    return counts


def _archive_media(root: Path, target: Path) -> tuple[int, int]:
    files = size = 0
    with tarfile.open(target, "w:gz") as tar:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=str(path.relative_to(root)), recursive=False)
                    files, size = files + 1, size + path.stat().st_size
    return files, size


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _version() -> str:
    try:
        return tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return ""


def _git_commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


# --- restoring ----------------------------------------------------------------------------------------


def baca_manifest(sumber: Path) -> dict[str, Any]:
    """The backup's manifest, after checking that every part is there with its recorded sha256."""
    try:
        manifest = json.loads((sumber / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{sumber} is not a backup made by cadangkan (no {MANIFEST})")
    except ValueError as e:
        raise BackupError(f"{sumber / MANIFEST} is not valid JSON: {e}")
    for part, expected in manifest.get("sha256", {}).items():
        path = sumber / part
        if not path.is_file():
            raise BackupError(f"{part} is missing from the backup")
        if _sha256(path) != expected:
            raise BackupError(f"{part} does not match its sha256 in the manifest: the backup is damaged, nothing was restored")
    if set(manifest.get("sha256", {})) != {DATABASE_PART.get(manifest.get("database", "")), MEDIA}:
        raise BackupError(f"{MANIFEST} does not list the database and the media parts")
    return manifest


def rows_outside_bookkeeping() -> int:
    """Rows in the configured database beyond what `migrate` writes; 0 for a new, empty database."""
    counts = current_counts()
    return sum(n for table, n in counts.items() if table not in BOOKKEEPING_TABLES)


def current_counts() -> dict[str, int]:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            return _count_sqlite(connection.connection)
        return _count_postgres(cur)


def pulihkan(sumber: Path, timpa: bool = False, progres: Progress = _quiet) -> dict[str, tuple[int, int | None]]:
    """Restore a backup into the configured database and MEDIA_ROOT.

    Refuses a damaged backup, one from another database vendor, and (unless `timpa`) a database that already
    holds data, before changing anything. Returns the tables whose row counts differ from the manifest
    afterwards, as {table: (expected, found)}; empty when the restore is exact.
    """
    progres(f"checking {sumber}")
    manifest = baca_manifest(sumber)
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(f"the backup holds a {manifest['database']} database; the configured one is {vendor}")
    if not timpa and (rows := rows_outside_bookkeeping()):
        raise BackupError(f"the database is not empty ({rows} rows); add --ya to replace its contents with the backup")
    database = sumber / DATABASE_PART[vendor]
    progres(f"database ← {database.name}")
    _restore_sqlite(database) if vendor == "sqlite" else _restore_postgres(database)
    progres(f"media ← {MEDIA} into {settings.MEDIA_ROOT}")
    _restore_media(sumber / MEDIA, Path(settings.MEDIA_ROOT))
    found = current_counts()
    expected: dict[str, int] = manifest["tables"]
    differences = {t: (n, found.get(t)) for t, n in expected.items() if found.get(t) != n}
    progres(f"  {len(expected)} tables compared, {len(differences)} differ")
    return differences


def _restore_sqlite(database: Path) -> None:
    # The backup API again, in the other direction: the pages are replaced in one write transaction of the
    # live database, so open connections and the WAL file stay valid (copying a file over them would not).
    connection.ensure_connection()
    with sqlite3.connect(database) as source:
        source.backup(connection.connection)


def _restore_postgres(database: Path) -> None:
    connection.close()  # holds no lock that the restore would wait for
    args, env = _pg_args_env()
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", *args, str(database)],
        env,
    )


def _restore_media(archive: Path, root: Path) -> None:
    # Unpacked beside MEDIA_ROOT, then swapped in by renames: a failed unpack leaves the current files alone.
    root.parent.mkdir(parents=True, exist_ok=True)
    fresh, old = root.with_name(f".{root.name}-pulih"), root.with_name(f".{root.name}-lama")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    fresh.mkdir()
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(fresh, filter="data")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if root.exists():
        os.rename(root, old)
    os.rename(fresh, root)
    shutil.rmtree(old, ignore_errors=True)
