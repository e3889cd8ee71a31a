"""The management dashboard: each user sees the pages they may open and what waits for them, counted."""

import uuid

import pytest
import time_machine

from diskusi.models import Status as StatusKomentar
from jembatan.test import DESA_A
from siaran.models import JenisSasaran, Siaran
from suarawarga.tests.bantu import make_aspirasi
from warta.models import Berita, Status
from wilayah.models import Wilayah

pytestmark = pytest.mark.django_db


def _halaman(client, user) -> str:
    client.force_login(user)
    response = client.get("/kelola/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_link_on_the_dashboard_opens_for_its_user(client, cast):
    """No role is offered a page that answers 404 (an anggota used to get "Moderasi komentar")."""
    for peran, user in cast.semua().items():
        client.force_login(user)
        for label, url in client.get("/kelola/").context["tautan"]:
            assert client.get(url).status_code in (200, 302), f"{peran}: {label} {url}"


def test_a_member_is_not_offered_comment_moderation(client, cast):
    html = _halaman(client, cast.anggota)
    assert "Moderasi komentar" not in html and "Meja warta" in html


def test_a_kim_pengurus_sees_unread_siaran_and_their_kim(client, cast):
    Siaran.objects.kirim(
        judul="Rapat koordinasi",
        isi="Isi.",
        prioritas="penting",
        cakupan=JenisSasaran.DESA,
        wilayah=list(Wilayah.objects.filter(kode=DESA_A)),
        lampiran=[],
        oleh=cast.admin,
        kunci=uuid.uuid4(),
        dasar_url="http://testserver",
    )
    html = _halaman(client, cast.editor)
    assert "<strong>1</strong> Siaran belum ditandai diterima" in html
    assert cast.kim_a.nama in html and "Cari desa atau KIM" not in html  # one village: no search form


def test_a_writer_sees_returned_news_and_drafts(client, cast):
    Berita.objects.create(judul="A", isi="x", wilayah_id=DESA_A, penulis=cast.anggota, status=Status.DIKEMBALIKAN)
    Berita.objects.create(judul="B", isi="x", wilayah_id=DESA_A, penulis=cast.anggota, status=Status.DRAF)
    Berita.objects.create(judul="C", isi="x", wilayah_id=DESA_A, penulis=cast.anggota, status=Status.DRAF)
    html = _halaman(client, cast.anggota)
    assert "<strong>1</strong> Berita Anda dikembalikan editor" in html
    assert "<strong>2</strong> Draf berita belum diajukan" in html


def test_an_editor_sees_news_and_comments_waiting_in_their_scope(client, cast):
    from diskusi.tests.conftest import make_komentar

    berita = Berita.objects.create(judul="D", isi="x", wilayah_id=DESA_A, penulis=cast.anggota, status=Status.DIAJUKAN)
    make_komentar(berita, status=StatusKomentar.MENUNGGU)
    html = _halaman(client, cast.admin)
    assert "<strong>1</strong> Berita menunggu pemeriksaan" in html
    assert "<strong>1</strong> Komentar menunggu moderasi" in html
    assert "Komentar menunggu moderasi" not in _halaman(client, cast.editor_lain)  # village B's pengurus


def test_the_verifikator_sees_the_claim_queue(client, cast):
    from cekfakta.layanan import periksa

    periksa("Air PDAM Rantau tercemar, jangan diminum")
    html = _halaman(client, cast.verifikator)
    assert "<strong>1</strong> Klaim menunggu putusan" in html and "Antrean cek fakta" in html


def test_nothing_waiting_says_so(client, cast):
    assert "Tidak ada yang menunggu Anda saat ini." in _halaman(client, cast.warga)


def test_a_village_government_sees_overdue_aspirations(client, cast):
    with time_machine.travel("2026-06-01 09:00 +08:00", tick=True):
        make_aspirasi()
    make_aspirasi()
    client.force_login(cast.pemdes)
    tugas = {str(t.label): t.jumlah for t in client.get("/kelola/").context["tugas"]}
    assert tugas["Aspirasi melewati batas waktu"] == 1 and tugas["Aspirasi masih berjalan"] == 2
    assert "Aspirasi warga" in _halaman(client, cast.pemdes)
