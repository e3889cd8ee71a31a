"""Upload checks: size is enforced while the file streams in, type is read from the content, images
are measured from their header before anything decodes them, and what is stored is written by the
server: images re-encoded, PDFs re-written by a PDF parser, under a random name with the extension of
the detected type.

A file's name and the browser's Content-Type are the uploader's claims; only its bytes count.
"""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Callable, Collection
from typing import IO, TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

if TYPE_CHECKING:
    from django.db.models import Model
    from django_stubs_ext import StrOrPromise

PDF, JPEG, PNG = "pdf", "jpeg", "png"
# The extension a stored file gets for each detected type; any other name is stored as .bin.
EXTENSION = {PDF: "pdf", JPEG: "jpg", PNG: "png"}

PESAN_BUKAN_GAMBAR = _("Berkas harus gambar JPEG atau PNG yang sah.")

# Pillow's own guard, as a backstop behind `check_pixels`: it warns above this many pixels and
# refuses twice as many in Image.open itself, wherever an image is opened (Django's ImageField too).
Image.MAX_IMAGE_PIXELS = settings.JEMBATAN_MAX_IMAGE_PIXELS


def max_upload_bytes() -> int:
    return settings.JEMBATAN_MAX_UPLOAD_MB * 1024 * 1024


V = TypeVar("V", bound=Callable[..., Any])


def unggahan_besar(nama_setelan: str, izin: str) -> Callable[[V], V]:
    """Mark a view whose upload may be larger than JEMBATAN_MAX_UPLOAD_MB, up to the megabytes of the setting
    `nama_setelan`, for a signed-in user with the permission `izin` (the admin's ClaimReview import:
    JEMBATAN_MAX_IMPOR_MB, for who may add verdicts). The mark is an attribute of the view function, which
    Django's and the admin's view wrappers copy, so the upload handler finds it on the resolved view of the
    request (`batas_unggah_mb`). The form is read (by the CSRF check) before the view checks who is asking: an
    anonymous request to the same address keeps the ordinary limit."""

    def tandai(view: V) -> V:
        view.batas_unggah = (nama_setelan, izin)  # type: ignore[attr-defined]
        return view

    return tandai


def batas_unggah_mb(request: Any) -> int:
    """The upload limit of this request, in megabytes: its view's (`unggahan_besar`) when its user may use it."""
    func = getattr(getattr(request, "resolver_match", None), "func", None)
    tanda = getattr(func, "batas_unggah", None)
    user = getattr(request, "user", None)
    if tanda and user is not None and user.is_active and user.has_perm(tanda[1]):
        return int(getattr(settings, tanda[0]))
    return int(settings.JEMBATAN_MAX_UPLOAD_MB)


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
        # The view is resolved before its form is read (CSRF middleware reads the form in process_view).
        self._batas = batas_unggah_mb(self.request) * 1024 * 1024
        self._terlalu_besar = bool(content_length and content_length > self._batas + 1024 * 1024)

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._dibaca = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._dibaca += len(raw_data)
        if self._terlalu_besar or self._dibaca > self._batas:
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
        except Image.DecompressionBombError:  # an image, too large: check_pixels says so
            fmt = "png" if head.startswith(b"\x89PNG") else "jpeg"
        except Exception:  # Pillow raises many kinds for broken images
            fmt = None
        f.seek(pos)
        return {"jpeg": JPEG, "png": PNG}.get(fmt or "")
    f.seek(pos)
    return None


def check_pixels(f: IO[bytes]) -> None:
    """ValidationError when a JPEG or PNG declares more pixels than JEMBATAN_MAX_IMAGE_PIXELS. Only the
    header is read: call this before anything decodes the image (a 292 KB PNG can declare 10000×10000
    pixels and take a gigabyte of memory once decoded)."""
    pos = f.tell()
    f.seek(0)
    piksel: int | None
    try:
        with Image.open(f) as img:
            piksel = img.width * img.height
    except Image.DecompressionBombError:  # Pillow's own guard (at twice the limit) spoke first
        piksel = None
    except OSError as e:  # not an image Pillow knows (callers check the type first)
        raise ValidationError(PESAN_BUKAN_GAMBAR, code="invalid_image") from e
    finally:
        f.seek(pos)
    if piksel is None or piksel > settings.JEMBATAN_MAX_IMAGE_PIXELS:
        raise ValidationError(pesan_terlalu_banyak_piksel(), code="too_many_pixels")


def pesan_gambar_tidak_terbuka() -> str:
    """For an image Pillow would not open at all (Django's ImageField says only "not a valid image")."""
    mp = settings.JEMBATAN_MAX_IMAGE_PIXELS / 1_000_000
    return str(_("Berkas harus gambar JPEG atau PNG yang sah, paling banyak %(mp)s megapiksel.") % {"mp": f"{mp:g}"})


def pesan_terlalu_banyak_piksel() -> str:
    mp = settings.JEMBATAN_MAX_IMAGE_PIXELS / 1_000_000
    return str(_("Gambar terlalu besar: paling banyak %(mp)s megapiksel. Perkecil ukurannya lalu coba lagi.") % {"mp": f"{mp:g}"})


def _periksa(f: File[bytes], allowed: Collection[str], pesan: StrOrPromise) -> str:
    if getattr(f, "size", 0) and f.size > max_upload_bytes():
        raise ValidationError(_("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": settings.JEMBATAN_MAX_UPLOAD_MB})
    kind = sniff_type(f)
    if kind is None or kind not in allowed:
        raise ValidationError(pesan)
    if kind in (JPEG, PNG):
        check_pixels(f)
    return kind


def validate_document(f: File[bytes]) -> None:
    if getattr(f, "_committed", False):  # an existing stored file, already checked
        return
    _periksa(f, {PDF, JPEG, PNG}, _("Berkas harus PDF, JPEG atau PNG yang sah (diperiksa dari isinya)."))


def validate_image(f: File[bytes]) -> None:
    if getattr(f, "_committed", False):
        return
    _periksa(f, {JPEG, PNG}, PESAN_BUKAN_GAMBAR)


def strip_metadata(f: File[bytes]) -> File[bytes]:
    """Re-encode a JPEG/PNG without its metadata (GPS location, camera); anything else is returned as it is."""
    kind = sniff_type(f)
    if kind not in (JPEG, PNG):
        return f
    check_pixels(f)
    f.seek(0)
    img: Image.Image
    with Image.open(f) as img:
        # In place and converted only when needed: a picture near the pixel limit is ~120 MB per copy.
        img.load()
        ImageOps.exif_transpose(img, in_place=True)
        out = io.BytesIO()
        if kind == JPEG:
            (img if img.mode == "RGB" else img.convert("RGB")).save(out, "JPEG", quality=88, optimize=True)
        else:
            img.save(out, "PNG", optimize=True)
    size = out.tell()
    out.seek(0)
    return InMemoryUploadedFile(out, getattr(f, "field_name", None), f.name, f"image/{kind}", size, None)


def rewrite_pdf(f: IO[bytes]) -> bytes:
    """The PDF's pages written into a new file by a PDF parser; ValidationError when it cannot be opened.

    Only what the parser understands survives: bytes hidden between objects (an HTML page, a script)
    are dropped, and so are the document's scripts, open actions, attachments and metadata."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError
    from pypdf.generic import NameObject

    rusak = _("PDF ini rusak atau tidak dapat dibaca. Simpan ulang sebagai PDF (mis. “Cetak ke PDF”) lalu unggah lagi.")
    f.seek(0)
    try:
        reader = PdfReader(f, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("PDF ini dikunci dengan kata sandi. Simpan ulang tanpa kata sandi lalu unggah lagi."), code="encrypted"
            )
        writer = PdfWriter()
        for halaman in reader.pages:
            halaman = writer.add_page(halaman)
            # Actions run when a page opens or closes, and annotations that run scripts.
            halaman.pop(NameObject("/AA"), None)
            if "/Annots" in halaman:
                del halaman[NameObject("/Annots")]
        if not writer.pages:
            raise ValidationError(rusak, code="invalid_pdf")
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError) as e:
        raise ValidationError(rusak, code="invalid_pdf") from e
    return out.getvalue()


def clean_upload(f: File[bytes], allowed: frozenset[str] = frozenset(EXTENSION)) -> File[bytes]:
    """The file to store for an upload, written by the server: checked like `validate_document` (size,
    type from the content, pixels), then an image re-encoded without metadata or a PDF re-written by
    `rewrite_pdf`, named after the uploaded name with the extension of the detected type (which is
    all `UploadTo` keeps of it). ValidationError, with a message for the uploader, otherwise."""
    kind = _periksa(
        f,
        allowed,
        _("Berkas harus PDF, JPEG atau PNG yang sah (diperiksa dari isinya).") if PDF in allowed else PESAN_BUKAN_GAMBAR,
    )
    nama = f"{os.path.splitext(os.path.basename(f.name or ''))[0][:150] or 'berkas'}.{EXTENSION[kind]}"
    if kind == PDF:
        data = rewrite_pdf(f)
        return InMemoryUploadedFile(io.BytesIO(data), getattr(f, "field_name", None), nama, "application/pdf", len(data), None)
    bersih = strip_metadata(f)
    bersih.name = nama
    return bersih


def stored_name(folder: str, filename: str) -> str:
    """Where an upload is stored: `folder` (strftime codes allowed) / a random name. Only the extension
    of `filename` is kept, and only one of a detected type (`clean_upload` names files so); anything
    else becomes .bin, which no browser runs."""
    ext = os.path.splitext(filename)[1].lower().lstrip(".")
    ext = ext if ext in EXTENSION.values() else "bin"
    return f"{timezone.now().strftime(folder).strip('/')}/{secrets.token_hex(16)}.{ext}"


@deconstructible
class UploadTo:
    """A FileField's `upload_to`: every stored name is made by `stored_name`, never by the uploader."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: Model, filename: str) -> str:
        return stored_name(self.folder, filename)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadTo) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)
