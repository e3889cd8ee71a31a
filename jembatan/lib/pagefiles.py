"""Cached public pages as files that the web server sends by itself: the page cache's second tier.

The contract with the web server (deploy/nginx/halaman.conf): a GET or HEAD for the URL path P
(ending in `/`, no query string) from a visitor with none of the personal cookies of
`jembatan.lib.pagecache.personal_cookies` (session, messages, JEMBATAN_PAGE_CACHE_PERSONAL_COOKIES),
in language L (`en` when the `django_language` cookie says `en`, else `id`), is answered with
`<root>/<L><P>index.html`, or its `.gz`/`.br` sibling for a client that accepts that encoding;
when there is no file, the request goes to the application.

Retiring must be exact: once a change is saved, no file rendered before it may be served. So files
never live in `<root>/<L>` itself: `<root>/<L>` is a symbolic link to `<root>/.generasi/<G>/<L>`,
the directory of the current cache generation G, and a bump (`retire_before`) points every link at
the new generation's empty directory in one `rename` each. A page rendered under generation G is
only ever written into G's directory, so a render that started before a change lands in a directory
nobody serves any more. Links only move forward, under a lock file, so app servers sharing the
directory (several processes, or hosts on one network file system) can bump and write in any order.
Each file is written to a temporary name and renamed, so the web server never sends half a page.
The web server must resolve the link on every request (nginx: no `open_file_cache` there).

A file is also bounded in time, as the Redis tier's entries are by JEMBATAN_PAGE_CACHE_SECONDS, should a
bump ever be missed: the web server sends it without asking the application, so nothing would refresh it.
`sweep` (run by `manage.py sapu_halaman` on a timer) removes the files older than that, and the
generation directories no link points at.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from jembatan.lib.files import write_whole

GENERATIONS = ".generasi"
LOCK = ".kunci"
SUFFIX = {"identity": "", "gzip": ".gz", "br": ".br"}


def _languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def served_generation(root: str | Path, language: str) -> int | None:
    """The generation whose files the web server sends for `language` now (None: no link yet)."""
    try:
        target = os.readlink(Path(root) / language)
    except (FileNotFoundError, OSError):
        return None
    try:
        return int(Path(target).parent.name)
    except ValueError:
        return None


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _point_at(root: Path, generation: int) -> None:
    """Every language's link at `generation`, unless it already shows a later one (under the lock)."""
    with _locked(root):
        for language in _languages():
            shown = served_generation(root, language)
            if shown is not None and shown >= generation:
                continue
            target = Path(GENERATIONS) / str(generation) / language
            (root / target).mkdir(parents=True, exist_ok=True)
            link = root / f".{language}.{os.getpid()}.baru"
            link.unlink(missing_ok=True)
            link.symlink_to(target)
            os.replace(link, root / language)
        oldest_shown = min((served_generation(root, lang) or generation) for lang in _languages())
        for directory in (root / GENERATIONS).iterdir():
            # A writer that rendered under an old generation may still be writing there: it only
            # creates files nobody serves, and the next bump removes them.
            if directory.name.isdigit() and int(directory.name) < oldest_shown:
                shutil.rmtree(directory, ignore_errors=True)


def retire_before(root: str | Path, generation: int) -> None:
    """Stop serving every page file older than `generation` (called by the page cache's bump)."""
    _point_at(Path(root), generation)


def _segments(path: str) -> list[str] | None:
    if not path.startswith("/") or not path.endswith("/") or "\x00" in path:
        return None
    segments = path[1:-1].split("/") if path != "/" else []
    if any(s in ("", ".", "..") for s in segments):
        return None
    return segments


def write_page(root: str | Path, generation: int, language: str, path: str, bodies: Mapping[str, bytes]) -> bool:
    """Writes the page at URL `path` rendered under `generation` as `index.html` (+ `.gz`, `.br` from
    `bodies`, keyed by encoding). Returns False when nothing was written: a path the contract does not
    cover, or a render older than what is served."""
    base = Path(root)
    segments = _segments(path)
    if segments is None or language not in _languages():
        return False
    shown = served_generation(base, language)
    if shown is None or shown < generation:
        _point_at(base, generation)
        shown = served_generation(base, language)
    if shown != generation:
        return False
    directory = base / GENERATIONS / str(generation) / language / "/".join(segments)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for encoding, body in bodies.items():
            write_whole(directory / f"index.html{SUFFIX[encoding]}", body)  # readable by nginx's user
    except FileNotFoundError:
        # A newer generation was pointed at while this one was being written, and the old generation's
        # folder removed under the writer: the page would never be served, so it is simply not written.
        return False
    return True


def sweep(root: str | Path, max_age: float, now: float | None = None) -> tuple[int, int]:
    """Removes the page files (and half-written temporary ones) last written more than `max_age` seconds
    before `now`, the directories they leave empty, and every generation directory no language's link
    points at. Returns (files removed, generation directories removed)."""
    base = Path(root)
    generations = base / GENERATIONS
    if not generations.is_dir():
        return 0, 0
    oldest_kept = (time.time() if now is None else now) - max_age
    files = retired = 0
    with _locked(base):  # no bump moves a link meanwhile
        linked = (served_generation(base, language) for language in _languages())
        shown = {generation for generation in linked if generation is not None}
        for directory in generations.iterdir():
            if directory.name.isdigit() and int(directory.name) in shown:
                continue
            shutil.rmtree(directory, ignore_errors=True)
            retired += 1
        for generation in shown:
            for language in _languages():
                files += _sweep_tree(generations / str(generation) / language, oldest_kept, keep=True)
    return files, retired


def _sweep_tree(directory: Path, oldest_kept: float, keep: bool) -> int:
    """Old files under `directory`; then the directory itself when it is left empty, unless `keep`."""
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return 0
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            removed += _sweep_tree(Path(entry.path), oldest_kept, keep=False)
        elif entry.name.startswith(("index.html", ".index.")):
            try:
                if entry.stat(follow_symlinks=False).st_mtime < oldest_kept:
                    os.unlink(entry.path)
                    removed += 1
            except FileNotFoundError:
                pass  # rewritten (renamed over) or removed meanwhile
    if not keep:
        try:
            directory.rmdir()
        except OSError:
            pass  # not empty: a page still current, or one written meanwhile
    return removed
