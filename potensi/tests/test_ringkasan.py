"""The card's summary is stored with the item when it is saved, so the catalogue renders no Markdown per request."""

import importlib

import pytest
from django import forms
from django.apps import apps
from django.core.cache import cache

from potensi.forms import PilihanRingan
from potensi.models import Potensi, Status, ringkas
from potensi.tests.bantu import make_potensi

pytestmark = pytest.mark.django_db

PANJANG = "Gula aren **cetak** dari [nira](https://contoh.id) pohon aren. " + "Dimasak lama di tungku kayu. " * 12


def test_the_summary_is_the_descriptions_plain_text_cut_at_a_word():
    teks = ringkas(PANJANG)
    assert teks.startswith("Gula aren cetak dari nira pohon aren.") and "**" not in teks and "https" not in teks
    assert teks.endswith("…") and len(teks) <= 201 and not teks[:-1].endswith(" ")
    assert ringkas("Pendek *saja*.") == "Pendek saja."


def test_the_stored_summary_follows_an_edit_of_a_published_item(client, cast):
    """
    GIVEN a published item whose card shows the summary of its description
    WHEN its description is changed through the write flow
    THEN the stored summary and the catalogue's card show the new text, not the old
    """
    p = make_potensi(cast, Status.TERBIT, deskripsi="Gula aren **cetak** dari nira.")
    assert Potensi.objects.get(pk=p.pk).ringkasan == "Gula aren cetak dari nira."
    assert "Gula aren cetak dari nira." in client.get("/potensi/").content.decode()

    p.deskripsi = "Madu *kelulut* dari hutan desa."
    p.simpan_perubahan(oleh=cast.admin, versi=p.versi, alasan_perubahan="Produk berganti")
    cache.clear()

    assert Potensi.objects.get(pk=p.pk).ringkasan == "Madu kelulut dari hutan desa."
    html = client.get("/potensi/").content.decode()
    assert "Madu kelulut dari hutan desa." in html and "Gula aren cetak dari nira." not in html


def test_saving_only_the_description_saves_its_summary_too(cast):
    p = make_potensi(cast)
    p.deskripsi = "Anyaman *purun* halus."
    p.save(update_fields=["deskripsi"])
    assert Potensi.objects.get(pk=p.pk).ringkasan == "Anyaman purun halus."


def test_the_migration_fills_the_summary_of_existing_items(cast):
    p = make_potensi(cast, deskripsi=PANJANG)
    Potensi.objects.filter(pk=p.pk).update(ringkasan="")  # as the rows were before the column existed
    migrasi = importlib.import_module("potensi.migrations.0005_ringkasan_tersimpan")
    migrasi._isi_ringkasan(apps, None)
    assert Potensi.objects.get(pk=p.pk).ringkasan == ringkas(PANJANG)


def test_the_light_select_writes_what_djangos_select_writes():
    pilihan = [("", "Semua"), ("63.05.01.2001", "Tungkap & <Binuang>"), ("63.05.01.2002", "Raya Belanti")]
    for nilai in ("", "63.05.01.2001", None):
        ringan = PilihanRingan(choices=pilihan).render("desa", nilai, {"id": "id_desa"})
        assert ringan == forms.Select(choices=pilihan).render("desa", nilai, {"id": "id_desa"})
    assert '<option value="63.05.01.2001" selected>Tungkap &amp; &lt;Binuang&gt;</option>' in PilihanRingan(
        choices=pilihan
    ).render("desa", "63.05.01.2001")
