"""LOG_FORMAT: text in a terminal by default, one JSON line per record and per request in production."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS = Path(__file__).resolve().parents[1] / "settings.py"


def test_text_is_the_default_and_keeps_request_lines_at_the_log_level(monkeypatch):
    monkeypatch.delenv("LOG_FORMAT", raising=False)
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    logging = runpy.run_path(str(SETTINGS))["LOGGING"]
    assert "formatter" not in logging["handlers"]["console"]
    assert logging["handlers"]["console"]["filters"] == ["request_id"]
    assert logging["loggers"]["jembatan.request"]["level"] == "WARNING"


def test_json_formats_every_record_and_logs_each_request(monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "json")
    logging = runpy.run_path(str(SETTINGS))["LOGGING"]
    assert logging["handlers"]["console"]["formatter"] == "json"
    assert logging["formatters"]["json"]["()"] == "jembatan.lib.requestlog.JsonFormatter"
    assert logging["loggers"]["jembatan.request"]["level"] == "INFO"


def test_an_unknown_format_stops_start_up(monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "xml")
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT must be text or json"):
        runpy.run_path(str(SETTINGS))
