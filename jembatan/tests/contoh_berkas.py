"""Files to upload in tests: real and hostile PDFs, PNGs of any size, and PNG bombs made cheaply."""

import io
import struct
import zlib

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

SKRIP = b"<html><body><script>alert(document.domain)</script></body></html>"


def pdf_sah(halaman: int = 1, sandi: str = "", skrip: bool = False) -> bytes:
    w = PdfWriter()
    for _ in range(halaman):
        w.add_blank_page(200, 200)
    if skrip:  # a document that runs JavaScript when opened
        w._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
        )
    if sandi:
        w.encrypt(sandi)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def poliglot() -> bytes:
    """A real PDF with an HTML page between its header and its first object: opens as a PDF, sniffs as HTML."""
    asli = pdf_sah()
    baris_pertama = asli.index(b"\n") + 1
    return asli[:baris_pertama] + SKRIP + b"\n" + asli[baris_pertama:]


def png(lebar: int, tinggi: int) -> bytes:
    img = Image.new("RGB", (lebar, tinggi), "navy")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _chunk(jenis: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + jenis + data + struct.pack(">I", zlib.crc32(jenis + data))


def kepala_png(lebar: int, tinggi: int) -> bytes:
    """A PNG that declares lebar×tinggi pixels with almost no data behind: enough for anything that reads
    only the header, as a pixel check must."""
    ihdr = struct.pack(">IIBBBBB", lebar, tinggi, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(b"IEND", b"")


def png_hitam(lebar: int, tinggi: int) -> bytes:
    """A complete, valid black lebar×tinggi RGB PNG (10000×10000: 295 KB, 300 MB once decoded), made in a
    fraction of a second: a block of rows is deflated once and ended with a full flush, which resets the
    compressor, so the same bytes can be repeated for every block."""
    baris, n = b"\x00" * (1 + 3 * lebar), 50
    assert tinggi % n == 0
    c = zlib.compressobj(9)
    pertama = c.compress(baris * n) + c.flush(zlib.Z_FULL_FLUSH)
    ulang = c.compress(baris * n) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(tinggi // n):
        adler = zlib.adler32(baris * n, adler)
    # An empty final block, then the checksum of everything.
    idat = pertama + ulang * (tinggi // n - 1) + b"\x03\x00" + struct.pack(">I", adler)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", lebar, tinggi, 8, 2, 0, 0, 0))
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )
