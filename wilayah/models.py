"""The official Kemendagri region tree: provinsi → kabupaten/kota → kecamatan → desa/kelurahan.

The code is the primary key, written as Kemendagri writes it (`63.05.01.2003`). A newer decree
re-imported over the table changes names in place, so every link to a region stays valid.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jembatan.lib.workdays import Calendar


class Level(models.IntegerChoices):
    PROVINSI = 1, _("Provinsi")
    KABUPATEN = 2, _("Kabupaten/Kota")
    KECAMATAN = 3, _("Kecamatan")
    DESA = 4, _("Desa/Kelurahan")


class Tipe(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA_ADAT = "desa_adat", _("Desa adat")


# In a village code the first digit of the last part gives its type.
_TIPE_DESA_DARI_DIGIT = {"1": Tipe.KELURAHAN, "2": Tipe.DESA, "3": Tipe.DESA_ADAT}


def tipe_dari_kode(kode: str) -> str | None:
    """The village type read from a level-4 code (`63.05.01.1001` → kelurahan), else None."""
    parts = kode.split(".")
    if len(parts) != 4 or not parts[3]:
        return None
    return _TIPE_DESA_DARI_DIGIT.get(parts[3][0])


def level_dari_kode(kode: str) -> int:
    return len(kode.split("."))


class WilayahQuerySet(models.QuerySet["Wilayah", "Wilayah"]):
    def desa(self):
        """Villages: desa, kelurahan and desa adat."""
        return self.filter(level=Level.DESA)

    def kecamatan(self):
        return self.filter(level=Level.KECAMATAN)

    def di_kabupaten(self, kode_kabupaten: str):
        return self.filter(kabupaten_kode=kode_kabupaten)

    def berlaku(self):
        return self.filter(berlaku=True)


class Wilayah(models.Model):
    kode = models.CharField(_("kode"), max_length=13, primary_key=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", db_constraint=True
    )
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    tipe = models.CharField(_("jenis"), max_length=12, choices=Tipe.choices)
    nama = models.CharField(_("nama"), max_length=100)
    kode_pos = models.CharField(_("kode pos"), max_length=5, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    # Ancestors' codes, kept so a kabupaten's villages are one indexed equality, not a LIKE.
    provinsi_kode = models.CharField(max_length=2, db_index=True)
    kabupaten_kode = models.CharField(max_length=5, blank=True, db_index=True)
    # False once a newer decree no longer lists the region; kept so old links still resolve.
    berlaku = models.BooleanField(default=True)
    # SVG path (map units of the configured kabupaten), filled by impor_batas for its regions.
    peta_svg = models.TextField(blank=True, default="")
    # On the kabupaten row only: the SVG viewBox its regions' paths are drawn in.
    peta_viewbox = models.CharField(max_length=40, blank=True, default="")
    # On the kabupaten row only: the bounds "west south east north" (degrees) its map was projected from, so that
    # points (a village's potensi) can be drawn on the same map (wilayah.impor.Proyeksi.dari_batas).
    peta_batas = models.CharField(max_length=80, blank=True, default="")

    objects = WilayahQuerySet.as_manager()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["kode"]
        indexes = [models.Index(fields=["kabupaten_kode", "level"])]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.kode})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("beranda:wilayah", args=[self.kode])

    @property
    def nama_lengkap(self) -> str:
        if self.level == Level.KECAMATAN:
            return _("Kecamatan %(nama)s") % {"nama": self.nama}
        if self.level == Level.DESA:
            return _("%(tipe)s %(nama)s") % {"tipe": self.get_tipe_display(), "nama": self.nama}
        return self.nama

    @property
    def is_desa(self) -> bool:
        return self.level == Level.DESA

    @property
    def is_kecamatan(self) -> bool:
        return self.level == Level.KECAMATAN

    @property
    def kecamatan_kode(self) -> str:
        return ".".join(self.kode.split(".")[:3]) if self.level >= Level.KECAMATAN else ""


class Impor(models.Model):
    """One run of the region import, so an unchanged file is not read twice."""

    jenis = models.CharField(max_length=20)  # "wilayah" or "batas"
    berkas = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    baris = models.PositiveIntegerField(default=0)
    jumlah_baru = models.PositiveIntegerField(default=0)
    jumlah_diubah = models.PositiveIntegerField(default=0)
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-waktu"]

    def __str__(self) -> str:
        return f"{self.jenis} {self.berkas} ({self.waktu:%Y-%m-%d %H:%M})"


def kabupaten_aktif() -> Wilayah:
    """The kabupaten/kota this deployment serves (settings.JEMBATAN_KABUPATEN); 404 until imported."""
    from django.http import Http404

    kabupaten = Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN).first()
    if kabupaten is None:
        raise Http404("Data wilayah belum diimpor. Jalankan: make run (atau manage.py siapkan).")
    return kabupaten


class JenisHari(models.TextChoices):
    LIBUR = "libur", _("Hari libur daerah atau tambahan")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama tambahan")
    MASUK = "masuk", _("Hari kerja (bukan libur)")


# Calendars already built, keyed by the table's rows: a calendar keeps its precomputed working days between
# requests, and any change to the table (in this process or another, committed or rolled back) reads as
# other rows and so as another calendar. A handful is plenty: the table changes a few times a year.
_KALENDER: dict[tuple[tuple[dt.date, str, str], ...], Calendar] = {}
_KALENDER_MAKS = 8


class HariKhususQuerySet(models.QuerySet["HariKhusus", "HariKhusus"]):
    def kalender(self) -> Calendar:
        """The working-day calendar of this deployment: the national dates corrected by this table (one query)."""
        baris = tuple(self.order_by("tanggal").values_list("tanggal", "nama", "jenis"))
        kal = _KALENDER.get(baris)
        if kal is None:
            libur = {tanggal: nama for tanggal, nama, jenis in baris if jenis != JenisHari.MASUK}
            masuk = [tanggal for tanggal, _nama, jenis in baris if jenis == JenisHari.MASUK]
            kal = Calendar(extra_holidays=libur, extra_working_days=masuk)
            if len(_KALENDER) >= _KALENDER_MAKS:
                _KALENDER.clear()
            _KALENDER[baris] = kal
        return kal


class HariKhusus(models.Model):
    """A date on which the regency's offices differ from the national calendar: a regional holiday
    (Hari Jadi Kabupaten), a cuti bersama decided after the package was released, or a national date
    the offices work after all. Every legal clock (jembatan.lib.workdays) counts with these."""

    tanggal = models.DateField(unique=True)
    nama = models.CharField(_("nama"), max_length=120)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisHari.choices, default=JenisHari.LIBUR)
    dasar = models.CharField(
        _("dasar"), max_length=200, blank=True, help_text=_("Keputusan atau surat edaran yang menetapkannya.")
    )

    objects = HariKhususQuerySet.as_manager()

    class Meta:
        ordering = ["tanggal"]
        verbose_name = _("hari khusus kalender kerja")
        verbose_name_plural = _("hari khusus kalender kerja")

    def __str__(self) -> str:
        return f"{self.tanggal:%Y-%m-%d} {self.nama}"
