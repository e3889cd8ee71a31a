"""Issue 3, article page: one published news item with photos and 20 comments, for bench/beban.sh to load.

In the PostgreSQL bench database after `manage.py siapkan`: one `Berita` (status terbit) about a village
of the kabupaten, its text the paragraphs of the seed article (the same article the WordPress anchor
serves), three photos drawn with Pillow (1600×1000, gradients, shapes and grain, saved as camera-like
JPEGs) put through jembatan.lib.photos.process_photo as an upload would be, and 20 shown comments (replies
to depth 3), attached through contenttypes like diskusi's own.

Prints an `artikel` line (the page's path, what it holds) and a `foto` line (the 800-px versions,
JPEG and WebP, of the largest of the photos; target ≤ 80 KB each), and writes the path to PATH_FILE.
Usage: python bench/artikel.py PATH_FILE
"""

from __future__ import annotations

import io
import random
import sys
from datetime import timedelta
from pathlib import Path

from umum import line, setup_django, verdict

SEED_ARTICLE = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "anchors" / "seed-article.txt"
JUDUL = "Kominfo Tapin Dorong Pembentukan Kelompok Informasi Masyarakat di Seluruh Desa"
TARGET_FOTO_800 = 80_000  # bytes, 1 KB = 1000 bytes
KOMENTAR = [
    ("Rahmat", "Alhamdulillah, semoga KIM di desa kami cepat terbentuk."),
    ("Siti Aisyah", "Informasi seperti ini sangat membantu warga yang jarang membuka media sosial."),
    ("Pak Udin", "Kapan sosialisasi untuk desa kami? Kami siap ikut."),
    ("Noor", "Setuju, banyak hoaks beredar di grup WhatsApp warga. KIM bisa meluruskan."),
    ("Fitri", "Mohon info syarat membentuk KIM, apakah perlu SK kepala desa?"),
    ("Ahmad Fauzi", "Di desa kami sudah ada, tapi belum aktif. Semoga dengan pendampingan bisa jalan lagi."),
    ("Hj. Masitah", "Terima kasih Kominfo Tapin, terus semangat."),
    ("Yusuf", "Perlu juga pelatihan menulis berita dan memotret untuk pengurus KIM."),
    ("Rina", "Semoga potensi desa seperti anyaman purun bisa lebih dikenal lewat KIM."),
    ("Bahrudin", "Internet di desa kami masih lemah, mohon diperhatikan juga."),
]
BALASAN = [
    "Betul, kami juga merasakan hal yang sama.",
    "Syaratnya bisa ditanyakan ke kantor Diskominfo, biasanya ada formulir.",
    "Semoga segera ditindaklanjuti.",
    "Kami di desa sebelah sudah mulai, nanti bisa saling belajar.",
]


def paragraf_seed() -> list[str]:
    """The article's paragraphs: without the leading label, the title line and the comment-form text."""
    baris = [b.strip().strip("\u00a0\ufeff ") for b in SEED_ARTICLE.read_text(encoding="utf-8").splitlines()]
    isi = [b for b in baris if b]
    isi = isi[2:]  # "Tapin" label, title
    if "Tinggalkan Balasan" in isi:
        isi = isi[: isi.index("Tinggalkan Balasan")]
    return isi


def foto_sintetis(rng: random.Random, lebar: int = 1600, tinggi: int = 1000) -> bytes:
    """A photo-like JPEG: sky-to-ground gradient, hills, houses and trees, and sensor grain
    (without the grain, flat colours would compress far better than any real photo does)."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    atas = (rng.randint(90, 140), rng.randint(150, 190), rng.randint(200, 240))
    bawah = (rng.randint(60, 110), rng.randint(110, 150), rng.randint(40, 80))
    kolom = Image.new("RGB", (1, tinggi))
    for y in range(tinggi):
        t = y / (tinggi - 1)
        kolom.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(atas, bawah, strict=True)))
    img = kolom.resize((lebar, tinggi))
    gambar = ImageDraw.Draw(img)
    for _ in range(6):  # hills
        x, y, r = rng.randint(-200, lebar), rng.randint(450, 700), rng.randint(200, 600)
        gambar.ellipse((x - r, y - r // 3, x + r, y + r), fill=(rng.randint(40, 90), rng.randint(100, 150), rng.randint(30, 70)))
    for _ in range(rng.randint(6, 10)):  # houses on stilts, with roofs
        x, y, w = rng.randint(0, lebar - 200), rng.randint(550, 800), rng.randint(90, 200)
        warna = (rng.randint(120, 230), rng.randint(80, 200), rng.randint(40, 160))
        gambar.rectangle((x, y, x + w, y + w * 2 // 3), fill=warna, outline=(40, 30, 20), width=3)
        gambar.polygon([(x - 15, y), (x + w // 2, y - w // 2), (x + w + 15, y)], fill=(rng.randint(100, 170), 40, 30))
        gambar.rectangle((x + w // 3, y + w // 4, x + w // 2, y + w * 2 // 3), fill=(50, 35, 25))
    for _ in range(rng.randint(15, 25)):  # palms and trees
        x, y = rng.randint(0, lebar), rng.randint(420, 900)
        gambar.line((x, y, x + rng.randint(-20, 20), y - 160), fill=(90, 70, 40), width=8)
        gambar.ellipse((x - 70, y - 220, x + 70, y - 120), fill=(rng.randint(20, 60), rng.randint(90, 140), rng.randint(20, 50)))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.effect_noise((lebar, tinggi), 18).convert("RGB")
    img = ImageChops.add(img, grain, scale=1.0, offset=-128)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)  # what a phone camera sends, more or less
    return out.getvalue()


def main(path_file: str) -> None:
    setup_django()
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from akun.akses import wilayah_objek
    from akun.models import Peran, User
    from diskusi.models import Komentar
    from diskusi.models import Status as StatusKomentar
    from jembatan.lib.photos import process_photo
    from warta.models import Berita, Foto, Kategori, Status
    from wilayah.models import Level, Wilayah

    rng = random.Random(6305)
    kab = settings.JEMBATAN_KABUPATEN
    desa = (
        Wilayah.objects.filter(level=Level.DESA, kabupaten_kode=kab, kim__isnull=False).order_by("kode").first()
        or Wilayah.objects.filter(level=Level.DESA, kabupaten_kode=kab).order_by("kode").first()
    )
    if desa is None:
        raise SystemExit(f"bench: no village of {kab} in the database (run after the region import)")
    editor = User.objects.filter(email="bench-editor@localhost").first() or User.objects.create_user(
        "bench-editor@localhost", nama="Editor Bench", peran=Peran.ADMIN
    )
    paragraf = paragraf_seed()
    now = timezone.now()
    berita = Berita.objects.create(
        judul=JUDUL,
        ringkasan=paragraf[0][:300],
        isi="\n\n".join(paragraf),
        kategori=Kategori.PEMERINTAHAN,
        wilayah=desa,
        kim=getattr(desa, "kim", None),
        penulis=editor,
        diperiksa_oleh=editor,
        status=Status.TERBIT,
        terbit_pada=now - timedelta(hours=3),
        cek_sumber=True,
        cek_fakta=True,
        cek_foto=True,
        cek_pribadi=True,
    )

    foto_800 = []
    for i, keterangan in enumerate(["Sosialisasi KIM di balai desa", "Pengurus KIM berfoto bersama", "Suasana desa"]):
        data = foto_sintetis(rng)
        lebar, tinggi, varian = process_photo(SimpleUploadedFile(f"foto{i}.jpg", data, "image/jpeg"), "warta")
        Foto.objects.create(berita=berita, keterangan=keterangan, urutan=i, lebar=lebar, tinggi=tinggi, varian=varian)
        foto_800.append((len(data), *(default_storage.size(varian["800"][fmt]) for fmt in ("jpeg", "webp"))))

    ct = ContentType.objects.get_for_model(Berita)
    wilayah = wilayah_objek(berita)
    dibuat = now - timedelta(hours=2)
    akar: list[Komentar] = []
    semua: list[Komentar] = []
    for i in range(20):
        # Every third comment answers an earlier one; replies hang at most three levels deep.
        induk = rng.choice([k for k in semua if k.kedalaman < 3]) if i % 3 == 2 and semua else None
        nama, isi = (rng.choice(KOMENTAR)[0], rng.choice(BALASAN)) if induk else KOMENTAR[len(akar) % len(KOMENTAR)]
        k = Komentar.objects.create(
            content_type=ct,
            object_id=berita.pk,
            wilayah=wilayah,
            parent=induk,
            kedalaman=induk.kedalaman + 1 if induk else 1,
            nama=nama,
            isi=isi,
            status=StatusKomentar.TAMPIL,
            klien=f"{i:032x}",
            dibuat=dibuat + timedelta(minutes=4 * i),
        )
        semua.append(k)
        if induk is None:
            akar.append(k)
    path = berita.get_absolute_url()
    Path(path_file).write_text(path, encoding="utf-8")
    line(
        "artikel",
        page=path,
        what="published news item: seed article text, photos via process_photo, shown comments",
        paragraphs=len(paragraf),
        isi_chars=len(berita.isi),
        photos=len(foto_800),
        comments=Komentar.objects.untuk(berita).tampil().count(),
        replies=len(semua) - len(akar),
    )
    upload, jpeg, webp = max(foto_800, key=lambda f: f[1])
    line(
        "foto",
        page=path,
        what="800-px version of the largest photo (process_photo: JPEG q76 progressive, WebP q72)",
        upload_bytes=upload,
        jpeg_800_bytes=jpeg,
        webp_800_bytes=webp,
        target_jpeg_800_bytes=TARGET_FOTO_800,
        target_webp_800_bytes=TARGET_FOTO_800,
        ok=verdict(jpeg <= TARGET_FOTO_800 and webp <= TARGET_FOTO_800),
    )


if __name__ == "__main__":
    main(sys.argv[1])
