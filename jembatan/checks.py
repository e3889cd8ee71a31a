"""System checks that warn about settings a production deployment must not leave at defaults."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def production_settings(app_configs, **kwargs):
    warnings = []
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        warnings.append(Warning("SQLite is in use.", hint="Set DATABASE_URL to a PostgreSQL database.", id="jembatan.W001"))
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        warnings.append(
            Warning(
                "The cache is local to each process.",
                hint="Set REDIS_URL: with several server processes, cached pages must be retired everywhere at once.",
                id="jembatan.W002",
            )
        )
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        warnings.append(Warning("E-mail is printed, not sent.", hint="Set EMAIL_HOST.", id="jembatan.W003"))
    if not settings.SITE_URL:
        warnings.append(Warning("SITE_URL is not set.", hint="Links in e-mail use the request's host.", id="jembatan.W004"))
    return warnings
