"""Upload checks: size is enforced while the file streams in, type is read from the content.

A file's name and the browser's Content-Type are the uploader's claims; only its bytes count.
"""

from __future__ import annotations

import io
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PDF, JPEG, PNG = "pdf", "jpeg", "png"


def max_upload_bytes() -> int:
    return settings.JEMBATAN_MAX_UPLOAD_MB * 1024 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading a request whose files pass the size limit, before they reach the disk.

    The request then arrives with the file missing and `request.upload_terlalu_besar` set,
    so the form can say why instead of saying the field is empty.
    """

    def handle_raw_input(
        self, input_data: IO[bytes], META: dict[str, str], content_length: int, boundary: str, encoding: str | None = None
    ) -> None:
        # A body far over the limit (form fields add a little on top) is refused at its first
        # file chunk, without reading the file at all.
        self.request.upload_terlalu_besar = False  # type: ignore[union-attr]  # our own flag; Django always sets request
        self._terlalu_besar = bool(content_length and content_length > max_upload_bytes() + 1024 * 1024)

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._dibaca = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._dibaca += len(raw_data)
        if self._terlalu_besar or self._dibaca > max_upload_bytes():
            self.request.upload_terlalu_besar = True  # type: ignore[union-attr]
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def sniff_type(f: IO[bytes]) -> str | None:
    """The real type of an uploaded file (pdf, jpeg, png) from its content, or None."""
    pos = f.tell() if hasattr(f, "tell") else 0
    f.seek(0)
    head = f.read(16)
    f.seek(0)
    if head.startswith(b"%PDF-"):
        f.seek(max(0, (getattr(f, "size", 0) or 0) - 2048))
        tail = f.read()
        f.seek(pos)
        return PDF if b"%%EOF" in tail else None
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        from PIL import Image

        try:
            with Image.open(f) as img:
                fmt = (img.format or "").lower()
                img.verify()
        except Exception:  # Pillow raises many kinds for broken images
            fmt = None
        f.seek(pos)
        return {"jpeg": JPEG, "png": PNG}.get(fmt or "")
    f.seek(pos)
    return None


def _periksa(f: File[bytes], allowed: set[str], pesan: StrOrPromise) -> str:
    if getattr(f, "size", 0) and f.size > max_upload_bytes():
        raise ValidationError(_("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": settings.JEMBATAN_MAX_UPLOAD_MB})
    kind = sniff_type(f)
    if kind not in allowed:
        raise ValidationError(pesan)
    return kind


def validate_document(f: File[bytes]) -> None:
    if getattr(f, "_committed", False):  # an existing stored file, already checked
        return
    _periksa(f, {PDF, JPEG, PNG}, _("Berkas harus PDF, JPEG atau PNG yang sah (diperiksa dari isinya)."))


def validate_image(f: File[bytes]) -> None:
    if getattr(f, "_committed", False):
        return
    _periksa(f, {JPEG, PNG}, _("Berkas harus gambar JPEG atau PNG yang sah."))


def strip_metadata(f: File[bytes]) -> File[bytes]:
    """Re-encode a JPEG/PNG without its metadata (GPS location, camera); PDFs pass unchanged."""
    from django.core.files.uploadedfile import InMemoryUploadedFile
    from PIL import Image, ImageOps

    kind = sniff_type(f)
    if kind not in (JPEG, PNG):
        return f
    f.seek(0)
    img: Image.Image
    with Image.open(f) as img:
        img = ImageOps.exif_transpose(img)
        out = io.BytesIO()
        if kind == JPEG:
            img.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
        else:
            img.save(out, "PNG", optimize=True)
    size = out.tell()
    out.seek(0)
    return InMemoryUploadedFile(out, getattr(f, "field_name", None), f.name, f"image/{kind}", size, None)
