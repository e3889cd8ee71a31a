"""Atom feeds of published news: the regency, a category, a kecamatan or village."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from jembatan.lib.markup import to_html
from warta.models import Berita, Kategori
from wilayah.models import Wilayah, kabupaten_aktif


class WartaKabupaten(Feed):
    feed_type = Atom1Feed
    link = "/warta/"

    def title(self, obj=None):
        return f"Warta {kabupaten_aktif().nama}"

    def items(self, obj=None):
        return Berita.objects.terbit().select_related("kim")[:30]

    def item_title(self, item):
        return item.judul

    def item_description(self, item):
        return to_html(item.isi)

    def item_pubdate(self, item):
        return item.terbit_pada

    def item_updateddate(self, item):
        return item.diperbarui_pada or item.terbit_pada

    def item_author_name(self, item):
        return item.kim.nama if item.kim else "Diskominfo"

    def item_categories(self, item):
        return [str(Kategori(item.kategori).label)]


class WartaKategori(WartaKabupaten):
    def get_object(self, request, kategori):
        if kategori not in Kategori.values:
            raise Http404
        return kategori

    def title(self, obj=None):
        return f"Warta {kabupaten_aktif().nama}: {Kategori(obj).label}"

    def link(self, obj=None):
        return f"/warta/kategori/{obj}/"

    def items(self, obj=None):
        return Berita.objects.terbit().filter(kategori=obj).select_related("kim")[:30]


class WartaWilayah(WartaKabupaten):
    def get_object(self, request, kode):
        return get_object_or_404(Wilayah, kode=kode, kabupaten_kode=settings.JEMBATAN_KABUPATEN)

    def title(self, obj=None):
        return f"Warta {obj.nama_lengkap}"

    def link(self, obj=None):
        return f"/warta/wilayah/{obj.kode}/"

    def items(self, obj=None):
        return Berita.objects.terbit().filter(Q(wilayah=obj) | Q(wilayah__parent=obj)).select_related("kim")[:30]
