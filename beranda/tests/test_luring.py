"""The offline worker's settings and the web app manifest, as the browser fetches them (the worker's
behaviour itself is tested in a browser: e2e/test_luring.py)."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

from beranda.luring import HALAMAN_LURING

pytestmark = pytest.mark.django_db


def test_the_worker_is_served_from_the_root_with_its_settings_first(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/" and response["Cache-Control"] == "no-cache"
    kepala, _, badan = response.content.decode().partition("\n")
    pengaturan = json.loads(kepala.removeprefix("self.JEMBATAN = ").removesuffix(";"))
    assert pengaturan["keluar"] == "/akun/keluar/" and "/" in pengaturan["awal"]
    assert pengaturan["teks"]["tersimpan"] == "Tersimpan, mungkin sudah berubah"
    assert 'addEventListener("fetch"' in badan


def test_the_kept_pages_are_the_ones_the_issue_names(cast):
    """Each rule names real addresses: an article, the verdict list and a verdict, the inbox and a siaran."""
    contoh = {
        "/": "segar",
        reverse("warta:baca", args=[7, "banjir-rantau"]): "simpan",
        reverse("cekfakta:daftar"): "segar",
        reverse("cekfakta:putusan", args=[3, "foto-lama"]): "segar",
        reverse("siaran:kotak_masuk"): "segar",
        reverse("siaran:baca", args=[5]): "segar",
    }
    for alamat, cara in contoh.items():
        cocok = [r for r in HALAMAN_LURING if re.search(r["pola"], alamat)]
        assert [r["cara"] for r in cocok] == [cara], alamat
    assert not any(re.search(r["pola"], reverse("warta:meja")) for r in HALAMAN_LURING)


def test_the_manifest_makes_the_site_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["display"] == "standalone" and data["start_url"] == "/" and data["theme_color"] == "#0b5cad"
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}
    for ikon in data["icons"]:
        with Image.open(finders.find(ikon["src"].removeprefix(settings.STATIC_URL))) as gambar:
            assert f"{gambar.width}x{gambar.height}" == ikon["sizes"] and gambar.format == "PNG"
    assert '<link rel="manifest" href="/manifest.webmanifest">' in client.get("/").content.decode()


def test_every_page_names_its_account_for_the_worker_and_never_the_same_for_two(client, cast):
    assert client.get("/").headers["X-Jembatan-Akun"] == ""
    client.force_login(cast.editor)
    editor = client.get("/kelola/siaran/").headers["X-Jembatan-Akun"]
    client.force_login(cast.anggota)
    anggota = client.get("/kelola/siaran/").headers["X-Jembatan-Akun"]
    assert editor and anggota and editor != anggota
    assert f'data-akun="{anggota}"' in client.get("/kelola/siaran/").content.decode()


def test_the_policy_allows_the_worker_and_manifest_from_this_site_only(client):
    kebijakan = client.get("/").headers["Content-Security-Policy"]
    assert "worker-src 'self'" in kebijakan and "manifest-src 'self'" in kebijakan
