"""Chat channels of the verification desk: one small adapter per provider.

An adapter checks that a webhook call really comes from its provider, turns the provider's payload
into `Masuk` messages, and sends replies through the project's one outbound-HTTP function. Another
provider (an Indonesian WhatsApp gateway, say) is one more subclass registered in `ADAPTER`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models

from cekfakta.models import PesanMasuk
from jembatan.lib import http
from jembatan.lib.text import storable
from jembatan.lib.uploads import max_upload_bytes

log = logging.getLogger(__name__)


# --- Reading a delivery -------------------------------------------------------------------------
# A signed delivery comes from the provider, yet its shape can change or be odd. A payload is read field by
# field; a part in a shape the provider does not document is skipped with a warning naming where it is and
# its JSON type (never a message's text or a phone number), and the delivery is acknowledged all the same:
# a provider retries every other answer for days, and the same bytes would fail every time.


class BentukAsing(ValueError):
    """A part of a payload not in its documented shape: where it is and what it is, nothing of its content."""

    def __init__(self, jalur: str, nilai: object) -> None:
        super().__init__(f"{jalur} is {_jenis_json(nilai)}")


def _jenis_json(nilai: object) -> str:
    if nilai is None:
        return "null"
    if isinstance(nilai, bool):
        return "a boolean"
    if isinstance(nilai, int | float):
        return "a number"
    if isinstance(nilai, str):
        return f"a string of {len(nilai)} characters"
    return "an array" if isinstance(nilai, list) else "an object"


def _objek(nilai: object, jalur: str) -> dict:
    """A JSON object field (absent: empty), or BentukAsing."""
    if nilai is None:
        return {}
    if not isinstance(nilai, dict):
        raise BentukAsing(jalur, nilai)
    return nilai


def _daftar(nilai: object, jalur: str) -> list:
    """A JSON array field (absent: empty), or BentukAsing."""
    if nilai is None:
        return []
    if not isinstance(nilai, list):
        raise BentukAsing(jalur, nilai)
    return nilai


def _teks(nilai: object, jalur: str) -> str:
    """A text field (absent: ""), or BentukAsing. NUL (refused by PostgreSQL) is dropped, and a lone
    surrogate (which no database can encode) becomes U+FFFD."""
    if nilai is None:
        return ""
    if not isinstance(nilai, str):
        raise BentukAsing(jalur, nilai)
    return storable(nilai)


def _id(nilai: object, jalur: str) -> str:
    """An id or a number: text, or a whole number (Telegram's are); a fraction or a boolean is neither."""
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        return str(nilai)
    return _teks(nilai, jalur)


def _kolom(nama: str) -> int:
    field = PesanMasuk._meta.get_field(nama)
    assert isinstance(field, models.CharField) and field.max_length
    return field.max_length


@dataclass
class Masuk:
    id_eksternal: str
    pengirim: str
    jenis: str  # "text", "image", or what the provider calls anything else
    teks: str  # the text, or an image's caption
    media_id: str = ""  # the provider's id of an attached image

    def cacat(self) -> str:
        """Why this message cannot be stored ("": it can). An id or a sender longer than its column is none a
        provider gives, and cutting it could merge two messages or send a reply to someone else."""
        for nama, nilai, kolom in (("id", self.id_eksternal, "id_eksternal"), ("sender", self.pengirim, "pengirim")):
            if not nilai:
                return f"no {nama}"
            if len(nilai) > _kolom(kolom):
                return f"an {nama} of {len(nilai)} characters"
        return ""

    def kolom(self) -> dict[str, str]:
        """The other fields of its PesanMasuk. A type name is cut to its column (it only picks the reply), the
        text to 20,000 characters; a media id too long to be real is dropped (the reply asks for the text)."""
        return {
            "pengirim": self.pengirim,
            "jenis": self.jenis[: _kolom("jenis")],
            "teks": self.teks[:20000],
            "media_id": self.media_id if len(self.media_id) <= _kolom("media_id") else "",
        }


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

    def baca(self, body: bytes) -> list[Masuk]:
        """The messages of a signed delivery that can be stored; everything else is skipped and logged."""
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError) as e:  # RecursionError: arrays nested thousands deep
            log.warning(
                "webhook %s: skipped a body that is not readable JSON (%s, %d bytes)", self.nama, type(e).__name__, len(body)
            )
            return []
        masuk: list[Masuk] = []
        try:
            if not isinstance(payload, dict):
                raise BentukAsing("the body", payload)
            for m in self.pesan(payload):
                if isinstance(m, BentukAsing):
                    log.warning("webhook %s: skipped a message: %s", self.nama, m)
                elif alasan := m.cacat():
                    log.warning("webhook %s: skipped a message with %s", self.nama, alasan)
                else:
                    masuk.append(m)
        except BentukAsing as e:
            log.warning("webhook %s: skipped the rest of a delivery: %s", self.nama, e)
        return masuk

    def pesan(self, payload: dict) -> Iterator[Masuk | BentukAsing]:
        """The messages of a payload, read with `_objek`, `_daftar` and `_teks`. A message that cannot be read is
        yielded as its BentukAsing, so the others in the same delivery are still answered; a container that
        cannot be read raises it."""
        raise NotImplementedError

    def balas(self, pengirim: str, teks: str, pilihan: list[str] | None = None) -> None:
        """Send `teks`; with `pilihan`, the channel also offers them as buttons where it can (the text already
        says to answer with the number, which works everywhere)."""
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

    def pesan(self, payload: dict) -> Iterator[Masuk | BentukAsing]:
        for i, entry in enumerate(_daftar(payload.get("entry"), "entry")):
            for j, change in enumerate(_daftar(_objek(entry, f"entry[{i}]").get("changes"), f"entry[{i}].changes")):
                jalur = f"entry[{i}].changes[{j}].value"
                value = _objek(_objek(change, f"entry[{i}].changes[{j}]").get("value"), jalur)
                for k, m in enumerate(_daftar(value.get("messages"), f"{jalur}.messages")):
                    try:
                        yield self._satu(_objek(m, f"{jalur}.messages[{k}]"), f"{jalur}.messages[{k}]")
                    except BentukAsing as e:
                        yield e

    def _satu(self, m: dict, jalur: str) -> Masuk:
        jenis, teks_pesan, media = _teks(m.get("type"), f"{jalur}.type"), "", ""
        if jenis == "text":
            teks_pesan = _teks(_objek(m.get("text"), f"{jalur}.text").get("body"), f"{jalur}.text.body")
        elif jenis == "image":
            image = _objek(m.get("image"), f"{jalur}.image")
            teks_pesan, media = _teks(image.get("caption"), f"{jalur}.image.caption"), _id(image.get("id"), f"{jalur}.image.id")
        return Masuk(_id(m.get("id"), f"{jalur}.id"), _id(m.get("from"), f"{jalur}.from"), jenis, teks_pesan, media)

    def balas(self, pengirim: str, teks: str, pilihan: list[str] | None = None) -> None:
        # Reply buttons hold three at most and the question has up to four answers: the number is typed.
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
        info = http.fetch("GET", f"{settings.WHATSAPP_API_URL}/{media_id}", headers=auth).json()
        url = info["url"]
        # The media URL comes from a response: our token goes only to the provider's media hosts.
        host = urlsplit(url).hostname or ""
        if not any(host == h or host.endswith("." + h) for h in settings.WHATSAPP_MEDIA_HOSTS):
            raise http.FetchError(f"host media tidak dikenal: {host}")
        _ukuran_wajar(info.get("file_size"))
        body = http.fetch("GET", url, headers=auth).body
        _ukuran_wajar(len(body))
        return body


class Telegram(Adapter):
    """Telegram Bot API: the webhook carries the secret token set with setWebhook in a header."""

    nama = "telegram"

    @property
    def aktif(self) -> bool:
        return bool(settings.TELEGRAM_BOT_TOKEN and settings.TELEGRAM_SECRET_TOKEN)

    def sah(self, request) -> bool:
        tanda = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        return self.aktif and hmac.compare_digest(tanda.encode(), settings.TELEGRAM_SECRET_TOKEN.encode())

    def pesan(self, payload: dict) -> Iterator[Masuk | BentukAsing]:
        kunci = next((k for k in ("message", "edited_message") if payload.get(k) is not None), None)
        if kunci is None:
            return  # another kind of update (a button pressed, a member joined): nothing to answer
        m = _objek(payload[kunci], kunci)
        chat = _id(_objek(m.get("chat"), f"{kunci}.chat").get("id"), f"{kunci}.chat.id")
        media = ""
        if m.get("text") is not None:
            jenis, teks_pesan = "text", _teks(m["text"], f"{kunci}.text")
        elif "photo" in m:
            # Telegram lists the photo in several sizes, smallest first.
            ukuran = _daftar(m["photo"], f"{kunci}.photo")
            if not ukuran:
                raise BentukAsing(f"{kunci}.photo", ukuran)
            terbesar = _objek(ukuran[-1], f"{kunci}.photo[-1]")
            jenis, teks_pesan = "image", _teks(m.get("caption"), f"{kunci}.caption")
            media = _id(terbesar.get("file_id"), f"{kunci}.photo[-1].file_id")
        else:
            jenis, teks_pesan = (
                next((k for k in ("document", "sticker", "voice", "video", "audio", "location") if k in m), "lain"),
                "",
            )
        yield Masuk(_id(payload.get("update_id"), "update_id"), chat, jenis, teks_pesan, media)

    def balas(self, pengirim: str, teks: str, pilihan: list[str] | None = None) -> None:
        isi: dict = {"chat_id": pengirim, "text": teks[:4096], "disable_web_page_preview": False}
        if pilihan:
            # A one-time keyboard: a tap sends the button's text back as an ordinary message.
            isi["reply_markup"] = {
                "keyboard": [[{"text": p} for p in pilihan]],
                "one_time_keyboard": True,
                "resize_keyboard": True,
            }
        http.fetch("POST", f"{settings.TELEGRAM_API_URL}/bot{settings.TELEGRAM_BOT_TOKEN}/sendMessage", json=isi)

    def unduh(self, media_id: str) -> bytes:
        base = f"{settings.TELEGRAM_API_URL}/bot{settings.TELEGRAM_BOT_TOKEN}"
        info = http.fetch("POST", f"{base}/getFile", json={"file_id": media_id}).json()["result"]
        path = info["file_path"]
        _ukuran_wajar(info.get("file_size"))
        body = http.fetch("GET", f"{settings.TELEGRAM_API_URL}/file/bot{settings.TELEGRAM_BOT_TOKEN}/{path}").body
        _ukuran_wajar(len(body))
        return body


def _ukuran_wajar(ukuran: object) -> None:
    """http.FetchError for media larger than an upload may be: the size the provider states is checked
    before downloading, the bytes after. (Pixels are read from the header before decoding, in
    layanan.periksa, which answers the sender politely.)"""
    if isinstance(ukuran, int) and ukuran > max_upload_bytes():
        raise http.FetchError(f"media {ukuran} bita, melebihi batas unggah")


ADAPTER: dict[str, Adapter] = {a.nama: a for a in (WhatsAppCloud(), Telegram())}
