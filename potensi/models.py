"""Potensi desa: each village's products, places and skills, added by its KIM or government, approved by
the village's reviewers, and kept current by confirming them."""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, potret
from akun.models import Aksi, Peran
from jembatan.lib.domain import PESAN_VERSI_USANG, DomainError, StaleVersion, Versioned
from jembatan.lib.markup import to_text
from jembatan.lib.phone import normalise_mobile
from jembatan.lib.photos import PhotoVariants
from jembatan.lib.text import rupiah
from wilayah.impor import Proyeksi, poligon_svg
from wilayah.models import Level, Wilayah

# Availability is a bitmask of months: bit 0 is January. Every bit set reads as "sepanjang tahun".
SEPANJANG_TAHUN = (1 << 12) - 1


class Skema(models.TextChoices):
    """The schema.org type an item of this kind is described as on its page."""

    PRODUCT = "Product", "Product"
    TOURIST_ATTRACTION = "TouristAttraction", "TouristAttraction"
    LOCAL_BUSINESS = "LocalBusiness", "LocalBusiness"
    PERFORMING_GROUP = "PerformingGroup", "PerformingGroup"


class JenisPotensi(models.Model):
    """A kind of potensi (produk UMKM, wisata …); Diskominfo edits the list in the admin."""

    nama = models.CharField(_("nama"), max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    skema = models.CharField(_("jenis schema.org"), max_length=20, choices=Skema.choices, default=Skema.PRODUCT)
    tempat = models.BooleanField(
        _("berupa tempat"), default=False, help_text=_("Tempat yang dikunjungi: formulir menanyakan jam buka dan tiket masuk.")
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "nama"]
        verbose_name = _("jenis potensi")
        verbose_name_plural = _("jenis potensi")

    def __str__(self) -> str:
        return self.nama


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    TERBIT = "terbit", _("Terbit")


# An item's facts (price, season, contact) go stale: its editors confirm it at least this often.
UMUR_KONFIRMASI = timedelta(days=365)
# After that it is marked "perlu diperbarui" for a month, then leaves the public catalogue until confirmed.
MASA_TENGGANG = timedelta(days=30)


class PotensiQuerySet(models.QuerySet["Potensi", "Potensi"]):
    def terbit(self):
        return self.filter(status=Status.TERBIT, terbit_pada__isnull=False)

    def publik(self, sekarang=None):
        """Published items still in the public catalogue: confirmed within the last UMUR_KONFIRMASI plus
        MASA_TENGGANG (an item nobody has confirmed for that long may no longer be true)."""
        batas = (sekarang or timezone.now()) - UMUR_KONFIRMASI - MASA_TENGGANG
        return self.terbit().filter(dikonfirmasi_pada__gte=batas)

    def perlu_diperbarui(self, sekarang=None):
        """Published items not confirmed for UMUR_KONFIRMASI: still shown, marked "perlu diperbarui", until the
        grace month ends."""
        return self.terbit().filter(dikonfirmasi_pada__lt=(sekarang or timezone.now()) - UMUR_KONFIRMASI)

    def tersedia_pada(self, bulan: int):
        """Items available in this month (1–12)."""
        return self.alias(_bulan_ini=models.F("bulan").bitand(1 << (bulan - 1))).filter(_bulan_ini__gt=0)


def batas_kabupaten(kode: str | None = None) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) around the centres of the regency's villages, with a margin of about
    5 km so that points at its edge are not refused; None when the data has no centres."""
    b = Wilayah.objects.filter(kabupaten_kode=kode or settings.JEMBATAN_KABUPATEN, level=Level.DESA, lat__isnull=False).aggregate(
        s=Min("lat"), n=Max("lat"), w=Min("lng"), e=Max("lng")
    )
    if b["s"] is None:
        return None
    tepi = 0.05
    return b["s"] - tepi, b["w"] - tepi, b["n"] + tepi, b["e"] + tepi


def desa_terdekat(lat: float, lng: float) -> str | None:
    """The code of the regency's village whose centre is nearest to the point (a stand-in for its boundary)."""
    skala = math.cos(math.radians(lat))
    pusat = Wilayah.objects.filter(
        kabupaten_kode=settings.JEMBATAN_KABUPATEN, level=Level.DESA, berlaku=True, lat__isnull=False
    ).values_list("kode", "lat", "lng")
    jarak = {kode: (y - lat) ** 2 + ((x - lng) * skala) ** 2 for kode, y, x in pusat if y is not None and x is not None}
    return min(jarak, key=jarak.__getitem__, default=None)


def di_desa(desa: Wilayah, lat: float, lng: float) -> bool:
    """Whether the point lies in the village: inside its imported outline (with about 100 m to spare for the
    simplified line), else — no outline — nearer its centre than any other village's."""
    from shapely.geometry import Point  # shapely loads only when a form checks a point

    batas = Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN).values_list("peta_batas", flat=True).first()
    proyeksi = Proyeksi.dari_batas(batas or "")
    area = poligon_svg(desa.peta_svg) if proyeksi and desa.peta_svg else None
    if proyeksi is None or area is None:
        return desa_terdekat(lat, lng) in (None, desa.kode)
    return area.buffer(1.5).contains(Point(*proyeksi(lng, lat)))


def di_luar_kabupaten(lat: float, lng: float) -> bool:
    batas = batas_kabupaten()
    return batas is not None and not (batas[0] <= lat <= batas[2] and batas[1] <= lng <= batas[3])


# A card's summary: the description's plain text up to this many characters, cut at a word.
PANJANG_RINGKASAN = 200


def ringkas(deskripsi: str) -> str:
    """The plain-text summary of a Markdown description, as cards, feeds and link previews show it."""
    teks = to_text(deskripsi)
    return teks[:PANJANG_RINGKASAN].rsplit(" ", 1)[0] + "…" if len(teks) > PANJANG_RINGKASAN else teks


def rentang_bulan(bulan: int) -> str:
    """ "Sepanjang tahun", or the months as ranges: "Mei–Agustus", "November–Februari", "Januari, Juni–Juli"."""
    if bulan & SEPANJANG_TAHUN == SEPANJANG_TAHUN:
        return str(_("Sepanjang tahun"))
    if not bulan:
        return ""
    ada = [bool(bulan & (1 << i)) for i in range(12)]
    # Start after a month without availability, so a range across the new year stays one range.
    mulai = next(i for i in range(12) if not ada[i - 1] and ada[i])
    rentang, i = [], 0
    while i < 12:
        m = (mulai + i) % 12
        if not ada[m]:
            i += 1
            continue
        j = i
        while j + 1 < 12 and ada[(mulai + j + 1) % 12]:
            j += 1
        awal, akhir = MONTHS[m + 1], MONTHS[(mulai + j) % 12 + 1]
        rentang.append(str(awal) if i == j else f"{awal}–{akhir}")
        i = j + 1
    return ", ".join(rentang)


class Potensi(Versioned):
    jenis = models.ForeignKey(JenisPotensi, verbose_name=_("jenis"), on_delete=models.PROTECT, related_name="potensi")
    nama = models.CharField(_("nama"), max_length=150)
    slug = models.SlugField(max_length=120)
    deskripsi = models.TextField(
        _("deskripsi"),
        help_text=_("Paragraf dipisah baris kosong. **tebal**, *miring*, daftar dengan tanda -, tautan [teks](https://…)."),
    )
    wilayah = models.ForeignKey("wilayah.Wilayah", verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, related_name="+")
    kim = models.ForeignKey("kim.Kim", null=True, blank=True, on_delete=models.SET_NULL, related_name="potensi")
    nama_produsen = models.CharField(_("nama produsen/pengelola"), max_length=150)
    nama_usaha = models.CharField(
        _("nama usaha atau kelompok"), max_length=150, blank=True, help_text=_("UMKM, BUMDes, kelompok tani … bila ada.")
    )
    nib = models.CharField(_("NIB"), max_length=13, blank=True, help_text=_("Nomor Induk Berusaha, 13 angka."))
    nomor_pirt = models.CharField(_("nomor P-IRT"), max_length=16, blank=True, help_text=_("15 angka, mis. 2063505010123-27."))
    nomor_halal = models.CharField(
        _("nomor sertifikat halal"), max_length=19, blank=True, help_text=_("BPJPH: ID diikuti 17 angka; MUI lama: 14 angka.")
    )
    harga_min = models.PositiveIntegerField(_("harga terendah (Rp)"), null=True, blank=True)
    harga_max = models.PositiveIntegerField(_("harga tertinggi (Rp)"), null=True, blank=True)
    satuan = models.CharField(_("satuan"), max_length=30, blank=True, help_text=_("mis. kg, botol, orang, paket."))
    bulan = models.PositiveSmallIntegerField(_("bulan tersedia"), default=SEPANJANG_TAHUN)
    kapasitas = models.CharField(_("kapasitas"), max_length=100, blank=True, help_text=_("mis. ± 200 kg/bulan."))
    jam_buka = models.CharField(_("jam buka"), max_length=150, blank=True)
    tiket = models.CharField(_("tiket masuk"), max_length=100, blank=True)
    lat = models.FloatField(_("lintang"), null=True, blank=True)
    lng = models.FloatField(_("bujur"), null=True, blank=True)
    lokasi_publik = models.BooleanField(
        _("titik lokasi boleh ditampilkan"),
        default=False,
        help_text=_("Tempat usaha atau wisata. Rumah pribadi hanya ditampilkan sebagai desanya, kecuali pemiliknya setuju."),
    )
    # The producer's WhatsApp number (62…), used only inside the chat link and only with their consent.
    wa_produsen = models.CharField(_("nomor WhatsApp produsen"), max_length=15, blank=True)
    wa_setuju_pada = models.DateField(null=True, blank=True)
    wa_setuju_dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAF, db_index=True)
    alasan_kembali = models.TextField(_("alasan dikembalikan"), blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who verified it, as the page names them ("KIM Tungkap Bersinar", "Diskominfo"), fixed when approved.
    pemverifikasi = models.CharField(max_length=200, blank=True)
    # The description's summary, kept by save(): a catalogue page shows 24 and must not render 24 Markdown texts.
    ringkasan = models.TextField(blank=True, editable=False)
    terbit_pada = models.DateTimeField(null=True, blank=True, db_index=True)
    dikonfirmasi_pada = models.DateTimeField(null=True, blank=True)
    diperbarui_pada = models.DateTimeField(null=True, blank=True)
    demo = models.BooleanField(default=False)
    # PostgreSQL full-text vector (name over producer over description), kept by potensi.cari; unused on SQLite.
    cari_vektor = SearchVectorField(null=True, editable=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = PotensiQuerySet.as_manager()

    class Meta:
        verbose_name = _("potensi")
        verbose_name_plural = _("potensi")
        ordering = ["-dikonfirmasi_pada", "-dibuat"]
        indexes = [
            models.Index(fields=["status", "wilayah"]),
            # The catalogue's order over the published items: a page of 24 is read off the index, not sorted
            # out of every item (bench/potensi.py, 10,000 items).
            models.Index(
                fields=["-dikonfirmasi_pada", "-dibuat"],
                condition=models.Q(status="terbit", terbit_pada__isnull=False),
                name="potensi_katalog_urut",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(harga_min__isnull=True)
                | models.Q(harga_max__isnull=True)
                | models.Q(harga_min__lte=models.F("harga_max")),
                name="potensi_harga_urut",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.nama)[:110] or "potensi"
        self.ringkasan = ringkas(self.deskripsi)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "deskripsi" in update_fields:
            kwargs["update_fields"] = {*update_fields, "ringkasan"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("potensi:detail", args=[self.pk, self.slug])

    # -- shown on pages ---------------------------------------------------------------------------

    @property
    def is_terbit(self) -> bool:
        return self.status == Status.TERBIT and self.terbit_pada is not None

    @property
    def teks_harga(self) -> str:
        """ "Rp25.000–Rp40.000 / kg", "Rp15.000 / orang", or "" when no price is given."""
        lo, hi = self.harga_min, self.harga_max
        if lo is not None and hi is not None and lo != hi:
            harga = f"{rupiah(lo)}–{rupiah(hi)}"
        elif lo is not None or hi is not None:
            harga = rupiah(lo if lo is not None else hi or 0)
        else:
            return ""
        return f"{harga} / {self.satuan}" if self.satuan else harga

    @property
    def teks_bulan(self) -> str:
        return rentang_bulan(self.bulan)

    def tersedia_bulan(self, bulan: int) -> bool:
        return bool(self.bulan & (1 << (bulan - 1)))

    @property
    def wa_boleh(self) -> bool:
        """The producer's number may be used for the chat link: given, and their consent recorded."""
        return bool(self.wa_produsen and self.wa_setuju_pada)

    def nomor_chat(self) -> str | None:
        """The number the "Chat di WhatsApp" button goes to: the producer's when they consented, else the
        KIM's public contact when it is a mobile number, else none (no button)."""
        if self.wa_boleh:
            return self.wa_produsen
        kim = self.kim
        if kim is not None and kim.kontak_publik and kim.telepon_kontak:
            return normalise_mobile(kim.telepon_kontak)
        return None

    # -- domain changes: each locks the row, checks the rule, changes it and writes its audit entry ----

    def _kunci(self, versi: int, boleh: tuple[str, ...], pesan) -> None:
        """Inside the step's transaction: lock the row, refuse a stale form or a step that does not fit the
        stage the item is at, then take its current state and move the version on."""
        lama = Potensi.objects.select_for_update().get(pk=self.pk)
        if lama.versi != versi:
            raise StaleVersion(str(PESAN_VERSI_USANG))
        if lama.status not in boleh:
            raise DomainError(pesan)
        self.status, self.terbit_pada, self.dikonfirmasi_pada = lama.status, lama.terbit_pada, lama.dikonfirmasi_pada
        self.bump_version(versi)

    def simpan_perubahan(self, *, oleh, versi: int, alasan_perubahan: str = "") -> None:
        """Save a new item, or an edit (the form's values already set) unless someone changed it since the
        form was opened. A published item stays published: its change needs a reason, which the audit
        trail keeps with what changed."""
        with transaction.atomic():
            self._isi_lokasi()
            if self.lat is not None and self.lng is not None and di_luar_kabupaten(self.lat, self.lng):
                raise DomainError(_("Titik ini di luar wilayah kabupaten."), field="lat")
            if self.pk is None:
                self.bump_version(0)
                self.kim = getattr(self.wilayah, "kim", None)
                self.save()
                return
            lama = Potensi.objects.select_for_update().get(pk=self.pk)
            self.bump_version(versi)
            if lama.is_terbit:
                if not alasan_perubahan.strip():
                    raise DomainError(_("Tuliskan alasan perubahan potensi yang sudah terbit."), field="alasan_perubahan")
                self.diperbarui_pada = timezone.now()
                self.save()
                catat(
                    oleh,
                    Aksi.UBAH_POTENSI,
                    self,
                    f"Potensi terbit diubah ({alasan_perubahan.strip()[:80]}): {self.nama[:80]}",
                    wilayah=self.wilayah,
                    sebelum=potret(lama, KOLOM_POTENSI),
                    rahasia=["wa_produsen"],
                )
                return
            self.save()

    def _isi_lokasi(self) -> None:
        """An item without a point sits at its village's centre (and that point is not a home)."""
        if self.lat is None or self.lng is None:
            self.lat, self.lng = self.wilayah.lat, self.wilayah.lng

    def ajukan(self, *, oleh, versi: int) -> None:
        """The writer sends a draft (or a returned item) to the village's reviewers."""
        with transaction.atomic():
            self._kunci(versi, (Status.DRAF, Status.DIKEMBALIKAN), _("Potensi ini sudah diajukan atau sudah terbit."))
            self.status = Status.DIAJUKAN
            self.save()
            catat(oleh, Aksi.AJUKAN_POTENSI, self, f"Diajukan: {self.nama[:100]}", wilayah=self.wilayah)

    def setujui(self, *, oleh, versi: int) -> None:
        """A reviewer publishes a submitted item; the page names who verified it and when it was confirmed."""
        with transaction.atomic():
            self._kunci(versi, (Status.DIAJUKAN,), _("Hanya potensi yang sedang diajukan yang dapat disetujui."))
            sekarang = timezone.now()
            self.status, self.alasan_kembali = Status.TERBIT, ""
            self.terbit_pada = self.terbit_pada or sekarang
            self.dikonfirmasi_pada, self.disetujui_oleh = sekarang, oleh
            self.pemverifikasi = nama_pemverifikasi(oleh, self)
            self.save()
            catat(oleh, Aksi.SETUJUI_POTENSI, self, f"Disetujui: {self.nama[:100]}", wilayah=self.wilayah)

    def kembalikan(self, *, oleh, versi: int, alasan: str) -> None:
        """A reviewer returns a submitted item to its writer with a reason the writer sees."""
        if not alasan.strip():
            raise DomainError(_("Tuliskan alasan pengembalian."), field="alasan")
        with transaction.atomic():
            self._kunci(versi, (Status.DIAJUKAN,), _("Hanya potensi yang sedang diajukan yang dapat dikembalikan."))
            self.status, self.alasan_kembali = Status.DIKEMBALIKAN, alasan.strip()
            self.save()
            catat(oleh, Aksi.KEMBALIKAN_POTENSI, self, f"Dikembalikan: {self.nama[:100]}", wilayah=self.wilayah)

    @property
    def perlu_diperbarui(self) -> bool:
        """Not confirmed by its editors for a year: shown with a warning, then hidden a month later."""
        return self.dikonfirmasi_pada is not None and self.dikonfirmasi_pada < timezone.now() - UMUR_KONFIRMASI

    def konfirmasi(self, *, oleh, versi: int) -> None:
        """A reviewer confirms a published item is still current ("terakhir dikonfirmasi" moves to now)."""
        with transaction.atomic():
            self._kunci(versi, (Status.TERBIT,), _("Hanya potensi yang sudah terbit yang dapat dikonfirmasi."))
            self.dikonfirmasi_pada = timezone.now()
            self.save()
            catat(oleh, Aksi.KONFIRMASI_POTENSI, self, f"Dikonfirmasi masih berlaku: {self.nama[:100]}", wilayah=self.wilayah)


def nama_pemverifikasi(user, potensi: Potensi) -> str:
    """How the verified mark names the approver: the KIM for its pengurus, else their office."""
    if user.peran == Peran.PENGURUS and potensi.kim is not None:
        return potensi.kim.nama
    if user.peran == Peran.PEMDES:
        return str(_("Pemerintah %(desa)s") % {"desa": potensi.wilayah.nama_lengkap})
    if user.peran == Peran.OPERATOR and potensi.wilayah.parent is not None:
        return str(_("Operator %(kec)s") % {"kec": potensi.wilayah.parent.nama_lengkap})
    return str(_("Diskominfo"))


# What the form edits (the audit trail compares these for published items).
KOLOM_POTENSI = [
    "jenis",
    "nama",
    "deskripsi",
    "wilayah",
    "nama_produsen",
    "nama_usaha",
    "nib",
    "nomor_pirt",
    "nomor_halal",
    "harga_min",
    "harga_max",
    "satuan",
    "bulan",
    "kapasitas",
    "jam_buka",
    "tiket",
    "lat",
    "lng",
    "lokasi_publik",
    "wa_produsen",
]


class FotoPotensi(PhotoVariants):
    """A photo of a village potential."""

    potensi = models.ForeignKey(Potensi, on_delete=models.CASCADE, related_name="foto")

    class Meta(PhotoVariants.Meta):
        verbose_name = _("foto potensi")
        verbose_name_plural = _("foto potensi")


def bulan_ini() -> int:
    return timezone.localdate().month


# --- Reminders to the editors of items that went stale ---------------------------------------------------

# The second reminder goes this long before an unconfirmed item leaves the public catalogue.
SEBELUM_KELUAR = timedelta(days=7)


class TahapPengingat(models.TextChoices):
    PERLU_DIPERBARUI = "perlu_diperbarui", _("Perlu diperbarui")
    AKAN_KELUAR = "akan_keluar", _("Akan keluar dari katalog")


class PengingatPotensi(models.Model):
    """A reminder mailed about a stale item, one per stage and per confirmation it refers to: the row is
    claimed before the mail goes, so a second run never sends it again, and confirming the item starts anew."""

    potensi = models.ForeignKey(Potensi, on_delete=models.CASCADE, related_name="pengingat")
    tahap = models.CharField(max_length=20, choices=TahapPengingat.choices)
    dikonfirmasi_pada = models.DateTimeField()
    dikirim_pada = models.DateTimeField(default=timezone.now)
    jumlah_penerima = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("pengingat potensi")
        verbose_name_plural = _("pengingat potensi")
        constraints = [
            models.UniqueConstraint(fields=["potensi", "tahap", "dikonfirmasi_pada"], name="pengingat_potensi_sekali"),
        ]

    def __str__(self) -> str:
        return f"{self.potensi} {self.tahap} {self.dikirim_pada:%d-%m-%Y}"
