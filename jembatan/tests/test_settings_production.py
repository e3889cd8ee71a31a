"""Production settings: a real SECRET_KEY or no start, every variable documented, `check --deploy` silent
on a correct production environment and naming what is missing on the defaults, and the security
headers every response carries."""

import re
import runpy
import secrets
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

# The URLconf is built once per process, from the settings of the moment it is first imported: imported first
# inside `_deploy_check_ids` (production settings, JEMBATAN_SERVE_MEDIA off), it would leave this test worker
# without the media routes that the tests of jembatan/tests/test_media.py ask for.
import jembatan.urls  # noqa: F401

SETTINGS = Path(__file__).resolve().parents[1] / "settings.py"
ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"
DOCUMENTED = re.findall(r"^# ([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.M)

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "kim.tapinkab.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://kim.tapinkab.go.id",
    "SITE_URL": "https://kim.tapinkab.go.id",
    "DATABASE_URL": "postgres://jembatan:rahasia@127.0.0.1:5432/jembatan",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.tapinkab.go.id",
    "BEHIND_PROXY": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_COOKIES": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "JEMBATAN_SERVE_MEDIA": "0",
}


def _settings_from(monkeypatch, env: dict[str, str]) -> dict:
    """The settings module as it comes out of `env` alone (nothing else from this process's environment)."""
    for name in DOCUMENTED:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def _deploy_check_ids(monkeypatch, env: dict[str, str]) -> set[str]:
    module = _settings_from(monkeypatch, env)
    # The app registry is not reloaded (the apps are the same) and no database is opened: the checks
    # read the engine's name only, which is what overriding DATABASES is warned about.
    changed = {k: v for k, v in module.items() if k.isupper() and k != "INSTALLED_APPS"}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Overriding setting DATABASES", UserWarning)
        with override_settings(**changed):
            call_command("check", deploy=True, fail_level="ERROR")  # the command as an operator runs it
            # Whether espeak-ng is installed is the machine's, not the settings' (test_speech.py tests W006).
            return {str(message.id) for message in run_checks(include_deployment_checks=True)} - {"jembatan.W006"}


def test_start_up_is_refused_with_debug_off_and_no_secret_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        _settings_from(monkeypatch, {"DEBUG": "0"})


def test_start_up_is_refused_with_debug_off_and_the_public_development_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        _settings_from(monkeypatch, {"SECRET_KEY": "django-insecure-jembatan-local-only"})


def test_debug_on_runs_with_the_development_key_and_a_set_key_is_used(monkeypatch):
    assert _settings_from(monkeypatch, {"DEBUG": "1"})["SECRET_KEY"] == "django-insecure-jembatan-local-only"
    assert _settings_from(monkeypatch, {"SECRET_KEY": "k" * 60})["SECRET_KEY"] == "k" * 60


def test_every_environment_variable_the_settings_read_is_documented_in_env_example():
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', SETTINGS.read_text()))
    assert read - set(DOCUMENTED) == set()


def test_a_correct_production_environment_leaves_check_deploy_silent(monkeypatch):
    assert _deploy_check_ids(monkeypatch, PRODUCTION) == set()


def test_the_defaults_make_check_deploy_name_every_missing_production_setting(monkeypatch):
    ids = _deploy_check_ids(monkeypatch, {"SECRET_KEY": PRODUCTION["SECRET_KEY"]})
    assert ids == {
        "security.W004",  # HSTS
        "security.W008",  # SSL redirect
        "security.W012",  # session cookie over HTTPS only
        "security.W016",  # CSRF cookie over HTTPS only
        "jembatan.W001",  # SQLite
        "jembatan.W002",  # a cache of each process's own
        "jembatan.W003",  # e-mail printed, not sent
        "jembatan.W004",  # SITE_URL
        "jembatan.W005",  # Django serving the public uploads
    }


@pytest.mark.parametrize(
    ("setting", "value", "check"),
    [
        ("CACHES", {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}, "jembatan.W002"),
        ("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend", "jembatan.W003"),
        ("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend", "jembatan.W003"),
    ],
)
def test_check_deploy_warns_about_a_cache_or_mail_backend_that_does_not_work_across_processes(setting, value, check):
    with override_settings(**{setting: value}):
        assert check in {m.id for m in run_checks(include_deployment_checks=True)}


LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}}


@pytest.mark.parametrize(
    ("berkas", "caches", "error"),
    [
        ("/srv/jembatan/var/halaman", LOCMEM, True),
        ("/srv/jembatan/var/halaman", {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}, True),
        ("/srv/jembatan/var/halaman", REDIS, False),
        ("", LOCMEM, False),
    ],
)
def test_page_files_with_a_cache_of_each_process_are_an_error(berkas, caches, error):
    with override_settings(JEMBATAN_HALAMAN_BERKAS=berkas, CACHES=caches):
        found = [m for m in run_checks() if m.id == "jembatan.E001"]
    assert bool(found) is error
    if error:
        assert found[0].is_serious() and "REDIS_URL" in found[0].hint


@pytest.mark.django_db
def test_every_response_carries_a_strict_content_security_policy_and_the_other_headers(client):
    response = client.get("/tentang/")
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
        "worker-src": "'self'",
        "manifest-src": "'self'",
    }
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert "camera=()" in settings.PERMISSIONS_POLICY and "geolocation=()" in settings.PERMISSIONS_POLICY
