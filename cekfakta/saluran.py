"""Chat channels of the verification desk: one small adapter per provider.

An adapter checks that a webhook call really comes from its provider, turns the provider's payload
into `Masuk` messages, and sends replies through the project's one outbound-HTTP function. Another
provider (an Indonesian WhatsApp gateway, say) is one more subclass registered in `ADAPTER`.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings

from jembatan.lib import http


@dataclass
class Masuk:
    id_eksternal: str
    pengirim: str
    jenis: str  # "text", "image", or what the provider calls anything else
    teks: str  # the text, or an image's caption
    media_id: str = ""  # the provider's id of an attached image


class Adapter:
    nama: str = ""
    # How long after the sender's last message a free-form reply is allowed (None: always).
    jendela_bebas: timedelta | None = None

    @property
    def aktif(self) -> bool:
        raise NotImplementedError

    def sah(self, request) -> bool:
        """Whether this request was signed by the provider."""
        raise NotImplementedError

    def pesan(self, payload: dict) -> list[Masuk]:
        raise NotImplementedError

    def balas(self, pengirim: str, teks: str) -> None:
        raise NotImplementedError

    def unduh(self, media_id: str) -> bytes:
        """The bytes of an attached image (raises http.FetchError when the provider does not give it)."""
        raise NotImplementedError

    def kabar_templat(self, pengirim: str, label: str, klaim: str, kode: str) -> bool:
        """Send the verdict through the provider's approved template; False when none is configured."""
        return False


class WhatsAppCloud(Adapter):
    """Meta's WhatsApp Cloud API: X-Hub-Signature-256 is an HMAC-SHA256 of the raw body with the app secret."""

    nama = "whatsapp"
    # The Cloud API accepts free-form text only within 24 hours of the user's last message.
    jendela_bebas = timedelta(hours=23)

    @property
    def aktif(self) -> bool:
        return bool(settings.WHATSAPP_APP_SECRET and settings.WHATSAPP_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID)

    def sah(self, request) -> bool:
        tanda = request.headers.get("X-Hub-Signature-256", "")
        if not self.aktif or not tanda.startswith("sha256="):
            return False
        expected = hmac.new(settings.WHATSAPP_APP_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(tanda.removeprefix("sha256=").encode(), expected.encode())

    def verifikasi_langganan(self, params) -> str | None:
        """The GET handshake: echo hub.challenge when hub.verify_token is ours."""
        token = settings.WHATSAPP_VERIFY_TOKEN
        if (
            token
            and params.get("hub.mode") == "subscribe"
            and hmac.compare_digest(params.get("hub.verify_token", "").encode(), token.encode())
        ):
            return params.get("hub.challenge", "")
        return None

    def pesan(self, payload: dict) -> list[Masuk]:
        out = []
        for entry in payload.get("entry") or []:
            for change in entry.get("changes") or []:
                for m in (change.get("value") or {}).get("messages") or []:
                    jenis = m.get("type", "")
                    media = ""
                    if jenis == "text":
                        teks = (m.get("text") or {}).get("body", "")
                    elif jenis == "image":
                        teks, media = (m.get("image") or {}).get("caption", ""), (m.get("image") or {}).get("id", "")
                    else:
                        teks = ""
                    if m.get("id") and m.get("from"):
                        out.append(Masuk(str(m["id"]), str(m["from"]), jenis, teks, str(media)))
        return out

    def balas(self, pengirim: str, teks: str) -> None:
        http.fetch(
            "POST",
            f"{settings.WHATSAPP_API_URL}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages",
            json={"messaging_product": "whatsapp", "to": pengirim, "type": "text", "text": {"body": teks[:4096]}},
            headers={"Authorization": f"Bearer {settings.WHATSAPP_TOKEN}"},
        )

    def kabar_templat(self, pengirim: str, label: str, klaim: str, kode: str) -> bool:
        if not settings.WHATSAPP_TEMPLATE_PUTUSAN:
            return False
        parameter = [{"type": "text", "text": t[:500]} for t in (label, klaim, kode)]
        http.fetch(
            "POST",
            f"{settings.WHATSAPP_API_URL}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages",
            json={
                "messaging_product": "whatsapp",
                "to": pengirim,
                "type": "template",
                "template": {
                    "name": settings.WHATSAPP_TEMPLATE_PUTUSAN,
                    "language": {"code": settings.WHATSAPP_TEMPLATE_BAHASA},
                    "components": [{"type": "body", "parameters": parameter}],
                },
            },
            headers={"Authorization": f"Bearer {settings.WHATSAPP_TOKEN}"},
        )
        return True

    def unduh(self, media_id: str) -> bytes:
        auth = {"Authorization": f"Bearer {settings.WHATSAPP_TOKEN}"}
        url = http.fetch("GET", f"{settings.WHATSAPP_API_URL}/{media_id}", headers=auth).json()["url"]
        # The media URL comes from a response: our token goes only to the provider's media hosts.
        host = urlsplit(url).hostname or ""
        if not any(host == h or host.endswith("." + h) for h in settings.WHATSAPP_MEDIA_HOSTS):
            raise http.FetchError(f"host media tidak dikenal: {host}")
        return http.fetch("GET", url, headers=auth).body


class Telegram(Adapter):
    """Telegram Bot API: the webhook carries the secret token set with setWebhook in a header."""

    nama = "telegram"

    @property
    def aktif(self) -> bool:
        return bool(settings.TELEGRAM_BOT_TOKEN and settings.TELEGRAM_SECRET_TOKEN)

    def sah(self, request) -> bool:
        tanda = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        return self.aktif and hmac.compare_digest(tanda.encode(), settings.TELEGRAM_SECRET_TOKEN.encode())

    def pesan(self, payload: dict) -> list[Masuk]:
        m = payload.get("message") or payload.get("edited_message")
        if not m or "update_id" not in payload or not (m.get("chat") or {}).get("id"):
            return []
        media = ""
        if "text" in m:
            jenis, teks = "text", m["text"]
        elif m.get("photo"):
            # Telegram lists the photo in several sizes, smallest first.
            jenis, teks, media = "image", m.get("caption", ""), m["photo"][-1].get("file_id", "")
        else:
            jenis, teks = next((k for k in ("document", "sticker", "voice", "video", "audio", "location") if k in m), "lain"), ""
        return [Masuk(str(payload["update_id"]), str(m["chat"]["id"]), jenis, teks, media)]

    def balas(self, pengirim: str, teks: str) -> None:
        http.fetch(
            "POST",
            f"{settings.TELEGRAM_API_URL}/bot{settings.TELEGRAM_BOT_TOKEN}/sendMessage",
            json={"chat_id": pengirim, "text": teks[:4096], "disable_web_page_preview": False},
        )

    def unduh(self, media_id: str) -> bytes:
        base = f"{settings.TELEGRAM_API_URL}/bot{settings.TELEGRAM_BOT_TOKEN}"
        path = http.fetch("POST", f"{base}/getFile", json={"file_id": media_id}).json()["result"]["file_path"]
        return http.fetch("GET", f"{settings.TELEGRAM_API_URL}/file/bot{settings.TELEGRAM_BOT_TOKEN}/{path}").body


ADAPTER: dict[str, Adapter] = {a.nama: a for a in (WhatsAppCloud(), Telegram())}
