"""Photos for public pages: checked by content, turned upright, stripped of metadata (GPS, camera),
resized to a few widths and saved as WebP with a JPEG fallback under media/publik/."""

from __future__ import annotations

import io
import secrets
from typing import Any, Self

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps

from jembatan.lib.media import PUBLIK
from jembatan.lib.uploads import JPEG, PNG, check_pixels, max_upload_bytes, sniff_type


def process_photo(
    f: File[bytes], folder: str, lebar_lebar: tuple[int, ...] = (400, 800, 1200)
) -> tuple[int, int, dict[str, dict[str, str]]]:
    """Save resized copies of the uploaded image `f`; returns (width, height, {width: {"webp": path, "jpeg": path}}).

    Raises ValidationError for anything that is not a JPEG or PNG image, or is too large (in bytes, or in
    pixels: checked from the header before decoding)."""
    if getattr(f, "size", 0) and f.size > max_upload_bytes():
        raise ValidationError(_("Foto terlalu besar."))
    if sniff_type(f) not in (JPEG, PNG):
        raise ValidationError(_("Berkas ini bukan foto JPEG atau PNG yang sah."))
    check_pixels(f)
    f.seek(0)
    with Image.open(f) as asli:
        asli.load()
        ImageOps.exif_transpose(asli, in_place=True)  # in place: one copy fewer of a large photo
        img = asli.convert("RGB")  # drops EXIF (GPS, camera) and alpha
    lebar, tinggi = img.size
    dasar = f"{PUBLIK}/{folder}/{timezone.now():%Y/%m}/{secrets.token_hex(6)}"
    varian: dict[str, dict[str, str]] = {}
    for w in sorted(set(lebar_lebar)):
        if w > lebar and varian:
            break
        kecil = img if w >= lebar else img.resize((w, round(tinggi * w / lebar)), Image.Resampling.LANCZOS)
        paths: dict[str, str] = {}
        for fmt, opsi in (
            ("webp", {"quality": 72, "method": 6}),
            ("jpeg", {"quality": 76, "optimize": True, "progressive": True}),
        ):
            out = io.BytesIO()
            kecil.save(out, fmt.upper(), **opsi)
            paths[fmt] = default_storage.save(
                f"{dasar}-{min(w, lebar)}.{'jpg' if fmt == 'jpeg' else fmt}", ContentFile(out.getvalue())
            )
        varian[str(min(w, lebar))] = paths
    return lebar, tinggi, varian


def delete_photo(varian: dict[str, dict[str, str]]) -> None:
    for paths in varian.values():
        for path in paths.values():
            default_storage.delete(path)


class PhotoVariants(models.Model):
    """A photo of a published item (news, a village potential …), kept as the resized WebP and JPEG variants
    `process_photo` wrote. Each app's photo model adds the link to its item."""

    keterangan = models.CharField(gettext_lazy("keterangan foto"), max_length=300, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)
    lebar = models.PositiveIntegerField(default=0)
    tinggi = models.PositiveIntegerField(default=0)
    # {"400": {"webp": "publik/…/x-400.webp", "jpeg": "…"}, …}; only widths not larger than the original.
    varian = models.JSONField(default=dict)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["urutan", "id"]

    def __str__(self) -> str:
        return self.keterangan or f"Foto {self.pk}"

    @classmethod
    def add_upload(cls, f: File, keterangan: str, folder: str, **item: Any) -> Self:  # type: ignore[type-arg]
        """Process an uploaded photo (`process_photo`: ValidationError when it is not one) and store it as the
        last photo of the item named by `item` (e.g. `berita=berita`)."""
        lebar, tinggi, varian = process_photo(f, folder)
        urutan = cls._default_manager.filter(**item).count()
        return cls._default_manager.create(
            keterangan=keterangan, lebar=lebar, tinggi=tinggi, varian=varian, urutan=urutan, **item
        )

    def delete_with_files(self) -> None:
        """Remove the photo and its variants' files."""
        delete_photo(self.varian)
        self.delete()

    def url(self, lebar: int, fmt: str = "jpeg") -> str:
        """The URL of the narrowest variant at least `lebar` pixels wide (the widest there is, else)."""
        tersedia = sorted(int(w) for w in self.varian)
        if not tersedia:
            return ""
        pilih = next((w for w in tersedia if w >= lebar), tersedia[-1])
        return str(default_storage.url(self.varian[str(pilih)][fmt]))

    def _srcset(self, fmt: str) -> str:
        return ", ".join(f"{default_storage.url(v[fmt])} {w}w" for w, v in sorted(self.varian.items(), key=lambda x: int(x[0])))

    @property
    def srcset_webp(self) -> str:
        return self._srcset("webp")

    @property
    def srcset_jpeg(self) -> str:
        return self._srcset("jpeg")


class PhotoForm(forms.Form):
    """The upload field for one photo of an item, with its caption; the photo is checked and processed by
    `process_photo` when saved."""

    foto = forms.ImageField(
        label=gettext_lazy("Foto"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=gettext_lazy("JPEG atau PNG. Lokasi dan data kamera dihapus otomatis."),
    )
    keterangan = forms.CharField(label=gettext_lazy("Keterangan foto"), required=False, max_length=300)

    def clean_foto(self) -> UploadedFile[bytes]:
        f: UploadedFile[bytes] = self.cleaned_data["foto"]
        if (f.size or 0) > max_upload_bytes():
            raise forms.ValidationError(_("Foto terlalu besar (maksimal %(mb)s MB).") % {"mb": settings.JEMBATAN_MAX_UPLOAD_MB})
        return f
