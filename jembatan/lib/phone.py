"""Indonesian mobile numbers for WhatsApp links: normalised to 62…, never shown as text.

A number is kept as 62 followed by the subscriber part (`6281234567890`), the form wa.me wants. Numbers
typed as 08…, +62 8… or 62 8…, with spaces, dots, dashes or brackets, are accepted; landlines (0511…),
foreign numbers and anything of the wrong length are refused.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# 8 + 8 to 11 more digits: Indonesian mobile numbers are 10 to 13 digits long when written 08….
_SELULER = re.compile(r"^628\d{8,11}$")
_PEMISAH = re.compile(r"[\s.\-()]")


def normalise_mobile(teks: str) -> str | None:
    """`teks` as an Indonesian mobile number 62…, or None when it is not one."""
    angka = _PEMISAH.sub("", teks or "")
    if angka.startswith("+"):
        angka = angka[1:]
    elif angka.startswith("0"):
        angka = "62" + angka[1:]
    if not angka.isascii() or not angka.isdigit():
        return None
    return angka if _SELULER.match(angka) else None


def whatsapp_link(nomor: str, teks: str) -> str:
    """A wa.me link that opens a chat with `nomor` (already normalised) with `teks` ready to send."""
    if not _SELULER.match(nomor):
        raise ValueError("not a normalised Indonesian mobile number")
    return f"https://wa.me/{nomor}?text={quote(teks, safe='')}"
