"""The share image of a published verdict: a 1200×630 PNG (the size link previews expect).

The claim in short, a verdict stamp in the colours of the web page, "CEK FAKTA" with the
kabupaten's name, and the page address, so a KIM member can answer in the group where the
hoax appeared with a picture people read before they scroll on. Drawn with Pillow and kept
in the cache until the claim changes.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import formats, translation
from PIL import Image, ImageDraw, ImageFont

from cekfakta.models import Hasil, Klaim
from wilayah.models import kabupaten_aktif

LEBAR, TINGGI = 1200, 630
TEPI = 60
MAKS_BARIS_KLAIM = 4
VERSI = 1  # bump when the layout changes, so cached images are drawn again

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
BIRU = (11, 92, 173)  # --utama
TEKS = (27, 31, 36)
REDUP = (74, 85, 96)
LATAR = (255, 255, 255)
LEMBUT = (243, 245, 247)
# (background, text) of the stamp, as .v-salah, .v-benar, … in jembatan.css
WARNA_CAP: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    Hasil.SALAH: ((185, 28, 28), (255, 255, 255)),
    Hasil.BENAR: ((21, 128, 61), (255, 255, 255)),
    Hasil.TIDAK_DAPAT: ((253, 230, 138), TEKS),
    Hasil.BUKAN_KLAIM: ((209, 213, 219), TEKS),
}


@functools.cache
def huruf(ukuran: int, tebal: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans when the system has it (Debian's fonts-dejavu-core), else Pillow's own font."""
    try:
        return ImageFont.truetype(str(DEJAVU / ("DejaVuSans-Bold.ttf" if tebal else "DejaVuSans.ttf")), ukuran)
    except OSError:
        pass
    try:
        return ImageFont.load_default(size=ukuran)  # scalable, needs Pillow ≥ 10.1 built with FreeType
    except (ImportError, OSError, TypeError):
        return ImageFont.load_default()


def bungkus(draw: ImageDraw.ImageDraw, teks: str, font, lebar: int, maks_baris: int) -> list[str]:
    """Word-wrap `teks` to `lebar` pixels; beyond `maks_baris` the last line ends with an ellipsis."""
    baris: list[str] = []
    kini = ""
    for kata in " ".join(teks.split()).split(" "):
        calon = f"{kini} {kata}".strip()
        if draw.textlength(calon, font=font) <= lebar:
            kini = calon
            continue
        if kini:
            baris.append(kini)
        while draw.textlength(kata, font=font) > lebar:  # a word longer than the line (a URL)
            potong = len(kata)
            while potong > 1 and draw.textlength(kata[:potong], font=font) > lebar:
                potong -= 1
            baris.append(kata[:potong])
            kata = kata[potong:]
        kini = kata
    if kini:
        baris.append(kini)
    if len(baris) > maks_baris:
        akhir = baris[maks_baris - 1]
        while akhir and draw.textlength(akhir + " …", font=font) > lebar:
            akhir = akhir[:-1]
        baris = [*baris[: maks_baris - 1], akhir.rstrip(" ,.;:") + " …"]
    return baris


def _pas(draw, teks: str, lebar: int, besar: int, kecil: int, tebal: bool = True):
    """The largest font from `besar` down to `kecil` in which `teks` fits in `lebar` pixels."""
    for ukuran in range(besar, kecil - 1, -2):
        font = huruf(ukuran, tebal)
        if draw.textlength(teks, font=font) <= lebar:
            return font
    return huruf(kecil, tebal)


def png_putusan(klaim: Klaim, kabupaten: str, alamat: str) -> bytes:
    """Draw the share image. Always in Indonesian: it is shared in the groups where hoaxes circulate."""
    with translation.override("id"):
        label = klaim.label or "BELUM DIPERIKSA"
        tanggal = formats.date_format(klaim.diterbitkan, "j F Y") if klaim.diterbitkan else ""
    img = Image.new("RGB", (LEBAR, TINGGI), LATAR)
    draw = ImageDraw.Draw(img)
    isi = LEBAR - 2 * TEPI

    # Header band: CEK FAKTA and the kabupaten.
    draw.rectangle((0, 0, LEBAR, 100), fill=BIRU)
    # Demo verdicts say so on the picture too, since it travels without the page around it.
    draw.text((TEPI, 50), "CEK FAKTA (DEMO)" if klaim.demo else "CEK FAKTA", font=huruf(46, True), fill=LATAR, anchor="lm")
    draw.text((LEBAR - TEPI, 50), kabupaten, font=_pas(draw, kabupaten, 560, 34, 20, False), fill=LATAR, anchor="rm")

    # The claim, at most four lines.
    draw.text((TEPI, 130), "KLAIM YANG BEREDAR", font=huruf(24, True), fill=REDUP)
    # A short claim is set larger; a long one smaller, cut after four lines.
    font_klaim, jarak = huruf(52), 64
    baris_klaim = bungkus(draw, klaim.judul, font_klaim, isi, 99)
    if len(baris_klaim) > 3:
        font_klaim, jarak = huruf(40), 50
        baris_klaim = bungkus(draw, klaim.judul, font_klaim, isi, MAKS_BARIS_KLAIM)
    for i, baris in enumerate(baris_klaim):
        draw.text((TEPI, 170 + i * jarak), baris, font=font_klaim, fill=TEKS)

    # The verdict stamp: a band in the verdict's colour.
    latar, warna = WARNA_CAP.get(klaim.hasil, (LEMBUT, TEKS))
    atas, bawah = 390, 530
    draw.rectangle((TEPI, atas, LEBAR - TEPI, bawah), fill=latar, outline=TEKS if latar == LEMBUT else latar, width=3)
    font_cap = _pas(draw, label, isi - 60, 72, 30)
    draw.text((LEBAR // 2, (atas + bawah) // 2), label, font=font_cap, fill=warna, anchor="mm")

    # Footer: where to read the whole verdict.
    draw.line((TEPI, 560, LEBAR - TEPI, 560), fill=(201, 209, 217), width=2)
    kaki = huruf(24)
    draw.text((TEPI, 590), alamat, font=_pas(draw, alamat, isi - 320, 24, 14, False), fill=REDUP, anchor="lm")
    if tanggal:
        draw.text((LEBAR - TEPI, 590), tanggal, font=kaki, fill=REDUP, anchor="rm")

    # A small palette keeps the file a few tens of kilobytes; 64 colours keep the text edges smooth.
    out = io.BytesIO()
    img.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def png_putusan_tersimpan(klaim: Klaim) -> bytes:
    """The share image from the cache, drawn again whenever the claim has changed since."""

    key = f"cekfakta:gambar:{VERSI}:{klaim.pk}:{klaim.diubah.timestamp()}"
    png = cache.get(key)
    if png is None:
        alamat = (settings.SITE_URL or "").split("://")[-1] + klaim.get_absolute_url()
        png = png_putusan(klaim, kabupaten_aktif().nama, alamat)
        cache.set(key, png, 7 * 24 * 3600)
    return png
