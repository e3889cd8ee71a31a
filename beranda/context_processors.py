from django.conf import settings
from django.core.cache import cache

from kim.models import Kim
from wilayah.models import Wilayah


def _info():
    info = cache.get("deployment:info")
    if info is None:
        kab = Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN).values("kode", "nama").first()
        info = {
            "kabupaten": kab or {"kode": settings.JEMBATAN_KABUPATEN, "nama": settings.JEMBATAN_KABUPATEN},
            "ada_demo": Kim.objects.filter(demo=True).exists(),
        }
        cache.set("deployment:info", info, 300)
    return info


def deployment(request):
    return {"deployment": _info(), "LANGUAGE_CODE_SAAT_INI": getattr(request, "LANGUAGE_CODE", "id")}
