from django.db import migrations, models

from jembatan.lib.markup import to_text


def _isi_ringkasan(apps, schema_editor):
    # The summary as Potensi.save() now keeps it (potensi.models.ringkas at the time of this migration).
    Potensi = apps.get_model("potensi", "Potensi")
    ubah = []
    for p in Potensi.objects.only("pk", "deskripsi").iterator(chunk_size=1000):
        teks = to_text(p.deskripsi)
        p.ringkasan = teks[:200].rsplit(" ", 1)[0] + "…" if len(teks) > 200 else teks
        ubah.append(p)
        if len(ubah) == 1000:
            Potensi.objects.bulk_update(ubah, ["ringkasan"])
            ubah = []
    Potensi.objects.bulk_update(ubah, ["ringkasan"])


class Migration(migrations.Migration):
    dependencies = [("potensi", "0004_pengingat_dan_urutan_katalog")]

    operations = [
        migrations.AddField(
            model_name="potensi",
            name="ringkasan",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(_isi_ringkasan, migrations.RunPython.noop),
    ]
