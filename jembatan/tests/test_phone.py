"""Indonesian mobile numbers: normalised for wa.me links, everything else refused."""

import pytest

from jembatan.lib.phone import normalise_mobile, whatsapp_link


@pytest.mark.parametrize(
    ("diketik", "hasil"),
    [
        ("081234567890", "6281234567890"),
        ("0812-3456-7890", "6281234567890"),
        ("0812 3456 7890", "6281234567890"),
        ("+62 812-3456-7890", "6281234567890"),
        ("+62 (812) 3456.7890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("0812345678", "62812345678"),  # 10 digits: the shortest mobile numbers
        ("0812345678901", "62812345678901"),  # 13 digits: the longest
    ],
)
def test_indonesian_mobile_numbers_are_normalised_to_62(diketik, hasil):
    assert normalise_mobile(diketik) == hasil


@pytest.mark.parametrize(
    "diketik",
    [
        "",
        "0511 4781234",  # a landline in Banjarmasin
        "+60 12 345 6789",  # Malaysia
        "+1 202 555 0143",
        "081234567",  # too short
        "08123456789012",  # too long
        "0812 3456 789O",  # a letter O for a zero
        "０８１２３４５６７８９０",  # full-width digits
        "+62 21 5551234",  # a Jakarta landline
        "62+81234567890",
    ],
)
def test_anything_else_is_refused(diketik):
    assert normalise_mobile(diketik) is None


def test_whatsapp_link_carries_the_number_and_the_encoded_text():
    link = whatsapp_link("6281234567890", "Halo, saya tertarik: Gula aren & madu https://x.example/potensi/1-gula/")
    assert link == (
        "https://wa.me/6281234567890?text=Halo%2C%20saya%20tertarik%3A%20Gula%20aren%20%26%20madu%20"
        "https%3A%2F%2Fx.example%2Fpotensi%2F1-gula%2F"
    )


def test_whatsapp_link_refuses_a_number_not_normalised():
    with pytest.raises(ValueError):
        whatsapp_link("081234567890", "Halo")
