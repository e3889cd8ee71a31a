"""The blocklist and link rules on their own: whole words, de-obfuscation, domains and subdomains."""

import pytest

from diskusi import aturan
from diskusi.models import Blokir, Status

pytestmark = pytest.mark.django_db


def putus(isi, nama="Warga"):
    return aturan.putuskan(nama=nama, email="", isi=isi, klien="k" * 32).status


@pytest.mark.parametrize(
    ("isi", "status"),
    [
        ("Daftar sekarang, SLOT GACOR hari ini!", Status.DITOLAK),
        ("bocoran RTP live jam 3 sore", Status.DITOLAK),
        ("Pak Toto sudah memperbaiki jalan desa.", Status.MENUNGGU),  # held (first comment, and "toto" only holds)
        ("Anak saya totok buku tiap hari", Status.MENUNGGU),  # first comment only: "toto" is a whole word
        ("s.l.o.t-g.a.c.o.r di sini", Status.MENUNGGU),  # only found squashed together: held for a person
        ("m4xw1n tiap hari", Status.DITOLAK),  # digits for letters, still a whole word
        ("𝐬𝐥𝐨𝐭 𝐠𝐚𝐜𝐨𝐫 hari ini", Status.DITOLAK),  # "fancy" letters folded
        ("lihat https://promo.heylink.me/x", Status.DITOLAK),
        ("lihat heylink.me/slot", Status.DITOLAK),  # a bare domain counts too
    ],
)
def test_blocklist(isi, status):
    assert putus(isi) == status


def test_the_reason_says_why_a_comment_was_held(db):
    assert (
        aturan.putuskan(nama="A", email="", isi="https://a.example https://b.example https://c.example", klien="k").alasan
        == "Memuat lebih dari dua tautan"
    )
    assert aturan.putuskan(nama="A", email="", isi="halo", klien="k").alasan == "Komentar pertama dari pengirim ini"


def test_a_word_only_found_de_obfuscated_never_rejects():
    entri = Blokir.objects.get(jenis="kata", pola="slot gacor")
    assert aturan.cocok_blokir("s l o t  g a c o r", [entri]) == (entri, True)
    assert aturan.cocok_blokir("slot gacor", [entri]) == (entri, False)


def test_links_are_counted_written_out_or_bare():
    assert len(aturan.tautan("https://a.example/x www.b.example gacor88.xyz/daftar dan titik.akhir kalimat")) == 3


def test_the_starter_list_ships_with_migrate():
    assert Blokir.objects.filter(tindakan=Blokir.Tindakan.TOLAK, pola="maxwin").exists()
    assert Blokir.objects.filter(jenis=Blokir.Jenis.DOMAIN, pola="bit.ly", tindakan=Blokir.Tindakan.TAHAN).exists()
