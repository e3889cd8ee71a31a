"""The public moderation log: what was removed, when, where and why, without the removed text."""

import pytest

from diskusi.models import Status
from diskusi.tests.conftest import kirim, make_komentar

pytestmark = pytest.mark.django_db


def test_the_log_lists_removed_comments_with_page_and_reason_but_not_their_text_or_author(client, cast, putusan):
    make_komentar(putusan, nama="Pengiris", isi="teks kasar yang dihapus", status=Status.DISEMBUNYIKAN, alasan="Ujaran kebencian")
    kirim(client, putusan, nama="Raja Slot", isi="slot gacor maxwin di sini")  # rejected by the blocklist
    make_komentar(putusan, nama="Ditahan", isi="masih ditahan", status=Status.MENUNGGU)
    make_komentar(putusan, nama="Baik", isi="komentar yang tampil")
    html = client.get("/komentar/log/").content.decode()
    assert html.count(putusan.get_absolute_url()) == 2
    assert "Ujaran kebencian" in html and "Spam: memuat kata atau domain yang diblokir" in html
    for rahasia in ("teks kasar", "Pengiris", "slot gacor", "Raja Slot", "masih ditahan", "komentar yang tampil"):
        assert rahasia not in html


def test_a_removed_comment_whose_page_is_gone_is_still_listed(client, putusan):
    make_komentar(putusan, status=Status.DITOLAK, alasan="Spam")
    putusan.delete()
    html = client.get("/komentar/log/").content.decode()
    assert "halaman sudah tidak ada" in html and "Spam" in html
