"""Small form helpers shared by the apps."""

from django.db import models


def https_url(field, **kwargs):
    """formfield_callback: links typed without a scheme ("facebook.com/kim") are taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)
