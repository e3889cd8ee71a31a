"""System checks that warn about settings a production deployment must not leave at defaults.

They run with `manage.py check --deploy`, beside Django's own (HTTPS, cookies, SECRET_KEY); a correct
production configuration (see README, "Running in production") leaves that command silent.
"""

from django.conf import settings
from django.core.checks import Error, Warning, register

from jembatan.lib import speech

# Caches each process keeps to itself (or none at all): rate limits and the page cache's version
# number must be the same for every server process.
PROCESS_LOCAL_CACHES = ("LocMemCache", "DummyCache")
# Mail backends that never reach anyone.
UNSENT_MAIL_BACKENDS = ("console.EmailBackend", "locmem.EmailBackend", "dummy.EmailBackend", "filebased.EmailBackend")


@register(deploy=True)
def production_settings(app_configs, **kwargs):
    warnings = []
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        warnings.append(Warning("SQLite is in use.", hint="Set DATABASE_URL to a PostgreSQL database.", id="jembatan.W001"))
    if settings.CACHES["default"]["BACKEND"].endswith(PROCESS_LOCAL_CACHES):
        warnings.append(
            Warning(
                "The cache is not shared between server processes.",
                hint=(
                    "Set REDIS_URL: with several server processes, cached pages must be retired everywhere at once "
                    "and login and form limits must count every process's requests."
                ),
                id="jembatan.W002",
            )
        )
    if settings.EMAIL_BACKEND.endswith(UNSENT_MAIL_BACKENDS):
        warnings.append(
            Warning(
                "E-mail is not sent: invitations, password resets and siaran never arrive.",
                hint="Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) to a mail server.",
                id="jembatan.W003",
            )
        )
    if not settings.SITE_URL:
        warnings.append(Warning("SITE_URL is not set.", hint="Links in e-mail use the request's host.", id="jembatan.W004"))
    if settings.JEMBATAN_SERVE_MEDIA:
        warnings.append(
            Warning(
                "Django serves the public uploads under /media/publik/.",
                hint="Let the web server serve them (see README) and set JEMBATAN_SERVE_MEDIA=0.",
                id="jembatan.W005",
            )
        )
    return warnings


@register()
def audio_program(app_configs, **kwargs):
    """Audio versions need espeak-ng, a system package: say so wherever the site runs, not only in production."""
    if settings.JEMBATAN_AUDIO and not speech.available():
        return [
            Warning(
                "espeak-ng with its Indonesian voice is not installed: siaran, verdicts and the maklumat get no audio.",
                hint=speech.INSTALL_HINT + " Or set JEMBATAN_AUDIO=0 to turn audio off on purpose.",
                id="jembatan.W006",
            )
        ]
    return []


@register()
def page_files_need_a_shared_cache(app_configs, **kwargs):
    """Page files are retired by a bump of the cache generation: with a cache of each process's own, one
    process's bump leaves the files the others wrote served by nginx with no time limit but the sweep."""
    if settings.JEMBATAN_HALAMAN_BERKAS and settings.CACHES["default"]["BACKEND"].endswith(PROCESS_LOCAL_CACHES):
        return [
            Error(
                "JEMBATAN_HALAMAN_BERKAS is set but the cache is not shared between server processes: a change "
                "seen by one process would not retire the page files the others wrote.",
                hint="Set REDIS_URL (a Redis server all processes use), or leave JEMBATAN_HALAMAN_BERKAS empty.",
                id="jembatan.E001",
            )
        ]
    return []
