"""Fixtures shared by the cek fakta tests."""

import pytest


@pytest.fixture(autouse=True)
def _indeks_baru():
    """The matcher's index of this process read afresh for each test: each test has its own database contents."""
    from cekfakta import layanan

    layanan.indeks.reset()
    yield
    layanan.indeks.reset()


@pytest.fixture
def terkirim(monkeypatch):
    """What the channels send (the JSON bodies), recorded instead of leaving the machine."""
    from jembatan.lib import http

    kiriman = []

    def palsu(method, url, *, json=None, headers=None, timeout=10):
        kiriman.append(json)
        return http.FetchResult(200, b"{}")

    monkeypatch.setattr(http, "fetch", palsu)
    return kiriman


@pytest.fixture
def saluran(settings):
    """WhatsApp and Telegram switched on, with test credentials."""
    settings.WHATSAPP_APP_SECRET, settings.WHATSAPP_TOKEN, settings.WHATSAPP_PHONE_NUMBER_ID = "rahasia", "token", "123"
    settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_SECRET_TOKEN = "111:bot", "rahasia-tg"
    return settings
