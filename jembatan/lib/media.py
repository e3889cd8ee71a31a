"""Serving stored files: public photos under media/publik/, and private files through views that check access.

Whatever is served says what it is (`X-Content-Type-Options: nosniff`), and anything that is not a plain
raster image is a download (`Content-Disposition: attachment`), so no stored file is ever run as a page
of this site.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header
from django.views.static import serve

PUBLIK = "publik"  # the only media folder served to the public (see jembatan/urls.py)

# Types a browser shows as a picture and never runs (SVG is an image that can carry script: not here).
GAMBAR = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"})
# What a private file is served as, by the extension of its stored name (which the server chose, see
# jembatan.lib.uploads.stored_name); anything else is an opaque download.
JENIS_PRIVAT = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "ogg": "audio/ogg",
    "mp3": "audio/mpeg",
}


def _aman(response: HttpResponseBase, content_type: str) -> HttpResponseBase:
    response.headers["X-Content-Type-Options"] = "nosniff"
    disposition = response.headers.get("Content-Disposition", "")
    if content_type not in GAMBAR and not disposition.startswith("attachment"):
        # FileResponse says `inline; filename=…` by itself; keep the name, make it a download.
        response.headers["Content-Disposition"] = "attachment" + disposition.removeprefix("inline")
    return response


def serve_public(request: HttpRequest, path: str) -> HttpResponseBase:
    """The file at `path` under MEDIA_ROOT/publik/, or 404.

    `path` arrives percent-decoded, so `..%2f` and `%2e%2e/` are plain `../` here: any `.`/`..`/empty
    segment is refused outright, and the resolved real path (symlinks followed) must still lie inside
    publik/."""
    if "\x00" in path or "\\" in path or any(bagian in ("", ".", "..") for bagian in path.split("/")):
        raise Http404
    if not isinstance(default_storage, FileSystemStorage):
        return _serve_public_from_storage(f"{PUBLIK}/{path}")
    akar = (Path(settings.MEDIA_ROOT) / PUBLIK).resolve()
    berkas = (akar / path).resolve()
    if not berkas.is_relative_to(akar) or not berkas.is_file():
        raise Http404
    response = serve(request, berkas.relative_to(akar).as_posix(), document_root=str(akar))
    return _aman(response, response.headers.get("Content-Type", "").split(";")[0])


def _serve_public_from_storage(name: str) -> HttpResponseBase:
    # Object storage (S3_BUCKET) has no `..` to resolve: a key is a plain name, checked above.
    if not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    return _aman(response, content_type)


def serve_private(fieldfile: FieldFile | str, nama: str, *, as_attachment: bool) -> HttpResponseBase:
    """A stored file outside publik/, answered by a view that has already checked who may see it.

    The download name is `nama` (without extension) plus the extension of the stored file, so no name
    makes it look like another type; PDFs and unknown types are always downloads. With
    JEMBATAN_X_ACCEL_REDIRECT set, the web server sends the bytes from its internal location and this
    process only answers the headers. `fieldfile` may also be a name in the default storage."""
    name = fieldfile if isinstance(fieldfile, str) else fieldfile.name or ""
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    content_type = JENIS_PRIVAT.get(ext, "application/octet-stream")
    unduh = f"{nama}.{ext if ext in JENIS_PRIVAT else 'bin'}"
    # The web server's internal location reads MEDIA_ROOT: files in a bucket are streamed from here.
    storage = default_storage if isinstance(fieldfile, str) else fieldfile.storage
    lokasi = settings.JEMBATAN_X_ACCEL_REDIRECT if isinstance(storage, FileSystemStorage) else ""
    response: HttpResponseBase
    if lokasi:
        response = HttpResponse(content_type=content_type)
        response.headers["X-Accel-Redirect"] = f"{lokasi.rstrip('/')}/{quote(name)}"
    else:
        berkas = default_storage.open(name, "rb") if isinstance(fieldfile, str) else fieldfile.open("rb")
        response = FileResponse(berkas, content_type=content_type)
    response.headers["Content-Disposition"] = content_disposition_header(as_attachment or content_type not in GAMBAR, unduh) or ""
    return _aman(response, content_type)
