"""Accessibility of the main pages for every role, on a 360-px phone: axe-core (WCAG 2.1 AA), tap
targets of at least 24 px (WCAG 2.5.8), and tables that fit the screen or scroll in their own box.

The DEMO content is loaded so that every page shows what a real one shows: lists with rows, an
article with comments, a verdict, a program, a KIM's desk with siaran and drafts.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from jembatan import test as t

from .langkah import masuk

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
LEBAR = 360

# What every role opens most; the public pages are checked for a visitor who is not signed in.
PUBLIK = [
    "/",
    "/wilayah/63.05.01/",
    "/kim/",
    "/cakupan/",
    "/warta/",
    "/cek-fakta/",
    "/cek-fakta/cek/",
    "/program/",
    "/aspirasi/",
    "/aspirasi/kirim/",
    "/jajak/",
    "/ppid/",
    "/ppid/63.05/",
    "/ppid/63.05/maklumat/",
    "/potensi/peta/",
    "/potensi/",
    "/akun/masuk/",
]
# The first item linked from a list, opened as well (an article, a verdict, a program, a KIM profile).
BUTIR = [
    ("/warta/", r"^/warta/\d+-"),
    ("/cek-fakta/", r"^/cek-fakta/\d+-"),
    ("/program/", r"^/program/\d+-"),
    ("/kim/", r"^/wilayah/[\d.]+/$"),
    ("/potensi/", r"^/potensi/\d+-"),
]
KELOLA = {
    "admin": ["/kelola/", "/akun/pengguna/", "/kelola/target/", "/kelola/audit/", "/kelola/siaran/semua/", "/kelola/penilaian/"],
    "verifikator": ["/kelola/", "/kelola/cek-fakta/", "/kelola/cek-fakta/statistik/", "/kelola/komentar/"],
    "operator": ["/kelola/", "/kelola/63.05.01/", "/kelola/aspirasi/", "/kelola/ppid/"],
    "desa": ["/kelola/", "/kelola/ppid/", "/kelola/aspirasi/", "/kelola/program/", "/kelola/jajak/"],
    "pengurus": [
        "/kelola/",
        "/kelola/siaran/",
        "/kelola/warta/",
        "/kelola/warta/tulis/",
        "/kelola/komentar/",
        "/kelola/potensi/",
    ],
    "anggota": ["/kelola/", "/kelola/siaran/", "/kelola/warta/tulis/", "/kelola/kegiatan/lapor/", "/kelola/potensi/tambah/"],
}

# Interactive elements smaller than 24 × 24 px, except where WCAG 2.5.8 allows it: a link inside a
# sentence ("inline"), and the villages of the SVG map, whose size is the village's own shape
# ("essential"; each village is also reachable from the kecamatan's list of villages).
KECIL = """() => {
  const kecil = [];
  for (const el of document.querySelectorAll('a[href],button,input:not([type=hidden]),select,textarea,summary')) {
    const r = el.getBoundingClientRect(), gaya = getComputedStyle(el);
    if (!r.width || !r.height || gaya.visibility === 'hidden' || el.closest('.sr,.lewati')) continue;
    if (r.width >= 24 && r.height >= 24) continue;
    if (el.closest('svg.peta')) continue;
    const blok = el.parentElement.closest('p,li,td,dd,figcaption,blockquote,label');
    const dalamKalimat = gaya.display === 'inline' && blok &&
      blok.textContent.trim().length > el.textContent.trim().length + 3;
    if (dalamKalimat) continue;
    kecil.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.value || el.name || '').trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return kecil;
}"""

# A table wider than its box must scroll inside it with the first column held in place.
TABEL = """() => {
  const salah = [];
  for (const tabel of document.querySelectorAll('main table')) {
    const kotak = tabel.closest('.gulir');
    if (!kotak) {
      if (tabel.getBoundingClientRect().right > document.documentElement.clientWidth + 1) salah.push('a table wider than the screen outside a .gulir box');
      continue;
    }
    if (kotak.scrollWidth <= kotak.clientWidth + 1) continue;
    const sel = tabel.querySelector('tbody tr > :first-child');
    if (sel && getComputedStyle(sel).position !== 'sticky') salah.push('first column of a scrolling table is not held in place');
  }
  return salah;
}"""


def _muat_demo() -> None:
    from akun.models import User

    for perintah in [
        "muat_demo",
        "muat_demo_cekfakta",
        "muat_demo_warta",
        "muat_demo_suarawarga",
        "muat_demo_ppid",
        "muat_demo_penilaian",
        "muat_demo_potensi",
        "muat_demo_diskusi_program",
    ]:
        call_command(perintah, stdout=io.StringIO())
    for user in User.objects.filter(demo=True):
        user.set_password(t.PASSWORD)
        user.save(update_fields=["password"])


def _periksa(page, path: str) -> list[str]:
    jawaban = page.goto(path)
    if jawaban is None or not jawaban.ok:
        return [f"{path} — answered {jawaban.status if jawaban else 'nothing'}, not the page"]
    page.evaluate(AXE.read_text(encoding="utf-8"))
    hasil = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))"
        ".violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)"
    )
    hasil += [f"tap target under 24 px: {k}" for k in page.evaluate(KECIL)]
    hasil += page.evaluate(TABEL)
    lebar = page.evaluate("document.documentElement.scrollWidth")
    if lebar > LEBAR:
        hasil.append(f"the page scrolls sideways: {lebar} px")
    return [f"{path} — {h}" for h in hasil]


@pytest.mark.browser
def test_main_pages_pass_axe_core_with_big_enough_tap_targets_for_every_role(konteks):
    """GIVEN the DEMO content and a 360-px phone
    WHEN a visitor and each role open the pages they use most
    THEN axe-core finds no WCAG 2.1 AA violation, no tap target is under 24 px, wide tables
    scroll in their own box with the first column fixed, and no page scrolls sideways."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make e2e` installs it (npm ci --prefix e2e)", pytrace=False)
    _muat_demo()
    # axe-core is injected by the test itself, which the pages' CSP (rightly) would refuse.
    opsi = {"viewport": {"width": LEBAR, "height": 740}, "bypass_csp": True}
    masalah: list[str] = []
    diperiksa = 0

    page = konteks(**opsi).new_page()
    butir = []
    for daftar, pola in BUTIR:
        page.goto(daftar)
        tautan = [
            h
            for h in page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
            if re.match(pola, h)
        ]
        assert tautan, f"{daftar} links no item for the check (the DEMO content changed?)"
        butir.append(tautan[0])
    for path in PUBLIK + butir:
        masalah += _periksa(page, path)
        diperiksa += 1

    from akun.models import User

    for peran, halaman in KELOLA.items():
        page = konteks(**opsi).new_page()
        masuk(page, User.objects.get(email=f"{peran}@jembatan-demo.example"))
        for path in halaman:
            masalah += [f"[{peran}] {m}" for m in _periksa(page, path)]
            diperiksa += 1

    assert diperiksa >= 45
    assert not masalah, f"{len(masalah)} problems on {diperiksa} pages:\n" + "\n".join(masalah)
