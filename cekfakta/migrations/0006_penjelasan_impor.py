from django.db import migrations


def penjelasan_impor(apps, schema_editor):
    """Imported verdicts stop showing the source's headline as our explanation (the headline stays as the
    title of their reference). An explanation the desk has since rewritten is kept."""
    Klaim = apps.get_model("cekfakta", "Klaim")
    Referensi = apps.get_model("cekfakta", "Referensi")
    for k in Klaim.objects.filter(diimpor=True).only("id", "judul", "penjelasan", "sumber_nama", "sumber_url").iterator():
        judul_ref = Referensi.objects.filter(klaim_id=k.pk).order_by("id").values_list("judul", flat=True).first()
        if k.penjelasan not in {k.judul, judul_ref}:
            continue
        teks = f"Diperiksa oleh {k.sumber_nama or 'pemeriksa fakta lain'}."
        if k.sumber_url:
            teks = f"{teks} Hasil pemeriksaan lengkap: {k.sumber_url}"
        Klaim.objects.filter(pk=k.pk).update(penjelasan=teks)


class Migration(migrations.Migration):
    dependencies = [
        ("cekfakta", "0005_pencocok_makna"),
    ]

    operations = [
        migrations.RunPython(penjelasan_impor, migrations.RunPython.noop),
    ]
