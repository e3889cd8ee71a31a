import contextlib
import importlib
import os
import tempfile
from pathlib import Path

import pytest

from jembatan import test as t


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tasks run at once in tests; the queue backends have tests of their own (jembatan/tests/test_tugas.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
    # WhiteNoise warns about a missing static root; a fresh clone has none until collectstatic.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    # Every test's client builds the middleware anew, and WhiteNoise would index every static file each
    # time (a third of the suite's time); looking files up when asked costs nothing here.
    settings.WHITENOISE_AUTOREFRESH = True
    # Speaking takes a second or two: only the tests that ask for it (`pakai_espeak`) make audio.
    settings.JEMBATAN_AUDIO = False


# The data the migrations put in an empty database (the rest of their RunPython steps fill columns of existing rows
# or build PostgreSQL indexes): what the SQLite pass, built from the models, must add itself.
BENIH_MIGRASI = (
    "penilaian.migrations.0002_data_awal",
    "potensi.migrations.0002_jenis_awal",
    "diskusi.migrations.0002_blokir_awal",
)


@pytest.fixture(scope="session")
def django_db_use_migrations(request):
    """On SQLite each test worker builds its tables from the models (1 s) instead of running every migration (6-9 s
    of the worker's start), then adds the migrations' seed data (BENIH_MIGRASI). The PostgreSQL pass (CI's second)
    runs the real migrations, and `makemigrations --check` (`make lint`) holds the models to them;
    JEMBATAN_UJI_MIGRASI=1 runs them on SQLite too."""
    from django.db import connection

    if connection.vendor == "sqlite" and not os.environ.get("JEMBATAN_UJI_MIGRASI"):
        return False
    return not request.config.getvalue("nomigrations")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_use_migrations):
    """Real region data for the whole session: province 63 through the real importer."""
    with django_db_blocker.unblock():
        if not django_db_use_migrations:
            from django.apps import apps

            for modul in BENIH_MIGRASI:
                importlib.import_module(modul).isi(apps, None)
        t.muat_wilayah()
        t.simpan_salinan_awal()


@pytest.fixture(autouse=True)
def _bersihkan_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def _media_sesi(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_sementara(settings, _media_sesi, request):
    # A folder of its own for each test's uploads (cheaper than pytest's tmp_path for every test).
    settings.MEDIA_ROOT = folder = Path(tempfile.mkdtemp(dir=_media_sesi))
    yield
    # Most tests upload nothing: their empty folder goes now, where pytest would remove some 1,700 of them in one
    # go (1-2 s) when a later run retires this one's temporary folders. A folder with files stays to be looked at.
    with contextlib.suppress(OSError):
        folder.rmdir()


@pytest.fixture
def cast(db):
    return t.buat_cast()


@pytest.fixture
def admin_client(client, cast):
    """The cast's Diskominfo admin signed in to the Django admin (made staff and superuser; pytest-django's own
    `admin_client` has a user with no place in the region tree)."""
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    client.force_login(cast.admin)
    return client


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def pakai_postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        if os.environ.get("JEMBATAN_WAJIB_LAYANAN"):
            pytest.fail("JEMBATAN_WAJIB_LAYANAN is set: this run must have PostgreSQL")
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... to run")


@pytest.fixture
def pakai_espeak(settings):
    """Audio is made in this test: needs espeak-ng with its Indonesian voice (CI installs it and fails without)."""
    from jembatan.lib import speech

    if not speech.available():
        if os.environ.get("JEMBATAN_WAJIB_LAYANAN") or os.environ.get("CI"):
            pytest.fail(f"this run must have espeak-ng: {speech.INSTALL_HINT}")
        pytest.skip(f"needs espeak-ng: {speech.INSTALL_HINT}")
    settings.JEMBATAN_AUDIO = True


@pytest.fixture
def smtp_lokal(settings):
    """A real SMTP server on loopback for the duration of a test; yields the envelopes it received."""
    import socket

    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    try:
        yield received
    finally:
        controller.stop()
