"""Importing a village's products from OpenSID's lapak download: preview with each line's outcome, refused lines
reported with their numbers and reasons, nothing saved until confirmed, only by the village's reviewers."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jembatan.test import DESA_A, DESA_B
from potensi.impor import BerkasDitolak, baca, baca_harga
from potensi.models import Potensi, Status
from potensi.tests.bantu import make_potensi

pytestmark = pytest.mark.django_db

# As OpenSID's "unduh" writes it (title lines above the table), saved as CSV by a spreadsheet.
OPENSID = """PEMERINTAH KABUPATEN TAPIN,,,,,,,
KECAMATAN BINUANG,,,,,,,
DATA PRODUK,,,,,,,
NO,PELAPAK,PRODUK,KATEGORI,HARGA,SATUAN,POTONGAN,DESKRIPSI
1,Hj. Aminah,Gula aren cetak,Kuliner,Rp 25.000,kg,0%,Gula aren dari nira pohon aren kebun sendiri.
2,Kelompok Purun Sejahtera,Tas purun,Kerajinan,"Rp. 75.000,00",pcs,Rp. 5.000,Tas anyaman purun bermotif.
3,Pak Udin,Madu kelulut,Madu Hutan,150000,botol,0%,Madu kelulut asli.
4,Bu Siti,Keripik pisang,Kuliner,dua puluh ribu,bungkus,0%,Keripik pisang manis.
5,Bu Siti,Kue bingka,kuliner,-15000,loyang,0%,Kue khas Banjar.
6,,Amplang,Kuliner,30000,bungkus,0%,Amplang ikan pipih.
7,Hj. Aminah,Gula aren cetak,Kuliner,Rp 26.000,kg,0%,Baris ganda.
"""


def _unggah(client, isi: str, desa: str = DESA_A, nama: str = "produk.csv"):
    berkas = SimpleUploadedFile(nama, isi.encode("utf-8"), "text/csv")
    return client.post("/kelola/potensi/impor/", {"desa": desa, "berkas": berkas})


def test_prices_are_read_as_opensid_prints_them():
    assert baca_harga("Rp 25.000") == 25000
    assert baca_harga("Rp. 75.000,00") == 75000
    assert baca_harga("150000") == 150000
    assert baca_harga("25.000") == 25000
    assert baca_harga("12500.00") == 12500
    assert baca_harga("") is None
    for salah in ("-15000", "dua puluh ribu", "Rp 25.0000", "1,5jt"):
        with pytest.raises(ValueError):
            baca_harga(salah)


def test_preview_shows_each_line_and_saves_nothing(client, cast):
    """GIVEN OpenSID's product download with good lines and bad ones
    WHEN the village's pengurus uploads it
    THEN the preview lists every line with its outcome, reports the refused lines by number and reason, and
    nothing is in the database yet."""
    client.force_login(cast.editor)

    response = _unggah(client, OPENSID)

    assert response.status_code == 200
    html = response.content.decode()
    assert "2 produk akan disimpan sebagai draf" in html and "5 baris ditolak" in html
    laporan = re.search(r"Laporan baris yang ditolak</h2><ul class=\"daftar\">(.*?)</ul>", html, re.S)[1]
    assert "Baris 7: Jenis “Madu Hutan” tidak dikenal" in laporan
    assert "Baris 8: Harga “dua puluh ribu” tidak terbaca" in laporan
    assert "Baris 9: Harga “-15000” tidak terbaca" in laporan
    assert "Baris 10: Nama pelapak (produsen) kosong." in laporan
    assert "Baris 11: Produk yang sama sudah ada di baris 5." in laporan
    assert Potensi.objects.count() == 0


def test_confirming_saves_the_accepted_lines_as_drafts_of_the_village(client, cast):
    """GIVEN a preview of OpenSID's download for village A
    WHEN its pengurus confirms it
    THEN the accepted lines are drafts of village A written by them, with kind, producer and price, and a second
    confirmation of the same preview adds nothing (the names are now taken)."""
    client.force_login(cast.editor)
    token = re.search(r'name="token" value="([^"]+)"', _unggah(client, OPENSID).content.decode())[1]

    response = client.post("/kelola/potensi/impor/", {"desa": DESA_A, "token": token})

    assert response.status_code == 302
    items = {p.nama: p for p in Potensi.objects.all()}
    assert set(items) == {"Gula aren cetak", "Tas purun"}
    gula = items["Gula aren cetak"]
    assert (gula.status, gula.wilayah_id, gula.penulis, gula.kim) == (Status.DRAF, DESA_A, cast.editor, cast.kim_a)
    assert (gula.jenis.slug, gula.nama_produsen, gula.harga_min, gula.harga_max, gula.satuan) == (
        "kuliner",
        "Hj. Aminah",
        25000,
        25000,
        "kg",
    )
    assert items["Tas purun"].harga_min == 75000
    client.post("/kelola/potensi/impor/", {"desa": DESA_A, "token": token})
    assert Potensi.objects.count() == 2


def test_wrong_columns_get_a_clear_message_and_nothing_is_saved(client, cast):
    client.force_login(cast.pemdes)

    response = _unggah(client, "nama,harga,keterangan\nGula,25000,manis\n")
    assert response.status_code == 400
    assert "Baris judul kolom tidak ditemukan" in response.content.decode()
    assert "NO, PELAPAK, PRODUK, KATEGORI, HARGA, SATUAN, POTONGAN, DESKRIPSI" in response.content.decode()

    response = _unggah(client, "NO;PELAPAK;PRODUK;HARGA;SATUAN\n1;Ani;Gula;25000;kg\n")
    assert response.status_code == 400
    assert "Kolom KATEGORI, DESKRIPSI tidak ada." in response.content.decode()
    assert Potensi.objects.count() == 0


def test_semicolons_and_windows_encoding_are_read():
    isi = (
        "NO;PELAPAK;PRODUK;KATEGORI;HARGA;SATUAN;POTONGAN;DESKRIPSI\n1;Bu Ros;Dodol kandangan;Kuliner;Rp 20.000;kotak;0;Dodol é\n"
    )
    from wilayah.models import Wilayah

    hasil = baca(isi.encode("cp1252"), desa=Wilayah.objects.get(pk=DESA_A), penulis=None)
    assert [b.potensi.nama for b in hasil.diterima] == ["Dodol kandangan"]
    assert hasil.diterima[0].potensi.deskripsi == "Dodol é"


def test_a_name_already_in_the_village_is_refused(cast):
    from wilayah.models import Wilayah

    make_potensi(cast, nama="Gula aren cetak")
    hasil = baca(OPENSID.encode(), desa=Wilayah.objects.get(pk=DESA_A), penulis=cast.editor)
    assert hasil.baris[0].alasan == ["Potensi bernama ini sudah ada di desa ini."]


def test_an_empty_table_is_refused():
    from wilayah.models import Wilayah

    with pytest.raises(BerkasDitolak, match="Tidak ada baris produk"):
        baca(OPENSID.split("1,Hj.")[0].encode(), desa=Wilayah.objects.get(pk=DESA_A), penulis=None)


def test_a_reviewer_cannot_import_into_a_village_outside_their_scope(client, cast):
    """GIVEN the pengurus of village B
    WHEN they upload for village A, or confirm a preview they altered to name village A
    THEN the upload is refused beside the village field and the confirmation saves nothing."""
    client.force_login(cast.editor_lain)
    response = _unggah(client, OPENSID, desa=DESA_A)
    assert response.status_code == 400 and Potensi.objects.count() == 0

    token = re.search(r'name="token" value="([^"]+)"', _unggah(client, OPENSID, desa=DESA_B).content.decode())[1]
    client.post("/kelola/potensi/impor/", {"desa": DESA_A, "token": token})
    assert Potensi.objects.count() == 0
    client.force_login(cast.editor)  # village A's own pengurus cannot replay village B's preview either
    client.post("/kelola/potensi/impor/", {"desa": DESA_B, "token": token})
    assert Potensi.objects.count() == 0


def test_a_tampered_preview_is_refused(client, cast):
    client.force_login(cast.editor)
    token = re.search(r'name="token" value="([^"]+)"', _unggah(client, OPENSID).content.decode())[1]
    response = client.post("/kelola/potensi/impor/", {"desa": DESA_A, "token": token[:-3] + "abc"}, follow=True)
    assert "Pratinjau sudah kedaluwarsa atau tidak sah" in response.content.decode()
    assert Potensi.objects.count() == 0


def test_members_do_not_import(client, cast):
    client.force_login(cast.anggota)
    assert client.get("/kelola/potensi/impor/").status_code == 404
