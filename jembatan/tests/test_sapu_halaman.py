"""`manage.py sapu_halaman`: page files live no longer than the page cache's time limit, as Redis entries do."""

import os
import time
from io import StringIO

import pytest
from django.core.management import call_command

from jembatan.lib import pagefiles


@pytest.fixture
def berkas(settings, tmp_path):
    settings.JEMBATAN_HALAMAN_BERKAS = str(tmp_path / "halaman")
    settings.JEMBATAN_PAGE_CACHE_SECONDS = 300
    return tmp_path / "halaman"


def write(root, generation, language, path, age, now):
    assert pagefiles.write_page(root, generation, language, path, {"identity": b"<p>x</p>", "gzip": b"gz"})
    directory = root / pagefiles.GENERATIONS / str(generation) / language / path.strip("/")
    for name in ("index.html", "index.html.gz"):
        os.utime(directory / name, (now - age, now - age))
    return root / language / path.lstrip("/") / "index.html"


def sapu():
    out = StringIO()
    call_command("sapu_halaman", stdout=out)
    return out.getvalue()


def test_files_older_than_the_cache_time_limit_go_and_newer_ones_stay(berkas):
    now = time.time()
    old = write(berkas, 5, "id", "/warta/lama/", age=301, now=now)
    fresh = write(berkas, 5, "id", "/warta/baru/", age=299, now=now)
    old_english = write(berkas, 5, "en", "/", age=3600, now=now)
    assert "4 berkas halaman lebih tua dari 300 detik" in sapu()  # two pages, each with its .gz
    assert not old.exists() and not old.with_name("index.html.gz").exists() and not old_english.exists()
    assert fresh.exists() and fresh.with_name("index.html.gz").exists()
    assert not old.parent.exists()  # the directory it left empty goes too
    assert (berkas / "id").is_dir() and (berkas / "en").is_dir()  # the links stay for the next pages


def test_generation_directories_no_link_points_at_are_removed(berkas):
    now = time.time()
    write(berkas, 5, "id", "/cakupan/", age=0, now=now)
    stale = berkas / pagefiles.GENERATIONS / "4" / "id" / "cakupan"  # e.g. left by a writer behind a bump
    stale.mkdir(parents=True)
    (stale / "index.html").write_bytes(b"<p>lama</p>")
    assert "1 direktori generasi lama dihapus" in sapu()
    assert not (berkas / pagefiles.GENERATIONS / "4").exists()
    assert (berkas / "id" / "cakupan" / "index.html").read_bytes() == b"<p>x</p>"


def test_a_half_written_file_left_by_a_killed_writer_goes_once_old(berkas):
    now = time.time()
    page = write(berkas, 5, "id", "/cakupan/", age=0, now=now)
    temporary = page.with_name(".index.abc123")
    temporary.write_bytes(b"<p>separuh")
    os.utime(temporary, (now - 400, now - 400))
    sapu()
    assert not temporary.exists() and page.exists()


def test_with_the_clock_moved_on_every_page_written_before_goes(berkas, time_machine):
    time_machine.move_to("2026-11-30 05:00:00+00:00", tick=False)
    page = write(berkas, 5, "id", "/cakupan/", age=0, now=time.time())
    assert page.exists()
    time_machine.move_to("2026-11-30 05:05:01+00:00", tick=False)
    sapu()
    assert not page.exists()


def test_without_page_files_it_says_so_and_touches_nothing(settings, tmp_path):
    settings.JEMBATAN_HALAMAN_BERKAS = ""
    assert "tidak ada berkas halaman" in sapu()
