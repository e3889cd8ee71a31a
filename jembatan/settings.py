"""Settings for Jembatan, read from environment variables (see .env.example).

With nothing set, the project runs locally: SQLite in var/, console e-mail, local media,
an in-process cache. Production sets DATABASE_URL (PostgreSQL), REDIS_URL, SECRET_KEY and
ALLOWED_HOSTS; `manage.py check --deploy` says what is still missing.
"""

from importlib.util import find_spec
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from jembatan.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("JEMBATAN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# A key anyone can read in this file is good for a laptop with DEBUG on and nothing else: with DEBUG
# off, start-up stops until SECRET_KEY holds a real one (`make run` makes one for its clone in var/).
DEVELOPMENT_SECRET_KEY = "django-insecure-jembatan-local-only"  # noqa: S105  (public on purpose)
SECRET_KEY = env_str("SECRET_KEY") or (DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))"); for local work set DEBUG=1 or use make run'
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "").rstrip("/")

# The one kabupaten/kota this deployment serves, as Kemendagri writes its code.
JEMBATAN_KABUPATEN = env_str("JEMBATAN_KABUPATEN", "63.05")
JEMBATAN_DATA_DIR = BASE_DIR / "data"
# Largest upload accepted (SK scans, documents), in megabytes.
JEMBATAN_MAX_UPLOAD_MB = env_int("JEMBATAN_MAX_UPLOAD_MB", 5, minimum=1)
# Largest ClaimReview file the admin's import reads (about 1 KB per verdict; the only upload allowed past
# JEMBATAN_MAX_UPLOAD_MB, to who may add verdicts: jembatan.lib.uploads.unggahan_besar). Change nginx's
# client_max_body_size for its address with it (deploy/nginx/jembatan.conf).
JEMBATAN_MAX_IMPOR_MB = env_int("JEMBATAN_MAX_IMPOR_MB", 100, minimum=1)
# Largest image accepted, in pixels, read from its header before anything decodes it (a small PNG can
# declare 10000×10000 pixels and take a gigabyte once decoded).
JEMBATAN_MAX_IMAGE_PIXELS = env_int("JEMBATAN_MAX_IMAGE_PIXELS", 40_000_000, minimum=1)
# Audio versions of siaran, verdicts and the PPID's maklumat, spoken by espeak-ng (a Debian package; without
# it the feature is off and `manage.py check` says how to install it). 0 turns it off on purpose.
JEMBATAN_AUDIO = env_bool("JEMBATAN_AUDIO", True)
# Internal location of the web server (nginx: `internal; alias MEDIA_ROOT/;`) through which views that
# check access hand out private files with X-Accel-Redirect, instead of streaming them. Empty: off.
JEMBATAN_X_ACCEL_REDIRECT = env_str("JEMBATAN_X_ACCEL_REDIRECT", "")
# Failed logins allowed per account and per client address in LOGIN_WINDOW_MINUTES.
JEMBATAN_LOGIN_MAX_FAILURES = env_int("JEMBATAN_LOGIN_MAX_FAILURES", 5, minimum=1)
JEMBATAN_LOGIN_WINDOW_MINUTES = env_int("JEMBATAN_LOGIN_WINDOW_MINUTES", 15, minimum=1)
# Days an invitation link stays valid.
JEMBATAN_INVITATION_DAYS = env_int("JEMBATAN_INVITATION_DAYS", 7, minimum=1)
# A KIM with no activity reported for this many days is dormant: "perlu pendampingan", and its pengurus reminded.
JEMBATAN_KIM_TIDUR_HARI = env_int("JEMBATAN_KIM_TIDUR_HARI", 60, minimum=1)
# Verification desk: hours to answer a new claim; longest message accepted; whether publishing
# needs a second verifikator; days a reporter's contact (email, chat id) is kept.
JEMBATAN_CEKFAKTA_TARGET_JAM = env_int("JEMBATAN_CEKFAKTA_TARGET_JAM", 24, minimum=1)
JEMBATAN_CEKFAKTA_MAKS_KARAKTER = env_int("JEMBATAN_CEKFAKTA_MAKS_KARAKTER", 5000, minimum=100)
JEMBATAN_CEKFAKTA_DUA_VERIFIKATOR = env_bool("JEMBATAN_CEKFAKTA_DUA_VERIFIKATOR", False)
JEMBATAN_CEKFAKTA_RETENSI_HARI = env_int("JEMBATAN_CEKFAKTA_RETENSI_HARI", 90, minimum=1)
# Comments allowed per client address per hour (before moderation rules apply).
JEMBATAN_DISKUSI_BATAS_PER_JAM = env_int("JEMBATAN_DISKUSI_BATAS_PER_JAM", 10, minimum=1)
# Matcher reports and API calls allowed per client address per hour.
JEMBATAN_CEKFAKTA_BATAS_PER_JAM = env_int("JEMBATAN_CEKFAKTA_BATAS_PER_JAM", 30, minimum=1)
# PPID: requests to the village PPID and to the regency's PPID Utama allowed per client address per hour.
JEMBATAN_PPID_BATAS_PER_JAM = env_int("JEMBATAN_PPID_BATAS_PER_JAM", 10, minimum=1)
# The registration number of a request or objection: {urut} (its number in the year at that badan publik),
# {jenis} (PPID or KEBERATAN), {badan} (DESA-<kode>, KEL-<kode>, or the regency's code), {bulan} (Roman), {tahun}.
JEMBATAN_PPID_FORMAT_NOMOR = env_str("JEMBATAN_PPID_FORMAT_NOMOR", "{urut:03d}/{jenis}-{badan}/{bulan}/{tahun}")
try:
    JEMBATAN_PPID_FORMAT_NOMOR.format(urut=17, jenis="PPID", badan="DESA-63.05.01.2003", bulan="XI", tahun=2026)
except (KeyError, IndexError, ValueError) as e:
    raise ImproperlyConfigured(f"JEMBATAN_PPID_FORMAT_NOMOR: {e!r}; fields: urut, jenis, badan, bulan, tahun") from e
# Seconds an anonymous public page may be served from cache (it is also invalidated on change).
JEMBATAN_PAGE_CACHE_SECONDS = env_int("JEMBATAN_PAGE_CACHE_SECONDS", 300, minimum=0)
# /sehat/ (jembatan.lib.health) answers "degraded" when the oldest task still waiting is older than this,
# or when the disk holding MEDIA_ROOT has less free space than this.
JEMBATAN_HEALTH_QUEUE_MAX_AGE_SECONDS = env_int("JEMBATAN_HEALTH_QUEUE_MAX_AGE_SECONDS", 900, minimum=1)
JEMBATAN_HEALTH_DISK_MIN_FREE_MB = env_int("JEMBATAN_HEALTH_DISK_MIN_FREE_MB", 1024, minimum=0)
# Cookies that make a public page personal: a visitor carrying one gets a fresh page, never a cached one.
JEMBATAN_PAGE_CACHE_PERSONAL_COOKIES = ["komentar_menunggu"]  # diskusi: the author's own held comments
# Address prefixes the page cache never looks up (no public page lives there): saves a cache round trip.
JEMBATAN_PAGE_CACHE_SKIP = ["/static/", "/media/", "/api/", "/sehat/", "/kelola/", "/akun/", "/admin/"]
# A directory where each cached public page is also written as a file (+ .gz, .br) that nginx sends by
# itself (jembatan.lib.pagefiles says how; deploy/nginx/halaman.conf). Empty: off. Needs the shared
# cache (REDIS_URL), or `manage.py check` fails (jembatan.E001); `manage.py sapu_halaman` removes files
# older than JEMBATAN_PAGE_CACHE_SECONDS (deploy/systemd/jembatan-sapu_halaman.timer).
JEMBATAN_HALAMAN_BERKAS = env_str("JEMBATAN_HALAMAN_BERKAS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "jembatan.apps.JembatanConfig",
    "wilayah",
    "akun",
    "kim",
    "cekfakta",
    "diskusi",
    "warta",
    "siaran",
    "potensi",
    "ppid",
    "suarawarga",
    "penilaian",
    "api",
    "beranda",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jembatan.lib.requestlog.RequestLogMiddleware",
    # Brotli or gzip for what the page cache did not already store compressed (it leaves those alone).
    "jembatan.lib.compression.CompressionMiddleware",
    # Anonymous visitors' public pages, answered before the session, CSRF, auth and message middleware.
    # What is above runs on a hit too (request id and log line, security headers); what is below it added
    # to the page (CSP, Permissions-Policy, X-Frame-Options, ...) is stored with it, so a hit needs no
    # policy built again.
    "jembatan.lib.pagecache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "jembatan.lib.headers.PermissionsPolicyMiddleware",
    "jembatan.lib.requestguard.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jembatan.lib.language.CookieLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "akun.luring.TandaAkunMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Address prefixes whose views refuse a NUL character themselves (jembatan.lib.requestguard).
JEMBATAN_NUL_CHECKED_BY_VIEWS = ["/api/"]  # the API answers 422 in JSON, as its OpenAPI document says

ROOT_URLCONF = "jembatan.urls"
WSGI_APPLICATION = "jembatan.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "beranda.context_processors.deployment",
                "siaran.context_processors.darurat",
            ],
        },
    },
]
if not DEBUG:
    # Compiled templates are kept in memory: a public page renders without re-reading files.
    TEMPLATES[0]["APP_DIRS"] = False
    TEMPLATES[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        )
    ]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer works; IMMEDIATE avoids lock upgrades failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "jembatan"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "akun.User"
LOGIN_URL = "akun:masuk"
LOGIN_REDIRECT_URL = "beranda:dasbor"
LOGOUT_REDIRECT_URL = "beranda:utama"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Makassar")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Let Django serve the public photos under /media/publik/: handy for `make run`; in production the web
# server does it (set 0), and `check --deploy` says so while it is on.
JEMBATAN_SERVE_MEDIA = env_bool("JEMBATAN_SERVE_MEDIA", True)
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads in an S3-compatible bucket when S3_BUCKET is set (several app servers then share them; needs
# the `s3` extra: make installs it when S3_BUCKET is set); local files under MEDIA_ROOT otherwise.
S3_BUCKET = env_str("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "jembatan.lib.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,  # empty: Amazon S3 itself
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "location": env_str("S3_PREFIX", ""),  # a folder inside the bucket
            # Addresses like endpoint/bucket/key work with every S3-compatible server.
            "addressing_style": "path",
            "default_acl": None,  # the bucket's own policy: keep it private
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False

# Uploads above this stay on disk while streaming; the size limit itself is enforced by
# jembatan.lib.uploads so an oversized file is stopped before it is written out.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "jembatan.lib.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Seconds to wait for the mail server; a hanging server must not block a worker for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Jembatan <jembatan@localhost>")

# HTTPS. Off by default because `make run` serves plain HTTP on 127.0.0.1; a production site turns
# every one on (`check --deploy` names those still off). Behind a TLS-ending proxy, BEHIND_PROXY=1
# trusts its X-Forwarded-Proto, without which SECURE_SSL_REDIRECT would redirect for ever.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# A load balancer asks for /sehat/ over plain HTTP on the server's own port; it holds nothing private.
SECURE_REDIRECT_EXEMPT = [r"^sehat/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind nginx every connection comes from 127.0.0.1: the client's address is the X-Real-IP the proxy sets
# (deploy/nginx/proxy.conf replaces whatever the client sent), for rate limits and logs.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page may be framed: X-Frame-Options for older browsers, frame-ancestors below for the rest.
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: the few enhancements are static/js/jembatan.js, the bar charts
# are SVG shapes. img-src allows data: for the empty favicon in base.html (it saves a request).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        # The offline service worker (/sw.js) and the web app manifest, both from this site only.
        "worker-src": [SELF],
        "manifest-src": [SELF],
    }
}
# Powerful browser features no page uses, off for the page and anything it could embed.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Background work (one task API, django-tasks): "db" keeps the queue in the database and needs
# `manage.py db_worker` running (make run starts one); "rq" uses Redis (REDIS_URL) with
# `manage.py rqworker --job-class django_tasks_rq.Job` and the optional `redis` extra, which make
# installs whenever REDIS_URL is set; "immediate" runs each task at once.
TASKS_BACKEND = env_str("TASKS_BACKEND", "db")
_TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, got {TASKS_BACKEND!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL")
    if find_spec("django_tasks_rq") is None:
        raise ImproperlyConfigured(
            "TASKS_BACKEND=rq needs the Redis queue, the optional `redis` extra (django-tasks-rq), which is not "
            "installed: run make with REDIS_URL set, or `uv sync --locked --inexact --extra redis`"
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}

# Chat channels of the verification desk (all optional; a channel without its secrets is off).
WHATSAPP_VERIFY_TOKEN = env_str("WHATSAPP_VERIFY_TOKEN")
WHATSAPP_APP_SECRET = env_str("WHATSAPP_APP_SECRET")
WHATSAPP_TOKEN = env_str("WHATSAPP_TOKEN")
WHATSAPP_PHONE_NUMBER_ID = env_str("WHATSAPP_PHONE_NUMBER_ID")
WHATSAPP_API_URL = env_str("WHATSAPP_API_URL", "https://graph.facebook.com/v21.0")
# Hosts the provider downloads media from; the access token is sent to no other host.
WHATSAPP_MEDIA_HOSTS = env_list("WHATSAPP_MEDIA_HOSTS", "fbsbx.com,whatsapp.net")
# An approved message template for verdicts sent more than 24 hours after the report (WhatsApp's rule);
# its body takes three parameters: the verdict label, the claim, the tracking code.
WHATSAPP_TEMPLATE_PUTUSAN = env_str("WHATSAPP_TEMPLATE_PUTUSAN")
WHATSAPP_TEMPLATE_BAHASA = env_str("WHATSAPP_TEMPLATE_BAHASA", "id")
TELEGRAM_BOT_TOKEN = env_str("TELEGRAM_BOT_TOKEN")
TELEGRAM_SECRET_TOKEN = env_str("TELEGRAM_SECRET_TOKEN")
TELEGRAM_API_URL = env_str("TELEGRAM_API_URL", "https://api.telegram.org")

NINJA_PAGINATION_PER_PAGE = 50

# Console logs: "text" for a terminal; "json" in production, one JSON object per line, each with the request
# id that the response's X-Request-ID header carries, plus one line per request (jembatan.lib.requestlog).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jembatan.lib.requestlog.RequestIdFilter"}},
    "formatters": {"json": {"()": "jembatan.lib.requestlog.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"]}
        | ({"formatter": "json"} if LOG_FORMAT == "json" else {})
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # The per-request lines: always in JSON logs; in a terminal gunicorn's access log (`make run`) prints one per request.
    "loggers": {"jembatan.request": {"level": "INFO" if LOG_FORMAT == "json" else LOG_LEVEL}},
}

# Errors also to Sentry when SENTRY_DSN is set (off by default), without personal data (jembatan.lib.sentry).
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
if SENTRY_DSN:
    from jembatan.lib.sentry import start as start_sentry

    start_sentry(SENTRY_DSN, SENTRY_ENVIRONMENT)
