"""Views of the project itself for the every-role test (jembatan/tests/test_akses_halaman.py)."""

PUBLIK = {"sitemap", "tentang"}


def terlindung(cast) -> list:
    return []
