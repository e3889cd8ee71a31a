"""Atom feed of development programs, newest change first."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from jembatan.lib.markup import to_html
from suarawarga.models import Program
from wilayah.models import kabupaten_aktif


class ProgramFeed(Feed):
    feed_type = Atom1Feed
    link = "/program/"

    def title(self, obj=None):
        return f"Program pembangunan {kabupaten_aktif().nama}"

    def items(self, obj=None):
        return Program.objects.select_related("wilayah").order_by("-diubah")[:30]

    def item_title(self, item):
        return f"{item.nama} — {item.wilayah.nama_lengkap} ({item.get_tahap_display()}, {item.progres}%)"

    def item_description(self, item):
        return to_html(item.deskripsi)

    def item_pubdate(self, item):
        return item.dibuat

    def item_updateddate(self, item):
        return item.diubah

    def item_categories(self, item):
        return [item.get_bidang_display(), str(item.tahun)]
