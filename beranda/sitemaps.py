"""The sitemap: published news and verdicts, potensi, programs, the regency's regions and the public lists."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cekfakta.models import Klaim
from potensi.models import Potensi
from suarawarga.models import Program
from warta.models import Berita
from wilayah.models import Level, Wilayah


class WartaSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Berita.objects.terbit().only("id", "slug", "terbit_pada", "diperbarui_pada")

    def lastmod(self, obj):
        return obj.diperbarui_pada or obj.terbit_pada


class PutusanSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Klaim.objects.terbit().only("id", "judul", "diterbitkan")

    def lastmod(self, obj):
        return obj.diterbitkan


class PotensiSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Potensi.objects.publik().only("id", "slug", "dikonfirmasi_pada", "diperbarui_pada").order_by("pk")

    def lastmod(self, obj):
        return max((d for d in (obj.dikonfirmasi_pada, obj.diperbarui_pada) if d is not None), default=None)


class ProgramSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Program.objects.only("id", "slug", "diubah").order_by("pk")

    def lastmod(self, obj):
        return obj.diubah


class WilayahSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Wilayah.objects.filter(
            kabupaten_kode=settings.JEMBATAN_KABUPATEN, level__in=[Level.KECAMATAN, Level.DESA], berlaku=True
        ).only("kode")


class HalamanSitemap(Sitemap):
    def items(self):
        return [
            "beranda:utama",
            "kim:direktori",
            "kim:cakupan",
            "warta:daftar",
            "potensi:daftar",
            "potensi:peta",
            "cekfakta:daftar",
            "suarawarga:program_daftar",
            "suarawarga:aspirasi_daftar",
            "suarawarga:jajak_daftar",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "halaman": HalamanSitemap,
    "warta": WartaSitemap,
    "cek-fakta": PutusanSitemap,
    "potensi": PotensiSitemap,
    "program": ProgramSitemap,
    "wilayah": WilayahSitemap,
}
