import json
import random
import shutil
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from akun.models import User
from beranda import cadangan
from jembatan import test as t
from warta.models import Berita
from wilayah.models import Level, Wilayah

SAMPLED = (Wilayah, User, Berita)


def _populate(cast, media: Path) -> None:
    for i in range(6):
        Berita.objects.create(
            judul=f"Kerja bakti {i}",
            isi="Gotong royong membersihkan saluran air di desa.",
            wilayah_id=t.DESA_A,
            kim=cast.kim_a,
            penulis=cast.editor,
            status="terbit",
            terbit_pada=timezone.now(),
        )
    desa = Wilayah.objects.filter(kode__startswith=t.KEC_BINUANG, level=Level.DESA).exclude(kode=t.DESA_A)[0]
    t.make_kim(desa.kode, nama="KIM Baru")
    (media / "publik" / "foto").mkdir(parents=True)
    (media / "publik" / "foto" / "kerja-bakti.jpg").write_bytes(bytes(range(256)) * 40)
    (media / "kim" / "sk").mkdir(parents=True)
    (media / "kim" / "sk" / "sk.pdf").write_bytes(b"%PDF-1.4 rahasia %%EOF")


def _sample(pks: dict | None = None) -> tuple[dict, dict]:
    """Five random rows of each sampled table, by primary key (the same keys when `pks` is given)."""
    pks = pks or {m: random.sample(list(m.objects.values_list("pk", flat=True)), 5) for m in SAMPLED}
    return pks, {m: list(m.objects.filter(pk__in=pks[m]).order_by("pk").values()) for m in SAMPLED}


def _media_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_backup_restored_into_an_emptied_database_gives_back_every_row_and_file(transaksional, tmp_path, settings):
    cast = t.buat_cast()
    media = Path(settings.MEDIA_ROOT)
    _populate(cast, media)
    counts = cadangan.current_counts()
    pks, rows = _sample()
    files = _media_files(media)

    out = StringIO()
    started = time.perf_counter()
    call_command("cadangkan", "--ke", str(tmp_path / "cadangan"), stdout=out)
    took_backup = time.perf_counter() - started
    [backup] = (tmp_path / "cadangan").iterdir()
    assert "backup complete" in out.getvalue()
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["tables"] == counts
    assert manifest["media"] == {"files": 2, "bytes": sum(len(b) for b in files.values())}
    assert manifest["database"] == connection.vendor

    with pytest.raises(CommandError, match="not empty"):
        call_command("pulihkan", str(backup), stdout=StringIO())

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert cadangan.rows_outside_bookkeeping() == 0

    started = time.perf_counter()
    call_command("pulihkan", str(backup), stdout=out)
    took_restore = time.perf_counter() - started
    assert "every table's row count matches" in out.getvalue()
    assert cadangan.current_counts() == counts
    assert _sample(pks)[1] == rows
    assert _media_files(media) == files
    print(f"{connection.vendor}: {sum(counts.values())} rows, backup {took_backup:.2f} s, restore {took_restore:.2f} s")

    # A manifest that disagrees with what was restored is reported, with the table and both counts.
    manifest["tables"]["akun_user"] += 1
    (backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"akun_user: 9 rows in the backup, 8 now"):
        call_command("pulihkan", str(backup), "--ya", stdout=StringIO())


def test_a_backup_with_one_byte_changed_is_refused_before_anything_is_touched(transaksional, tmp_path, settings):
    cast = t.buat_cast()
    backup = cadangan.cadangkan(tmp_path)
    part = backup / cadangan.DATABASE_PART[connection.vendor]
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0x01
    part.write_bytes(bytes(data))
    User.objects.filter(pk=cast.warga.pk).delete()
    (Path(settings.MEDIA_ROOT) / "baru.txt").write_text("ditulis setelah pencadangan")
    counts = cadangan.current_counts()

    with pytest.raises(CommandError, match=r"database\.\w+ does not match its sha256"):
        call_command("pulihkan", str(backup), "--ya", stdout=StringIO())

    assert cadangan.current_counts() == counts
    assert (Path(settings.MEDIA_ROOT) / "baru.txt").read_text() == "ditulis setelah pencadangan"


def test_a_failed_backup_leaves_no_folder_that_looks_complete(db, tmp_path, monkeypatch):
    def half_a_dump(target):
        target.write_bytes(b"half")
        return {}

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cadangan, "_dump_sqlite", half_a_dump)
    monkeypatch.setattr(cadangan, "_dump_postgres", half_a_dump)
    monkeypatch.setattr(cadangan, "_archive_media", disk_full)

    with pytest.raises(CommandError, match=r"backup failed: .*No space left"):
        call_command("cadangkan", "--ke", str(tmp_path), stdout=StringIO())

    assert list(tmp_path.iterdir()) == []


def test_a_backup_from_another_database_vendor_is_refused(transaksional, tmp_path):
    backup = cadangan.cadangkan(tmp_path)
    manifest = json.loads((backup / "manifest.json").read_text())
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    part = backup / cadangan.DATABASE_PART[connection.vendor]
    part.rename(backup / cadangan.DATABASE_PART[other])
    manifest["database"] = other
    manifest["sha256"][cadangan.DATABASE_PART[other]] = manifest["sha256"].pop(part.name)
    (backup / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match=f"holds a {other} database"):
        call_command("pulihkan", str(backup), "--ya", stdout=StringIO())


def test_the_database_password_goes_to_pg_dump_in_its_environment_never_on_its_command_line(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "sandi-rahasia")

    args, env = cadangan._pg_args_env()

    assert "sandi-rahasia" not in " ".join(args)
    assert env["PGPASSWORD"] == "sandi-rahasia"


def test_on_postgresql_the_database_part_is_a_pg_dump_custom_archive(pakai_postgres, cast, tmp_path):
    backup = cadangan.cadangkan(tmp_path)

    assert (backup / "database.pgdump").read_bytes()[:5] == b"PGDMP"


def test_the_starter_data_flushed_by_a_transactional_test_is_written_again(db):
    """A transactional test ends with a flush that also empties what the migrations wrote (the judol blocklist,
    the kinds of potensi); the conftest hook writes it again for the tests that follow on the same process."""
    from diskusi.models import Blokir
    from jembatan.test import muat_data_awal
    from potensi.models import JenisPotensi

    jumlah = (Blokir.objects.count(), JenisPotensi.objects.count())
    Blokir.objects.all().delete()
    JenisPotensi.objects.all().delete()
    muat_data_awal()
    assert (Blokir.objects.count(), JenisPotensi.objects.count()) == jumlah != (0, 0)
