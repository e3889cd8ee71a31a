"""The Atom feed of the public catalogue: the newest published items, for readers and other sites."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from jembatan.lib.markup import to_html
from potensi.models import Potensi
from wilayah.models import kabupaten_aktif


class PotensiKabupaten(Feed):
    feed_type = Atom1Feed
    link = "/potensi/"

    def title(self, obj=None):
        return _("Potensi desa %(nama)s") % {"nama": kabupaten_aktif().nama}

    def subtitle(self, obj=None):
        return _("Produk, tempat dan keahlian desa-desa yang baru diverifikasi KIM setempat.")

    def items(self, obj=None):
        return Potensi.objects.publik().select_related("jenis", "wilayah").order_by("-terbit_pada", "-pk")[:30]

    def item_title(self, item):
        return f"{item.nama} — {item.wilayah.nama_lengkap}"

    def item_description(self, item):
        return to_html(item.deskripsi)

    def item_pubdate(self, item):
        return item.terbit_pada

    def item_updateddate(self, item):
        return max(d for d in (item.terbit_pada, item.dikonfirmasi_pada, item.diperbarui_pada) if d is not None)

    def item_author_name(self, item):
        return item.pemverifikasi or "Diskominfo"

    def item_categories(self, item):
        return [item.jenis.nama]
