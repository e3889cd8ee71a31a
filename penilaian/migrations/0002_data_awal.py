"""The starting kinds of activity and a starting scheme (weights, targets, levels); Diskominfo edits both in
the admin afterwards."""

import datetime

from django.db import migrations

JENIS = [
    # (nama, slug, axis the kind counts on)
    ("Sosialisasi", "sosialisasi", "diseminasi"),
    ("Pelatihan", "pelatihan", "akses"),
    ("Literasi digital", "literasi-digital", "akses"),
    ("Rapat", "rapat", "diskusi"),
    ("Diseminasi informasi", "diseminasi-informasi", "diseminasi"),
    ("Peliputan", "peliputan", "informasi"),
    ("Pendampingan warga", "pendampingan-warga", "aspirasi"),
    ("Pameran", "pameran", "networking"),
    ("Forum antar-KIM", "forum-antar-kim", "networking"),
    ("Lainnya", "lainnya", "diseminasi"),
]

# (indicator, weight, target); the weights add up to 100.
BOBOT = [
    ("kegiatan.informasi", 10, 2),
    ("informasi.berita", 10, 4),
    ("informasi.potensi", 5, 1),
    ("kegiatan.diseminasi", 10, 2),
    ("diseminasi.siaran_diteruskan", 10, 1),
    ("diseminasi.siaran_cepat", 5, 1),
    ("kegiatan.diskusi", 5, 1),
    ("diskusi.komentar", 5, 5),
    ("diskusi.dijawab", 5, 1),
    ("networking.bersama", 10, 1),
    ("kegiatan.aspirasi", 5, 1),
    ("akses.anggota", 5, 10),
    ("akses.profil", 5, 1),
    ("kegiatan.akses", 5, 1),
    ("prestasi.penghargaan", 5, 1),
]

TINGKAT = [("Pemula", 0, 40), ("Madya", 40, 70), ("Utama", 70, 100)]


def isi(apps, schema_editor):
    JenisKegiatan = apps.get_model("penilaian", "JenisKegiatan")
    for urutan, (nama, slug, sumbu) in enumerate(JENIS):
        JenisKegiatan.objects.get_or_create(slug=slug, defaults={"nama": nama, "sumbu": sumbu, "urutan": urutan})
    Skema = apps.get_model("penilaian", "Skema")
    if Skema.objects.exists():
        return
    skema = Skema.objects.create(nama="Skema awal", berlaku_mulai=datetime.date(2025, 1, 1))
    for kode, bobot, target in BOBOT:
        skema.bobot.create(indikator=kode, bobot=bobot, target=target)
    for nama, bawah, atas in TINGKAT:
        skema.tingkat.create(nama=nama, batas_bawah=bawah, batas_atas=atas)


def hapus(apps, schema_editor):
    apps.get_model("penilaian", "Skema").objects.filter(nama="Skema awal", skor__isnull=True).delete()
    apps.get_model("penilaian", "JenisKegiatan").objects.filter(slug__in=[j[1] for j in JENIS]).delete()


class Migration(migrations.Migration):
    dependencies = [("penilaian", "0001_initial")]

    operations = [migrations.RunPython(isi, hapus)]
