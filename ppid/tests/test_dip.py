"""The Daftar Informasi Publik: kept by the PPID in four categories, excluded entries with their uji konsekuensi,
periodic ones flagged after six months, public per village and regency, searchable and as XLSX."""

import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from akun.models import Audit
from jembatan.lib.domain import DomainError
from jembatan.test import DESA_A, KAB
from ppid.models import AksiPpid, Informasi, Kategori
from ppid.tests.bantu import make_informasi

pytestmark = pytest.mark.django_db

DIKECUALIKAN = {
    "kategori": "dikecualikan",
    "judul": "Data penerima bantuan beserta NIK",
    "ringkasan": "Nama, NIK dan alamat penerima BLT Dana Desa.",
    "penanggung_jawab": "Kasi Kesejahteraan",
    "bentuk": "keduanya",
    "retensi": "5 tahun",
    "tanggal": "2026-02-01",
    "alasan_pengecualian": "h",
    "konsekuensi": "Membuka NIK memudahkan penyalahgunaan identitas penerima.",
    "kepentingan_umum": "Jumlah penerima dan besar bantuan tetap dibuka; hanya data pribadi yang ditutup.",
    "diputuskan_oleh": "PPID Desa Tungkap",
    "tanggal_uji": "2026-02-03",
    "dikecualikan_sampai": "2031-02-03",
    "versi": 0,
}


@time_machine.travel("2026-11-27 09:00 +08:00", tick=False)
def test_the_ppid_adds_an_excluded_entry_with_its_consequence_test(client, cast):
    client.force_login(cast.pemdes)
    r = client.post(f"/kelola/ppid/{DESA_A}/dip/tambah/", DIKECUALIKAN)
    assert r.status_code == 302
    x = Informasi.objects.get()
    assert (x.kategori, x.alasan_pengecualian, x.diperbarui, x.versi) == ("dikecualikan", "h", dt.date(2026, 11, 27), 1)
    assert Audit.objects.get().aksi == AksiPpid.SIMPAN_INFORMASI
    html = client.get(f"/ppid/{DESA_A}/").content.decode()
    assert "Data penerima bantuan beserta NIK" in html and "h. mengungkap rahasia pribadi" in html
    assert "dikecualikan sampai 3 Februari 2031" in html


@pytest.mark.parametrize(
    ("hapus", "field"),
    [
        ("alasan_pengecualian", "alasan_pengecualian"),
        ("konsekuensi", "konsekuensi"),
        ("kepentingan_umum", "kepentingan_umum"),
        ("diputuskan_oleh", "diputuskan_oleh"),
        ("tanggal_uji", "tanggal_uji"),
        ("dikecualikan_sampai", "dikecualikan_sampai"),
    ],
)
def test_an_excluded_entry_without_its_whole_test_is_refused_beside_the_field(client, cast, hapus, field):
    client.force_login(cast.pemdes)
    r = client.post(f"/kelola/ppid/{DESA_A}/dip/tambah/", {**DIKECUALIKAN, hapus: ""})
    html = r.content.decode()
    assert r.status_code == 400 and f'id="id_{field}_galat"' in html and "Data penerima bantuan beserta NIK" in html
    assert not Informasi.objects.exists()


def test_an_open_entry_keeps_no_exclusion_fields(cast):
    x = Informasi(wilayah_id=DESA_A, **{k: v for k, v in DIKECUALIKAN.items() if k != "versi"})
    x.kategori, x.tanggal, x.tanggal_uji, x.dikecualikan_sampai = Kategori.SETIAP_SAAT, dt.date(2026, 2, 1), None, None
    x.simpan(oleh=cast.pemdes, versi=0)
    x.refresh_from_db()
    assert (x.alasan_pengecualian, x.konsekuensi, x.diputuskan_oleh) == ("", "", "")


def test_a_stale_edit_is_refused(cast):
    x = make_informasi()
    x.judul = "Baru"
    with pytest.raises(DomainError):
        x.simpan(oleh=cast.pemdes, versi=x.versi + 5)


@time_machine.travel("2026-11-27 09:00 +08:00", tick=False)
def test_periodic_entries_not_updated_for_six_months_are_flagged(client, cast):
    make_informasi(judul="APBDes lama", diperbarui=dt.date(2026, 5, 20))
    make_informasi(judul="Realisasi semester", diperbarui=dt.date(2026, 7, 1))
    make_informasi(judul="Perdes lama", kategori=Kategori.SETIAP_SAAT, diperbarui=dt.date(2024, 1, 1))
    assert list(Informasi.objects.perlu_diperbarui().values_list("judul", flat=True)) == ["APBDes lama"]
    client.force_login(cast.pemdes)
    assert "1 informasi berkala belum diperbarui selama 6 bulan." in client.get(f"/kelola/ppid/{DESA_A}/dip/").content.decode()
    client.logout()
    html = client.get(f"/ppid/{DESA_A}/").content.decode()
    assert html.count("perlu diperbarui") == 1


def test_the_public_list_is_searchable_and_per_badan_publik(client):
    make_informasi(judul="APBDes Tungkap 2026")
    make_informasi(judul="Profil desa", kategori=Kategori.SETIAP_SAAT)
    make_informasi(kode=KAB, judul="Renstra Diskominfo")
    html = client.get(f"/ppid/{DESA_A}/", {"q": "apbdes"}).content.decode()
    assert "APBDes Tungkap 2026" in html and "Profil desa" not in html and "Renstra" not in html
    assert "Renstra Diskominfo" in client.get(f"/ppid/{KAB}/").content.decode()


def test_the_public_list_as_xlsx(client):
    make_informasi()
    r = client.get(f"/ppid/{DESA_A}/dip.xlsx")
    baris = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    kolom = dict(zip(baris[3], baris[4], strict=True))
    assert kolom["Judul informasi"] == "APBDes Tungkap 2026" and kolom["Kategori"] == "Berkala (Pasal 9)"


def test_a_new_entry_shows_on_the_cached_public_page(client, cast):
    client.get(f"/ppid/{DESA_A}/")
    make_informasi(judul="Baru saja dimuat")
    assert "Baru saja dimuat" in client.get(f"/ppid/{DESA_A}/").content.decode()


def test_deleting_is_audited(client, cast):
    x = make_informasi()
    client.force_login(cast.pemdes)
    client.post(f"/kelola/ppid/dip/{x.pk}/hapus/")
    assert not Informasi.objects.exists() and Audit.objects.get().aksi == AksiPpid.HAPUS_INFORMASI
