"""The offline service worker and the web app manifest: a phone that once opened the site reads it without
signal, keeps forms filled offline until the signal returns, and can install the site as an app.

The worker itself is the static file static/js/sw.js; it is served from the site root so its scope is the
whole site, preceded by its settings: which pages it keeps, which forms it may queue, and its texts in the
visitor's language. The pages it keeps and the forms it queues are listed here, next to the URLs they name.
"""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from beranda.context_processors import deployment

# Pages kept for reading offline. "segar": the network first, the kept copy when there is no signal;
# "simpan": the kept copy at once (refreshed behind it), for pages that rarely change once published.
# `batas` keeps only the most recently opened pages of that kind.
HALAMAN_LURING = [
    {"pola": r"^/$", "cara": "segar"},
    {"pola": r"^/warta/\d+-[\w-]+/$", "cara": "simpan", "batas": 20},
    {"pola": r"^/cek-fakta/$", "cara": "segar"},
    {"pola": r"^/cek-fakta/\d+-[\w-]+/$", "cara": "segar", "batas": 20},
    {"pola": r"^/cek-fakta/cek/$", "cara": "segar"},
    {"pola": r"^/aspirasi/kirim/$", "cara": "segar"},
    {"pola": r"^/kelola/siaran/$", "cara": "segar"},
    {"pola": r"^/kelola/siaran/\d+/$", "cara": "segar", "batas": 20},
]


def _antrean() -> list[dict]:
    """Forms the worker keeps on the phone when sent without signal; each carries an idempotency key
    (akun.sekali), so a delivery sent twice is stored once."""
    return [
        {"pola": r"^/cek-fakta/cek/$", "judul": _("Laporan cek fakta")},
        {"pola": r"^/komentar/kirim/$", "judul": _("Komentar")},
        {"pola": r"^/aspirasi/kirim/$", "judul": _("Aspirasi")},
        {"pola": r"^/kelola/siaran/penerimaan/\d+/terima/$", "judul": _("Tanda diterima siaran")},
        {"pola": r"^/kelola/siaran/penerimaan/\d+/teruskan/$", "judul": _("Tanda diteruskan siaran")},
    ]


def _teks() -> dict[str, str]:
    return {
        "tersimpan": _("Tersimpan, mungkin sudah berubah"),
        "disimpan": _("disimpan %(tanggal)s"),
        "menunggu": _("Menunggu sinyal"),
        "menunggu_isi": _(
            "Isian Anda tersimpan di ponsel ini dan dikirim otomatis begitu ada sinyal. Halaman ini boleh ditutup."
        ),
        "kembali": _("Kembali"),
        "luring": _("Tidak ada sinyal"),
        "luring_isi": _("Halaman ini belum tersimpan di ponsel ini. Yang bisa dibaca tanpa sinyal:"),
        "beranda": _("Beranda"),
        "cek_fakta": _("Cek fakta"),
        "ditolak": _("Server menolak kiriman ini (kode %(kode)s)."),
    }


def konfigurasi() -> dict:
    """The worker's settings, as the worker reads them (self.JEMBATAN)."""
    css, skrip = static("css/jembatan.css"), static("js/jembatan.js")
    return {
        "statis": settings.STATIC_URL,
        "bahasa": "en-GB" if get_language() == "en" else "id-ID",  # how dates are written
        "css": css,
        "awal": ["/", reverse("cekfakta:daftar"), reverse("cekfakta:cek"), reverse("suarawarga:aspirasi_kirim"), css, skrip],
        "keluar": reverse("akun:keluar"),
        "halaman": HALAMAN_LURING,
        "antrean": _antrean(),
        "teks": _teks(),
    }


@require_safe
def service_worker(request):
    path = finders.find("js/sw.js")
    isi = Path(str(path)).read_text(encoding="utf-8")
    pengaturan = konfigurasi()
    # A new version of either renames the worker's cache of static files, so old CSS does not linger.
    pengaturan["versi"] = hashlib.sha256((isi + json.dumps(pengaturan, sort_keys=True)).encode()).hexdigest()[:12]
    response = HttpResponse(
        f"self.JEMBATAN = {json.dumps(pengaturan, ensure_ascii=False)};\n{isi}", content_type="text/javascript; charset=utf-8"
    )
    # The browser asks again at every visit (a cheap 304 through the ETag) so a new worker arrives at once.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def manifest(request):
    kabupaten = deployment(request)["deployment"]["kabupaten"]["nama"]
    ikon = [
        {"src": static(f"ikon/ikon-{n}.png"), "sizes": f"{n}x{n}", "type": "image/png", "purpose": purpose}
        for n in (192, 512)
        for purpose in ("any", "maskable")
    ]
    data = {
        "name": f"Jembatan {kabupaten}",
        "short_name": "Jembatan",
        "description": _("Kelompok Informasi Masyarakat (KIM) di setiap desa dan kelurahan %(nama)s") % {"nama": kabupaten},
        "lang": "id",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": "#0b5cad",
        "background_color": "#ffffff",
        "icons": ikon,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response
