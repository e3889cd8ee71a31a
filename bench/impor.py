"""(a) Time the national region import into a fresh database (the one DATABASE_URL names).

Migrates, imports the full Kemendagri table with wilayah.impor.impor_wilayah (what
`manage.py impor_wilayah --paksa` calls), then imports the same file again, forced: every row
is compared with the database and nothing changes (the update path). Prints one `impor` line.
"""

from __future__ import annotations

from umum import db_label, line, setup_django, stopwatch, verdict

TARGET_S = 20


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from wilayah.impor import baca_csv, impor_wilayah
    from wilayah.models import Level, Wilayah

    path = settings.JEMBATAN_DATA_DIR / "wilayah" / "wilayah_indonesia_kepmendagri2025.csv"
    migrate_s, _ = stopwatch(lambda: call_command("migrate", interactive=False, verbosity=0))
    if Wilayah.objects.exists():
        raise SystemExit("bench: the database already holds regions; bench/run gives each run a fresh one")
    # The parse and validation alone, to show how the import time divides (not part of the target).
    parse_s, rows = stopwatch(lambda: baca_csv(path))
    import_s, hasil = stopwatch(lambda: impor_wilayah(path, paksa=True, progres=False))
    if hasil.baru != len(rows):
        raise SystemExit(f"bench: expected {len(rows)} new regions, the import reports {hasil.baru}")
    reimport_s, ulang = stopwatch(lambda: impor_wilayah(path, paksa=True, progres=False))
    line(
        "impor",
        db=db_label(),
        what="impor_wilayah(paksa) of the national CSV into a fresh migrated database",
        rows=hasil.baris,
        villages=Wilayah.objects.filter(level=Level.DESA).count(),
        migrate_s=round(migrate_s, 2),
        parse_s=round(parse_s, 2),
        import_s=round(import_s, 2),
        target_import_s=TARGET_S,
        ok=verdict(import_s <= TARGET_S),
        reimport_s=round(reimport_s, 2),
        reimport_changed=ulang.baru + ulang.diubah + ulang.tidak_berlaku,
    )


if __name__ == "__main__":
    main()
