"""Perceptual hashes: the same picture re-sent stays close, another picture does not."""

import io

from PIL import Image, ImageDraw

from jembatan.lib.perceptual import dhash, distance


def _gambar(geser=0, ukuran=(360, 640), kualitas=90, warna=(200, 30, 30)) -> bytes:
    img = Image.new("RGB", (360, 640), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((20, 40 + geser, 340, 160 + geser), fill=warna)
    d.ellipse((120, 420, 240, 540), fill=(30, 90, 200))
    out = io.BytesIO()
    img.resize(ukuran).save(out, "JPEG", quality=kualitas)
    return out.getvalue()


def test_resized_and_recompressed_copy_is_near():
    assert distance(dhash(_gambar()), dhash(_gambar(ukuran=(240, 427), kualitas=40))) <= 4


def test_a_different_picture_is_far():
    assert distance(dhash(_gambar()), dhash(_gambar(geser=300, warna=(20, 150, 60)))) > 12


def test_hash_fits_a_signed_64_bit_column():
    h = dhash(_gambar())
    assert -(2**63) <= h < 2**63
    assert distance(h, h) == 0
