"""Small form helpers shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models


def https_url(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """formfield_callback: links typed without a scheme ("facebook.com/kim") are taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    """Several files in one input (the pattern from Django's documentation)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", BanyakBerkasInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        berkas = data if isinstance(data, list | tuple) else [data]
        return [super(BanyakBerkasField, self).clean(f, initial) for f in berkas if f]
