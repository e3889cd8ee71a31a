"""A small fixed-window rate limit in the cache, for public forms and API calls."""

from __future__ import annotations

from django.core.cache import cache


def lampaui_batas(kunci: str, jumlah: int, detik: int) -> bool:
    """Count one use of `kunci`; True when it has been used more than `jumlah` times in the window."""
    key = f"batas:{kunci}"
    if cache.add(key, 1, detik):
        return False
    try:
        return cache.incr(key) > jumlah
    except ValueError:  # expired between add and incr
        cache.set(key, 1, detik)
        return False
