import django.contrib.postgres.search
from django.db import migrations


def _gin(apps, schema_editor):
    # The full-text index exists on PostgreSQL only; SQLite searches without it (potensi.cari).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS potensi_potensi_cari_gin ON potensi_potensi USING gin (cari_vektor)")
        schema_editor.execute(
            "UPDATE potensi_potensi SET cari_vektor ="
            " setweight(to_tsvector('indonesian', coalesce(nama, '')), 'A')"
            " || setweight(to_tsvector('indonesian', coalesce(nama_usaha, '') || ' ' || coalesce(nama_produsen, '')), 'B')"
            " || setweight(to_tsvector('indonesian', coalesce(deskripsi, '')), 'C')"
        )


def _gin_hapus(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS potensi_potensi_cari_gin")


class Migration(migrations.Migration):
    dependencies = [("potensi", "0002_jenis_awal")]

    operations = [
        migrations.AddField(
            model_name="potensi",
            name="cari_vektor",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(_gin, _gin_hapus),
    ]
