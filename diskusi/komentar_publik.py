"""The public side of comments: the signed form under a page, writing a comment, the author's own held
comments, and the thread shown under a page. Moderation and readers' reports are methods of `Komentar`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Count, Model, Q
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.crypto import salted_hmac

from akun.akses import wilayah_objek
from diskusi import aturan
from diskusi.models import KEDALAMAN_MAKS, Komentar, Sikap, Status
from jembatan.lib.ratelimit import client_address

# The form's signed field changes every TANDA_JENDELA seconds and is accepted for TANDA_UMUR seconds.
TANDA_JENDELA = 600
TANDA_UMUR = 24 * 3600
# A browser remembers (signed cookie) the held comments it posted for this long, to show them to their author.
MENUNGGU_TAMPIL_DETIK = 24 * 3600
KUKI_MENUNGGU = "komentar_menunggu"

_GARAM_TANDA = "diskusi.tanda"
_GARAM_MENUNGGU = "diskusi.menunggu"


def batas_per_jam() -> int:
    return settings.JEMBATAN_DISKUSI_BATAS_PER_JAM


def hash_klien(request: HttpRequest) -> str:
    """A keyed hash of the client address: enough to recognise the same client, useless to find it."""
    return salted_hmac("diskusi.klien", client_address(request)).hexdigest()[:32]


# --- The object a comment goes to -----------------------------------------------------------------


def boleh_komentar(obj: Any) -> bool:
    """Comments are open unless the object closes them: a true `komentar_ditutup` (attribute, property or
    method), or an object that says it is not published (`is_terbit` false)."""
    return not _nilai(obj, "komentar_ditutup", False) and _nilai(obj, "is_terbit", True) is not False


def minta_sikap(obj: Any) -> bool:
    """Whether top-level comments on `obj` carry a stance (the object says so with `komentar_sikap`)."""
    return bool(_nilai(obj, "komentar_sikap", False))


def batas_tanggapan(obj: Any) -> datetime | None:
    """Top-level comments written before this moment and still without an official answer are shown as
    "belum ditanggapi"; the object decides it with `batas_tanggapan` (None: comments wait for no answer)."""
    return cast("datetime | None", _nilai(obj, "batas_tanggapan", None))


def jumlah_sikap(obj: Model) -> list[tuple[str, str, int]]:
    """The stances of the shown top-level comments of `obj`: (value, label, count) for every stance."""
    hitung = dict(
        Komentar.objects.untuk(obj)
        .tampil()
        .filter(parent=None)
        .exclude(sikap="")
        .values("sikap")
        .annotate(n=Count("id"))
        .values_list("sikap", "n")
    )
    return [(nilai, str(label), hitung.get(nilai, 0)) for nilai, label in Sikap.choices]


def _nilai(obj: Any, nama: str, bawaan: Any) -> Any:
    nilai = getattr(obj, nama, bawaan)
    return nilai() if callable(nilai) else nilai


def buat_tanda(obj: Model, sekarang: float | None = None) -> str:
    """The form's signed target: which object, and the time window the page was rendered in.

    The same for every visitor in one window, so a page carrying it can be cached; it proves the form came
    from a page of this very object (nobody can post to an object whose page they were not shown)."""
    ct = ContentType.objects.get_for_model(obj)
    jendela = int((sekarang or time.time()) // TANDA_JENDELA)
    return signing.Signer(salt=_GARAM_TANDA).sign(f"{ct.pk}.{obj.pk}.{jendela}")


def baca_tanda(tanda: str, sekarang: float | None = None, *, abaikan_umur: bool = False) -> Model | None:
    """The object a form was rendered for, or None when the field is forged or (unless asked) too old."""
    try:
        ct_id, obj_id, jendela = (int(x) for x in signing.Signer(salt=_GARAM_TANDA).unsign(tanda).split("."))
    except (signing.BadSignature, ValueError):
        return None
    umur = (sekarang or time.time()) - jendela * TANDA_JENDELA
    if not abaikan_umur and not 0 <= umur <= TANDA_UMUR + TANDA_JENDELA:
        return None
    try:
        return ContentType.objects.get_for_id(ct_id).get_object_for_this_type(pk=obj_id)
    except Exception:  # content type or object gone
        return None


# --- Writing ----------------------------------------------------------------------------------------


def induk_balasan(obj: Model, pk: int | None) -> Komentar | None:
    """The comment a reply hangs under: a shown comment of the same object; at the deepest level, its parent."""
    if not pk:
        return None
    induk = Komentar.objects.untuk(obj).tampil().filter(pk=pk).select_related("parent").first()
    if induk is not None and induk.kedalaman >= KEDALAMAN_MAKS:
        induk = induk.parent
    return induk


def tulis(
    obj: Model,
    *,
    nama: str,
    email: str,
    isi: str,
    kabari: bool,
    induk: Komentar | None,
    klien: str,
    tautan: Callable[[str], str],
    sikap: str = "",
) -> Komentar:
    """Store a comment with the status the moderation rules give it. `tautan(path)` makes absolute links.
    A stance is kept only on a top-level comment of an object that asks for one."""
    with translation.override(settings.LANGUAGE_CODE):
        keputusan = aturan.putuskan(nama=nama, email=email, isi=isi, klien=klien)
    komentar = Komentar.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        wilayah=wilayah_objek(obj),
        parent=induk,
        kedalaman=induk.kedalaman + 1 if induk else 1,
        nama=nama,
        email=email,
        kabari=kabari and bool(email),
        isi=isi,
        status=keputusan.status,
        alasan=keputusan.alasan,
        klien=klien,
        sikap=sikap if sikap in Sikap.values and induk is None and minta_sikap(obj) else "",
    )
    if komentar.status == Status.TAMPIL:
        komentar.setelah_tampil(tautan)
    return komentar


# --- The author's own held comments ---------------------------------------------------------------------


def tanda_menunggu(komentar: Komentar) -> str:
    return signing.Signer(salt=_GARAM_MENUNGGU).sign(str(komentar.pk))


def id_kuki_menunggu(request: HttpRequest) -> list[int]:
    """Ids of held comments this browser posted (a signed cookie: it cannot be forged to see others')."""
    # A str whenever a str default is given; the stubs return str | None for every default.
    nilai = cast(str, request.get_signed_cookie(KUKI_MENUNGGU, default="", salt=_GARAM_MENUNGGU, max_age=MENUNGGU_TAMPIL_DETIK))
    return [int(x) for x in nilai.split(",") if x.isdigit()]


def simpan_kuki_menunggu(request: HttpRequest, response: HttpResponse, komentar: Komentar) -> None:
    ids = [*id_kuki_menunggu(request), komentar.pk][-20:]
    response.set_signed_cookie(
        KUKI_MENUNGGU,
        ",".join(map(str, ids)),
        salt=_GARAM_MENUNGGU,
        max_age=MENUNGGU_TAMPIL_DETIK,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def komentar_menunggu_milik(request: HttpRequest, tanda: str) -> Komentar | None:
    """The held comment a signed address names, when this browser wrote it (its signed cookie lists it).

    Shown on an uncached page of its own: public pages are cached by address for every visitor, so a held
    comment rendered into one could reach others who open the same address."""
    try:
        pk = int(signing.Signer(salt=_GARAM_MENUNGGU).unsign(tanda))
    except (signing.BadSignature, ValueError):
        return None
    if pk not in id_kuki_menunggu(request):
        return None
    return Komentar.objects.filter(pk=pk).first()


# --- The thread under a page ---------------------------------------------------------------------------


@dataclass
class Simpul:
    komentar: Komentar
    menunggu: bool = False
    tersembunyi: bool = False  # removed, shown as a placeholder because replies to it are shown
    belum_ditanggapi: bool = False  # a top-level comment past the object's wait for an official answer
    anak: list[Simpul] = field(default_factory=list)


def utas(obj: Model, menunggu: frozenset[int] | set[int] = frozenset(), batas: datetime | None = None) -> list[Simpul]:
    """Shown comments of `obj` (and the author's own held ones) as a tree, oldest first, official answers
    pinned first under the comment they answer. Shown top-level comments written before `batas` with no
    official answer are marked `belum_ditanggapi`."""
    kolom = ["id", "parent_id", "kedalaman", "nama", "isi", "status", "dibuat", "sikap", "resmi", "ditanggapi"]
    rows = {k.pk: k for k in Komentar.objects.untuk(obj).filter(Q(status=Status.TAMPIL) | Q(pk__in=menunggu)).only(*kolom)}
    hilang = {k.parent_id for k in rows.values() if k.parent_id and k.parent_id not in rows}
    while hilang:  # removed comments that have shown replies stay as placeholders (at most two rounds)
        for k in Komentar.objects.filter(pk__in=hilang).only(*kolom):
            rows[k.pk] = k
        hilang = {k.parent_id for k in rows.values() if k.parent_id and k.parent_id not in rows}
    simpul = {
        pk: Simpul(
            k,
            menunggu=pk in menunggu,
            tersembunyi=k.status != Status.TAMPIL and pk not in menunggu,
            belum_ditanggapi=bool(
                batas is not None
                and k.parent_id is None
                and k.status == Status.TAMPIL
                and k.ditanggapi is None
                and k.dibuat < batas
            ),
        )
        for pk, k in rows.items()
    }
    akar: list[Simpul] = []
    for s in sorted(simpul.values(), key=lambda s: (not s.komentar.resmi, s.komentar.dibuat, s.komentar.pk)):
        (simpul[s.komentar.parent_id].anak if s.komentar.parent_id else akar).append(s)
    return akar
