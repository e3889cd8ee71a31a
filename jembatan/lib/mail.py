"""The one e-mail helper: each message is a subject template plus text and HTML body templates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation


def send(nama_template: str, kepada: list[str], konteks: dict[str, Any]) -> None:
    """Send templates/surel/<nama>_subjek.txt, _isi.txt and _isi.html to the recipients."""
    # Mail goes out in the site's language, whatever language the sender's page was in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"surel/{nama_template}_subjek.txt", konteks).split())
        text = render_to_string(f"surel/{nama_template}_isi.txt", konteks)
        html = render_to_string(f"surel/{nama_template}_isi.html", konteks)
    msg = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, kepada)
    msg.attach_alternative(html, "text/html")
    msg.send()


def absolute_url(request: HttpRequest, path: str) -> str:
    """An absolute link for e-mail: SITE_URL when set, else the address the request came to."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)
