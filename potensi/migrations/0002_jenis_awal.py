"""The starting list of kinds; Diskominfo edits it in the admin afterwards."""

from django.db import migrations

JENIS = [
    # (nama, slug, schema.org type, a place one visits)
    ("Produk UMKM", "produk-umkm", "Product", False),
    ("Pertanian", "pertanian", "Product", False),
    ("Perkebunan", "perkebunan", "Product", False),
    ("Perikanan dan peternakan", "perikanan-peternakan", "Product", False),
    ("Kerajinan", "kerajinan", "Product", False),
    ("Kuliner", "kuliner", "LocalBusiness", True),
    ("Wisata", "wisata", "TouristAttraction", True),
    ("Jasa", "jasa", "LocalBusiness", False),
    ("Seni dan budaya", "seni-budaya", "PerformingGroup", False),
    ("BUMDes", "bumdes", "LocalBusiness", False),
]


def isi(apps, schema_editor):
    JenisPotensi = apps.get_model("potensi", "JenisPotensi")
    for urutan, (nama, slug, skema, tempat) in enumerate(JENIS):
        JenisPotensi.objects.get_or_create(slug=slug, defaults={"nama": nama, "skema": skema, "tempat": tempat, "urutan": urutan})


def hapus(apps, schema_editor):
    apps.get_model("potensi", "JenisPotensi").objects.filter(slug__in=[j[1] for j in JENIS], potensi__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("potensi", "0001_initial")]

    operations = [migrations.RunPython(isi, hapus)]
