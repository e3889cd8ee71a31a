import django.contrib.postgres.search
from django.db import migrations


def _gin(apps, schema_editor):
    # The full-text index exists on PostgreSQL only; SQLite searches without it (warta.cari).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS warta_berita_cari_gin ON warta_berita USING gin (cari_vektor)")


def _gin_hapus(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS warta_berita_cari_gin")


class Migration(migrations.Migration):
    dependencies = [("warta", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="berita",
            name="cari_vektor",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(_gin, _gin_hapus),
    ]
