"""Draw the app icons of the web app manifest (static/ikon/ikon-192.png and ikon-512.png), once.

    .venv/bin/python docs/ikon.py

A bridge over water in white on the site's blue. The drawing keeps inside the middle 80 % of the square,
so Android may crop it to a circle or a rounded square ("maskable") without cutting it.
"""

from pathlib import Path

from PIL import Image, ImageDraw

UTAMA = (11, 92, 173)  # --utama in static/css/jembatan.css
PUTIH = (255, 255, 255)
KELUAR = Path(__file__).resolve().parent.parent / "static" / "ikon"


def gambar(ukuran: int) -> Image.Image:
    # Drawn four times larger, then scaled down: smooth edges without an anti-aliasing library.
    s = ukuran * 4
    img = Image.new("RGB", (s, s), UTAMA)
    d = ImageDraw.Draw(img)
    u = s / 100  # one percent of the side
    tebal = round(5 * u)
    d.arc((18 * u, 34 * u, 82 * u, 86 * u), start=180, end=360, fill=PUTIH, width=tebal)  # the arch
    d.rectangle((14 * u, 58 * u, 86 * u, 64 * u), fill=PUTIH)  # the deck
    for x in (30, 40, 50, 60, 70):  # the hangers between arch and deck
        d.rectangle(((x - 1) * u, 40 * u if x == 50 else 44 * u, (x + 1) * u, 58 * u), fill=PUTIH)
    for y in (72, 80):  # the water
        d.line((24 * u, y * u, 76 * u, y * u), fill=PUTIH, width=round(3 * u))
    return img.resize((ukuran, ukuran), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    KELUAR.mkdir(parents=True, exist_ok=True)
    for ukuran in (192, 512):
        gambar(ukuran).save(KELUAR / f"ikon-{ukuran}.png", optimize=True)
        print(KELUAR / f"ikon-{ukuran}.png")
