"""Who calls a rate-limited endpoint, and how often they may: a partner's API key, or the caller's address.

A rate-limited endpoint declares `auth=KUNCI_ATAU_ANONIM, openapi_extra=DOK_KUNCI_ATAU_ANONIM` and starts with
`batas_terlampaui()`. A request without a key is anonymous and counted per address, as before keys existed;
a request with a valid key is counted against that key's own hourly limit; a wrong or revoked key is refused
(401), never taken for anonymous. The key itself is never logged, stored or echoed back.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from api.models import AWALAN, KunciApi
from jembatan.lib.ratelimit import client_address, exceeded

# `request.auth` of a request that sent no key (Django Ninja needs something true to let it through).
TANPA_KUNCI = "tanpa-kunci"


class KunciDitolak(Exception):
    """A key was sent and is no good; the message says why (the API answers 401 with it)."""


class KunciApiMitra(HttpBearer):
    # The class name is the security scheme's name in the OpenAPI document.
    openapi_description = (
        "Kunci API mitra, dikirim sebagai `Authorization: Bearer jbt_…`. Tidak wajib: tanpa kunci, endpoint yang "
        "dibatasi menghitung permintaan per alamat IP; dengan kunci, permintaan dihitung pada batas per jam kunci itu "
        "sendiri. Kunci yang salah atau sudah dicabut ditolak (401). Kunci dibuat oleh Diskominfo atas permintaan "
        "organisasi mitra. "
        "Partner API key, sent as `Authorization: Bearer jbt_…`. Optional: without a key, rate-limited endpoints "
        "count requests per IP address; with one, requests count against that key's own hourly limit. A wrong or "
        "revoked key is refused (401). Keys are issued by Diskominfo to partner organisations on request."
    )
    openapi_bearerFormat = "jbt_…"  # spelled as the OpenAPI field

    def __call__(self, request: HttpRequest) -> KunciApi | str | None:
        # Django Ninja's own __call__ logs an unexpected header in DEBUG: that header may be a key.
        header = request.headers.get("Authorization", "").strip()
        if not header:
            return TANPA_KUNCI
        skema, _spasi, kunci = header.partition(" ")
        if skema.lower() != "bearer":
            if header.startswith(AWALAN):
                raise KunciDitolak(_("Kirim kunci API sebagai header 'Authorization: Bearer <kunci>'."))
            return TANPA_KUNCI  # another scheme (a proxy's Basic auth) is not ours to judge
        return self.authenticate(request, kunci.strip())

    def authenticate(self, request: HttpRequest, token: str) -> KunciApi:
        kunci = KunciApi.objects.dari_kunci(token)
        if kunci is None:
            raise KunciDitolak(_("Kunci API tidak dikenal. Periksa kunci yang Anda kirim, atau kirim permintaan tanpa kunci."))
        if not kunci.is_aktif:
            raise KunciDitolak(_("Kunci API ini sudah dicabut. Hubungi Diskominfo untuk kunci baru."))
        kunci.tandai_dipakai()
        return kunci


KUNCI_ATAU_ANONIM = KunciApiMitra()
# The key is optional: `{}` beside the scheme says so in the OpenAPI document (Django Ninja adds this list
# to the operation's own, which names the scheme).
DOK_KUNCI_ATAU_ANONIM: dict = {"security": [{}]}


def batas_terlampaui(request: HttpRequest, nama: str, batas_per_alamat: int) -> str | None:
    """Count this call against its caller's hourly limit; the message for a 429 once the limit is passed, else None.

    A partner key counts against its own limit (one counter per key, across every limited endpoint); a
    signed-in user is not limited; anyone else counts per address under `nama`, `batas_per_alamat` an hour."""
    pemanggil = getattr(request, "auth", None)
    assert pemanggil is not None, "a rate-limited endpoint declares auth=KUNCI_ATAU_ANONIM"
    if isinstance(pemanggil, KunciApi):
        if exceeded(f"api-kunci:{pemanggil.pk}", pemanggil.batas_per_jam, 3600):
            return _("Batas kunci API ini (%(n)s permintaan per jam) sudah tercapai; coba lagi dalam satu jam.") % {
                "n": pemanggil.batas_per_jam
            }
        return None
    if request.user.is_authenticated:
        return None
    if exceeded(f"{nama}:{client_address(request)}", batas_per_alamat, 3600):
        return _("Terlalu banyak permintaan dari alamat ini; coba lagi dalam satu jam.")
    return None
