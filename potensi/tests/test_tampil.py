"""How an item's price, season and verification read on its pages."""

import pytest

from potensi.models import SEPANJANG_TAHUN, Potensi, rentang_bulan


def _bulan(*angka: int) -> int:
    return sum(1 << (m - 1) for m in angka)


@pytest.mark.parametrize(
    ("bulan", "teks"),
    [
        (SEPANJANG_TAHUN, "Sepanjang tahun"),
        (_bulan(5, 6, 7, 8), "Mei–Agustus"),
        (_bulan(11, 12, 1, 2), "November–Februari"),
        (_bulan(1, 6, 7), "Januari, Juni–Juli"),
        (_bulan(3), "Maret"),
        (0, ""),
    ],
)
def test_months_read_as_ranges(bulan, teks):
    assert rentang_bulan(bulan) == teks


@pytest.mark.parametrize(
    ("lo", "hi", "satuan", "teks"),
    [
        (25000, 40000, "kg", "Rp25.000–Rp40.000 / kg"),
        (15000, 15000, "orang", "Rp15.000 / orang"),
        (None, 1500000, "paket", "Rp1.500.000 / paket"),
        (5000, None, "", "Rp5.000"),
        (None, None, "kg", ""),
    ],
)
def test_price_reads_in_rupiah_with_its_unit(lo, hi, satuan, teks):
    assert Potensi(harga_min=lo, harga_max=hi, satuan=satuan).teks_harga == teks
