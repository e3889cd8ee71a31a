"""The audit trail: one function writes every entry."""

from __future__ import annotations

from typing import Any

from django.db import models

from akun.models import Audit


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def perubahan(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """{field: [old, new]} for the fields whose value differs."""
    return {k: [_plain(before.get(k)), _plain(after.get(k))] for k in after if _plain(before.get(k)) != _plain(after.get(k))}


def catat(user, aksi: str, obj: models.Model, ringkasan: str, *, wilayah=None, changes=None) -> Audit:
    return Audit.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        aksi=aksi,
        objek_tipe=obj._meta.model_name,
        objek_id=str(obj.pk),
        wilayah=wilayah,
        ringkasan=ringkasan[:255],
        perubahan={k: [_plain(x) for x in v] if isinstance(v, (list, tuple)) else _plain(v) for k, v in (changes or {}).items()},
    )
