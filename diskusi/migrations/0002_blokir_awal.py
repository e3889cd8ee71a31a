"""A starter blocklist against online-gambling ("judol") comment spam, editable in the Django admin.

"tolak" only for phrases that have no innocent use in a village comment; words that also appear in honest
comments (a citizen warning about judi online, a man named Toto, a shortened link) only hold the comment.
"""

from django.db import migrations

TOLAK = "tolak"
TAHAN = "tahan"

KATA = {
    TOLAK: [
        "slot gacor", "situs gacor", "link gacor", "pola gacor", "jam gacor", "maxwin", "max win", "rtp live",
        "bocoran rtp", "rtp slot", "deposit pulsa", "depo pulsa", "slot deposit", "slot online", "slot88", "slot 88",
        "link alternatif", "daftar slot", "situs slot", "akun slot", "scatter hitam", "mahjong ways", "gates of olympus",
        "sweet bonanza", "starlight princess", "bandar togel", "togel online", "toto macau", "situs toto",
        "bandar judi", "agen judi", "anti rungkad", "bonus new member", "freebet", "free bet",
    ],
    TAHAN: [
        "toto", "togel", "gacor", "judi online", "judol", "situs judi", "casino", "kasino", "jackpot", "taruhan",
        "betting", "rungkad", "parlay", "sbobet", "deposit", "wd",
    ],
}
DOMAIN = {
    TOLAK: ["heylink.me", "linkr.bio", "linkfly.to", "wlink.in"],
    TAHAN: ["bit.ly", "s.id", "cutt.ly", "tinyurl.com", "linktr.ee", "rebrand.ly", "t.ly", "shorturl.at", "rb.gy"],
}


def isi(apps, schema_editor):
    Blokir = apps.get_model("diskusi", "Blokir")
    for jenis, daftar in (("kata", KATA), ("domain", DOMAIN)):
        for tindakan, pola in daftar.items():
            for p in pola:
                Blokir.objects.get_or_create(jenis=jenis, pola=p, defaults={"tindakan": tindakan})


def kosongkan(apps, schema_editor):
    Blokir = apps.get_model("diskusi", "Blokir")
    for jenis, daftar in (("kata", KATA), ("domain", DOMAIN)):
        for pola in daftar.values():
            Blokir.objects.filter(jenis=jenis, pola__in=pola).delete()


class Migration(migrations.Migration):
    dependencies = [("diskusi", "0001_awal")]

    operations = [migrations.RunPython(isi, kosongkan)]
