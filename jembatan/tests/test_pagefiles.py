"""Cached public pages written as files for nginx: by the contract of jembatan.lib.pagefiles, and never
served once a change has retired them."""

import gzip
import threading

import brotli
import pytest

from jembatan.lib import files, pagecache, pagefiles

pytestmark = pytest.mark.django_db


@pytest.fixture
def berkas(settings, tmp_path):
    settings.JEMBATAN_HALAMAN_BERKAS = str(tmp_path / "halaman")
    return tmp_path / "halaman"


def test_an_anonymous_page_is_written_with_its_gzip_and_brotli_twins(client, berkas):
    response = client.get("/cakupan/")
    html = (berkas / "id/cakupan/index.html").read_bytes()
    assert html == response.content
    assert gzip.decompress((berkas / "id/cakupan/index.html.gz").read_bytes()) == html
    assert brotli.decompress((berkas / "id/cakupan/index.html.br").read_bytes()) == html
    assert (berkas / "id/cakupan/index.html").stat().st_mode & 0o044 == 0o044  # readable by the web server


def test_the_english_page_goes_under_en(client, berkas):
    client.cookies["django_language"] = "en"
    response = client.get("/")
    assert (berkas / "en/index.html").read_bytes() == response.content
    assert not (berkas / "id/index.html").exists()


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "komentar_menunggu"])
def test_no_file_for_a_visitor_with_a_personal_cookie(client, berkas, cookie):
    client.cookies[cookie] = "x"
    client.get("/cakupan/")
    assert not (berkas / "id/cakupan/index.html").exists()


def test_no_file_for_a_signed_in_user_or_an_address_with_a_query(client, berkas, cast):
    client.get("/cakupan/?urut=nama")
    assert not (berkas / "id/cakupan/index.html").exists()
    client.force_login(cast.admin)
    client.get("/cakupan/")
    assert not (berkas / "id/cakupan/index.html").exists()


def test_a_change_retires_every_file_at_once(client, berkas):
    """GIVEN pages written as files
    WHEN data they show changes (the page cache's bump)
    THEN none of them is found where the web server looks, and the next visit writes them again."""
    client.get("/cakupan/")
    client.get("/")
    pagecache.invalidate()
    assert not (berkas / "id/cakupan/index.html").exists() and not (berkas / "id/index.html").exists()
    client.get("/cakupan/")
    assert (berkas / "id/cakupan/index.html").exists()


def test_a_render_older_than_the_served_generation_is_never_written_where_it_is_served(tmp_path):
    pagefiles.retire_before(tmp_path, 7)
    assert not pagefiles.write_page(tmp_path, 6, "id", "/warta/", {"identity": b"lama"})
    assert not (tmp_path / "id/warta/index.html").exists()
    assert pagefiles.write_page(tmp_path, 7, "id", "/warta/", {"identity": b"baru"})
    assert (tmp_path / "id/warta/index.html").read_bytes() == b"baru"


def test_a_writer_ahead_of_the_link_moves_it_forward_and_old_generations_are_removed(tmp_path):
    assert pagefiles.write_page(tmp_path, 3, "id", "/", {"identity": b"tiga"})
    assert pagefiles.write_page(tmp_path, 5, "id", "/", {"identity": b"lima"})
    assert (tmp_path / "id/index.html").read_bytes() == b"lima"
    assert pagefiles.served_generation(tmp_path, "en") == 5
    assert sorted(p.name for p in (tmp_path / pagefiles.GENERATIONS).iterdir()) == ["5"]


def test_a_writer_whose_generation_is_retired_mid_write_writes_nothing_and_does_not_fail(tmp_path, monkeypatch):
    """A bump removes the old generation's folder while a render of it is being written (seen under load):
    the page would never be served, so the writer gives up quietly instead of failing the request."""
    pagefiles.retire_before(tmp_path, 4)
    mkstemp = files.tempfile.mkstemp  # pagefiles writes through jembatan.lib.files

    def bump_first(*args, **kwargs):
        pagefiles.retire_before(tmp_path, 5)  # removes generation 4's folder
        return mkstemp(*args, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", bump_first)
    assert not pagefiles.write_page(tmp_path, 4, "id", "/warta/", {"identity": b"lama"})
    assert not (tmp_path / "id/warta/index.html").exists()


@pytest.mark.parametrize("path", ["/../rahasia/", "/a//b/", "/tanpa-garis", "warta/", "/./"])
def test_paths_outside_the_contract_are_not_written(tmp_path, path):
    assert not pagefiles.write_page(tmp_path, 1, "id", path, {"identity": b"x"})
    assert not list(tmp_path.rglob("index.html"))


def test_concurrent_bumps_and_writers_end_on_the_latest_generation(tmp_path):
    """GIVEN several app servers bumping and writing into one directory at the same time
    WHEN they finish in any order
    THEN the links show the latest generation, and only pages rendered under it."""
    mulai = threading.Barrier(16)

    def bump(g):
        mulai.wait()
        pagefiles.retire_before(tmp_path, g)

    def tulis(g):
        mulai.wait()
        pagefiles.write_page(tmp_path, g, "id", "/warta/", {"identity": str(g).encode()})

    threads = [threading.Thread(target=bump, args=(g,)) for g in range(10, 18)]
    threads += [threading.Thread(target=tulis, args=(g,)) for g in range(10, 18)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert pagefiles.served_generation(tmp_path, "id") == pagefiles.served_generation(tmp_path, "en") == 17
    page = tmp_path / "id/warta/index.html"
    assert not page.exists() or page.read_bytes() == b"17"
