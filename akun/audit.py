"""The audit trail: one function writes every entry, and computes what changed.

Domain changes record themselves (inside the model method that makes them, in the same transaction);
the action is one of `Aksi` or of a module's own TextChoices registered with `daftarkan_aksi`, and the before/after values come from `potret()` snapshots compared here.
Personal fields are recorded as changed, never with their values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.db import models

from akun.models import Aksi, Audit

TERSAMAR = "•••"

_AKSI: dict[str, Any] = {}


def daftarkan_aksi(choices: type[models.TextChoices]) -> type[models.TextChoices]:
    """Make the actions of `choices` known to the audit trail (a module calls this for its own actions,
    at import time of its models; usable as a class decorator). Values must be unique across modules."""
    for value, label in choices.choices:
        if value in _AKSI and _AKSI[value] != label:
            raise ValueError(f"audit action {value!r} is declared twice")
        _AKSI[value] = label
    return choices


daftarkan_aksi(Aksi)


def label_aksi(aksi: str) -> str:
    """The human name of an audit action, or the stored value when no module declares it any more."""
    return str(_AKSI.get(aksi, aksi))


def _polos(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_polos(v) for v in value]
    return str(value)


def potret(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` on `obj` now, in the form the audit trail stores."""
    return {f: _polos(getattr(obj, f)) for f in fields}


def _selisih(sebelum: dict[str, Any], sesudah: dict[str, Any], rahasia: Iterable[str]) -> dict[str, list[Any]]:
    rahasia = set(rahasia)
    diff = {k: [sebelum.get(k), v] for k, v in sesudah.items() if sebelum.get(k) != v}
    return {k: [TERSAMAR, TERSAMAR] if k in rahasia else v for k, v in diff.items()}


def catat(
    user: Any,
    aksi: str,
    obj: models.Model,
    ringkasan: str,
    *,
    wilayah: Any = None,
    sebelum: dict[str, Any] | None = None,
    sesudah: dict[str, Any] | None = None,
    rahasia: Iterable[str] = (),
) -> Audit:
    """Record that `user` did `aksi` to `obj`.

    With `sebelum` (a `potret` taken before the change), the entry keeps {field: [old, new]} for each of
    those fields whose value differs now (or in `sesudah`, when given); fields named in `rahasia` are kept
    as changed without their values. `sesudah` alone records values set from nothing."""
    if aksi not in _AKSI:
        raise ValueError(f"unknown audit action: {aksi}")
    if sebelum is not None:
        perubahan = _selisih(sebelum, sesudah if sesudah is not None else potret(obj, sebelum), rahasia)
    else:
        perubahan = _selisih({}, {k: _polos(v) for k, v in (sesudah or {}).items()}, rahasia)
    return Audit.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        aksi=aksi,
        # Set for every model class once it is created; the stubs type it as optional.
        objek_tipe=cast(str, obj._meta.model_name),
        objek_id=str(obj.pk),
        wilayah=wilayah,
        ringkasan=ringkasan[:255],
        perubahan=perubahan,
    )
