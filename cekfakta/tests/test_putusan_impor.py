"""An imported verdict's page says who checked it, with the link; the source's headline is the title of its
reference, never our explanation."""

import importlib
import json

import pytest
from django.apps import apps

from cekfakta.claimreview import impor
from cekfakta.models import Klaim, Referensi

pytestmark = pytest.mark.django_db

URL = "https://cekfakta.example/2024/vaksin-chip"
JUDUL_ULASAN = "[HOAKS] Vaksin Mengandung Chip Pelacak yang Terhubung ke Satelit"


def _impor(**extra):
    item = {
        "@type": "ClaimReview",
        "url": URL,
        "datePublished": "2024-05-02",
        "claimReviewed": "Vaksin mengandung chip pelacak",
        "name": JUDUL_ULASAN,
        "author": {"@type": "Organization", "name": "Pemeriksa Uji"},
        "reviewRating": {"@type": "Rating", "alternateName": "Salah"},
        **extra,
    }
    impor(json.dumps([item]))
    return Klaim.objects.get()


def _penjelasan(html):
    return html.split("<h2>Penjelasan</h2>")[1].split("<h2>")[0]


def test_the_page_says_who_checked_it_and_names_the_review_as_a_reference(client):
    k = _impor()
    html = client.get(k.get_absolute_url()).content.decode()
    penjelasan = _penjelasan(html)
    assert f'Diperiksa oleh <a href="{URL}" rel="noopener">Pemeriksa Uji</a>.' in penjelasan
    assert "Vaksin Mengandung Chip Pelacak yang Terhubung" not in penjelasan
    assert f'<a href="{URL}" rel="noopener nofollow">{JUDUL_ULASAN}</a>' in html
    assert k.penjelasan == f"Diperiksa oleh Pemeriksa Uji. Hasil pemeriksaan lengkap: {URL}"


def test_an_explanation_the_desk_added_is_shown_below(client):
    k = _impor()
    Klaim.objects.filter(pk=k.pk).update(penjelasan="Chip sekecil itu tidak dapat mengirim sinyal ke satelit.")
    penjelasan = _penjelasan(client.get(k.get_absolute_url()).content.decode())
    assert "Diperiksa oleh" in penjelasan and "tidak dapat mengirim sinyal ke satelit" in penjelasan


def test_a_review_without_a_link_names_its_checker_without_one(client):
    k = _impor(url="")
    penjelasan = _penjelasan(client.get(k.get_absolute_url()).content.decode())
    assert "Diperiksa oleh Pemeriksa Uji." in penjelasan and "<a " not in penjelasan
    assert k.penjelasan == "Diperiksa oleh Pemeriksa Uji."


def test_verdicts_imported_before_get_the_new_explanation_unless_the_desk_rewrote_it():
    migrasi = importlib.import_module("cekfakta.migrations.0006_penjelasan_impor")
    lama = _impor()
    Klaim.objects.filter(pk=lama.pk).update(penjelasan=JUDUL_ULASAN)  # as the import wrote it before
    tanpa_judul = Klaim.objects.create(
        judul="Air PDAM tercemar", penjelasan="Air PDAM tercemar", diimpor=True, sumber_nama="Pemeriksa Lain"
    )
    diubah = Klaim.objects.create(judul="Gempa besar malam ini", penjelasan="Ditulis ulang oleh meja.", diimpor=True)
    Referensi.objects.create(klaim=diubah, judul="Gempa besar malam ini", url="https://lain.example/1")
    sendiri = Klaim.objects.create(judul="Putusan kami", penjelasan="Putusan kami")

    migrasi.penjelasan_impor(apps, None)

    assert Klaim.objects.get(pk=lama.pk).penjelasan == f"Diperiksa oleh Pemeriksa Uji. Hasil pemeriksaan lengkap: {URL}"
    assert Klaim.objects.get(pk=tanpa_judul.pk).penjelasan == "Diperiksa oleh Pemeriksa Lain."
    assert Klaim.objects.get(pk=diubah.pk).penjelasan == "Ditulis ulang oleh meja."
    assert Klaim.objects.get(pk=sendiri.pk).penjelasan == "Putusan kami"
