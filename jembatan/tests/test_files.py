"""Files written whole or not at all."""

import os

import pytest

from jembatan.lib import files


def test_a_file_is_replaced_whole_and_readable_by_every_user(tmp_path):
    path = tmp_path / "halaman.html"
    path.write_bytes(b"lama")
    old_umask = os.umask(0o077)
    try:
        files.write_whole(path, b"baru")
    finally:
        os.umask(old_umask)
    assert path.read_bytes() == b"baru"
    assert path.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["halaman.html"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "model.onnx"
    path.write_bytes(b"lama")

    def gagal(*args):
        raise OSError("disk penuh")

    monkeypatch.setattr(files.os, "replace", gagal)
    with pytest.raises(OSError, match="disk penuh"):
        files.write_whole(path, b"baru")
    assert path.read_bytes() == b"lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.onnx"]
