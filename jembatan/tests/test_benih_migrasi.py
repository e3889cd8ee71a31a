"""On SQLite the test database is built from the models, not by the migrations (conftest.py), so the data the
migrations put into an empty database is added by conftest's BENIH_MIGRASI. A new migration that runs Python must
be sorted here: seed data (add it to BENIH_MIGRASI) or work on existing rows and PostgreSQL only (add it below)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings as django_settings
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython, RunSQL

from conftest import BENIH_MIGRASI

# Fill columns of rows that exist, or build PostgreSQL indexes: nothing to do in an empty SQLite database.
BUKAN_BENIH = {
    "cekfakta.migrations.0005_pencocok_makna",
    "cekfakta.migrations.0006_penjelasan_impor",
    "cekfakta.migrations.0008_dikabari_ditutup",
    "potensi.migrations.0003_cari_vektor",
    "potensi.migrations.0005_ringkasan_tersimpan",
    "suarawarga.migrations.0002_program_desa_hari_jawab",
    "suarawarga.migrations.0004_aspirasi_kecamatan",
    "warta.migrations.0002_cari_vektor",
}


def test_every_migration_that_runs_code_is_a_known_seed_or_needs_no_seed(settings):
    settings.MIGRATION_MODULES = {}  # the migrations on disk, also where the test database was built without them
    proyek = {c.label for c in apps.get_app_configs() if Path(c.path).parent == django_settings.BASE_DIR}  # top-level folders
    berkode = {
        f"{app}.migrations.{nama}"
        for (app, nama), migrasi in MigrationLoader(None, ignore_no_migrations=True).disk_migrations.items()
        if app in proyek and any(isinstance(op, RunPython | RunSQL) for op in migrasi.operations)
    }
    assert berkode - set(BENIH_MIGRASI) - BUKAN_BENIH == set(), "sort these into BENIH_MIGRASI or BUKAN_BENIH"
    assert set(BENIH_MIGRASI) | BUKAN_BENIH <= berkode, "listed but no longer a migration that runs code"
