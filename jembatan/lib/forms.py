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
