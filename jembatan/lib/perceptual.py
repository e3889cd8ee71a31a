"""Perceptual hashing of images: the same screenshot, re-compressed or resized, keeps nearly the same hash."""

from __future__ import annotations

import io
from typing import cast

from PIL import Image, ImageOps

from jembatan.lib.uploads import check_pixels


def dhash(data: bytes, ukuran: int = 8) -> int:
    """A 64-bit difference hash: brightness gradients of a 9×8 grey thumbnail, as a signed 64-bit int.

    Signed so it fits a database BIGINT; compare hashes with `distance()`. ValidationError for an image
    with more pixels than JEMBATAN_MAX_IMAGE_PIXELS (checked before decoding)."""
    check_pixels(io.BytesIO(data))
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        ImageOps.exif_transpose(img, in_place=True)  # in place: no second full-size copy
        abu = img.convert("L").resize((ukuran + 1, ukuran), Image.Resampling.LANCZOS)
        # One band ("L"), so each value is one int, not a tuple of bands.
        px = list(cast("tuple[int, ...]", abu.get_flattened_data()))
    nilai = 0
    for baris in range(ukuran):
        for kolom in range(ukuran):
            kiri = px[baris * (ukuran + 1) + kolom]
            kanan = px[baris * (ukuran + 1) + kolom + 1]
            nilai = (nilai << 1) | (kiri > kanan)
    return nilai - (1 << 64) if nilai >= (1 << 63) else nilai


def distance(a: int, b: int) -> int:
    """Hamming distance between two hashes from `dhash()` (0 = same picture, 64 = opposite)."""
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()
