"""Forms that may be delivered twice (a queued offline submission sent again, a resubmitted page) store once.

Each such form carries a random key in a hidden field (`{% kunci_kirim %}`), written by the server as it
renders the form, so it works without JavaScript too. A delivery is recognised by a digest of the
form's address, that key and everything typed: a page from the anonymous page cache shows every visitor
the same key, and their different comments must stay different deliveries.

A view calls `earlier_result` before doing anything, and `remember` inside the transaction that stores
the item. When two deliveries race, the second one's `remember` waits on the unique index until the
first commits, then raises `AlreadyDelivered`: its own transaction rolls back and it answers with the
first one's result. A refused delivery (invalid form, rate limit) is not remembered and may be sent again.
"""

from __future__ import annotations

import hashlib
import json
import re

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseRedirect

from akun.models import DeliveryRecord

FIELD = "kunci_kirim"
_KEY = re.compile(r"^[0-9a-f]{32}$")
_NOT_TYPED = {"csrfmiddlewaretoken"}  # differs between renderings of one form; not part of what was typed


class AlreadyDelivered(Exception):
    """Another delivery of the same form was stored first."""


def fingerprint(request: HttpRequest) -> str | None:
    """The digest identifying this delivery, or None when the form carries no valid key."""
    key = request.POST.get(FIELD, "")
    if not _KEY.match(key):
        return None
    typed = sorted((name, value) for name, values in request.POST.lists() if name not in _NOT_TYPED for value in values)
    files = sorted((name, f.name or "", f.size or 0) for name, values in request.FILES.lists() for f in values)
    return hashlib.sha256(json.dumps([request.path, typed, files]).encode()).hexdigest()


def earlier_result(request: HttpRequest) -> HttpResponseRedirect | None:
    """The answer to a delivery already stored: a redirect to what the first delivery led to."""
    digest = fingerprint(request)
    if digest is None:
        return None
    location = DeliveryRecord.objects.filter(fingerprint=digest).values_list("location", flat=True).first()
    if location is None:
        return None
    response = HttpResponseRedirect(location)
    response.status_code = 303
    return response


def remember(request: HttpRequest, location: str) -> None:
    """Record this delivery's result; call inside the transaction that stores the item."""
    digest = fingerprint(request)
    if digest is None:
        return
    try:
        with transaction.atomic():
            DeliveryRecord.objects.create(fingerprint=digest, location=location[:500])
    except IntegrityError as e:
        raise AlreadyDelivered from e
