"""The one shape of a domain change: a model method checks the rule, changes state and records the audit
entry in one transaction, and refuses with `DomainError`, whose text the view shows as the form's message.

`Versioned` is the optimistic edit check, written once: a form carries the version it was opened with, and
a save from a stale form is refused with `StaleVersion` instead of silently overwriting someone else's work.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A domain rule refused the change; `str(error)` is the polite message for the user, and `field` names
    the form field it belongs beside (None: the form as a whole)."""

    def __init__(self, message: object, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StaleVersion(DomainError):
    """Someone else changed the object since the user opened it (views answer 409 Conflict)."""


PESAN_VERSI_USANG = _(
    "Data ini baru saja diubah oleh pengguna lain. Perubahan Anda belum disimpan: "
    "muat ulang halaman untuk melihat versi terbaru, lalu ulangi bila masih perlu."
)


def tolak_di_form(form: forms.BaseForm, error: DomainError) -> int:
    """Show a refused change beside its field on `form` (or above the form); the HTTP status to answer with:
    409 Conflict when someone saved the object since the form was opened, 400 otherwise."""
    form.add_error(error.field, str(error))
    return 409 if isinstance(error, StaleVersion) else 400


class Versioned(models.Model):
    """A row that several people may edit at once. `versi` goes up by one with every saved change."""

    versi = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    def bump_version(self, seen: int) -> None:
        """Move the stored version from `seen` (what the user's form showed) to `seen + 1`, or raise
        StaleVersion. Call it inside the transaction that saves the change; a new, unsaved row expects
        `seen == 0`."""
        if self.pk is None:
            if seen != 0:
                raise StaleVersion(str(PESAN_VERSI_USANG))
            self.versi = 1
            return
        if not type(self)._default_manager.filter(pk=self.pk, versi=seen).update(versi=seen + 1):
            raise StaleVersion(str(PESAN_VERSI_USANG))
        self.versi = seen + 1


class VersionedModelForm(forms.ModelForm):  # type: ignore[type-arg]  # the model is each subclass's Meta.model
    """An edit form for a `Versioned` model: it carries, hidden, the version it was opened with (0 for a new
    row), which the model's save method hands to `bump_version`."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["versi"].initial = self.instance.versi if self.instance.pk else 0
