"""Shared pieces of the comment tests: a published verdict to comment on, and posting the form like a browser."""

import pytest
from django.utils import timezone

from cekfakta.models import Hasil, JenisSalah, Klaim, Referensi, Status
from diskusi import komentar_publik
from diskusi.models import Komentar
from diskusi.models import Status as S


def make_putusan(judul="Foto banjir Rantau hari ini ternyata foto lama", **fields):
    k = Klaim.objects.create(
        judul=judul,
        status=Status.SELESAI,
        hasil=Hasil.SALAH,
        jenis_salah=JenisSalah.KONTEKS,
        penjelasan="Foto itu diambil pada 2021.",
        metode="Pencarian gambar terbalik.",
        diterbitkan=timezone.now(),
        **fields,
    )
    Referensi.objects.create(klaim=k, judul="Arsip berita 2021", url="https://berita.example/2021")
    return k


def make_komentar(obj, nama="Budi", isi="Terima kasih infonya.", status=S.TAMPIL, **fields):
    """A comment straight in the database (the rules are tested through the form)."""
    from django.contrib.contenttypes.models import ContentType

    from akun.akses import wilayah_objek

    induk = fields.pop("parent", None)
    return Komentar.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        wilayah=wilayah_objek(obj),
        parent=induk,
        kedalaman=induk.kedalaman + 1 if induk else 1,
        nama=nama,
        isi=isi,
        status=status,
        klien=fields.pop("klien", "x" * 32),
        **fields,
    )


def kirim(client, obj, *, ip="127.0.0.1", **data):
    """Post the comment form of `obj`'s page, as the browser of a visitor at `ip` would."""
    form = {"nama": "Siti", "email": "", "isi": "Semoga jembatannya cepat diperbaiki.", "tanda": komentar_publik.buat_tanda(obj)}
    form.update(data)
    return client.post("/komentar/kirim/", {k: v for k, v in form.items() if v is not None}, REMOTE_ADDR=ip)


@pytest.fixture
def putusan(db):
    return make_putusan()
