"""News (warta): written by KIM members and Diskominfo, checked before it goes out, never silently rewritten."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, potret
from akun.models import Aksi
from jembatan.lib.domain import DomainError, Versioned
from jembatan.lib.markup import to_text
from jembatan.lib.photos import PhotoVariants
from wilayah.models import Level


class Kategori(models.TextChoices):
    PEMERINTAHAN = "pemerintahan", _("Pemerintahan")
    PEMBANGUNAN = "pembangunan", _("Program pembangunan")
    KESEHATAN = "kesehatan", _("Kesehatan")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    PERTANIAN = "pertanian", _("Pertanian")
    EKONOMI = "ekonomi", _("Ekonomi dan UMKM")
    BUDAYA = "budaya", _("Budaya")
    BENCANA = "bencana", _("Bencana")
    OLAHRAGA = "olahraga", _("Olahraga")
    LAINNYA = "lainnya", _("Lainnya")


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    TERBIT = "terbit", _("Terbit")


# The editor's checklist: every item must be ticked before an item is published.
DAFTAR_PERIKSA = {
    "cek_sumber": _("Sumber informasi disebutkan"),
    "cek_fakta": _("Fakta sudah dicek dengan sumbernya"),
    "cek_foto": _("Orang dalam foto sudah setuju difoto dan diterbitkan"),
    "cek_pribadi": _("Tidak ada data pribadi yang terbuka (NIK, nomor telepon, alamat rumah)"),
}


class BeritaQuerySet(models.QuerySet["Berita", "Berita"]):
    def terbit(self):
        return self.filter(status=Status.TERBIT, terbit_pada__lte=timezone.now())

    def di_kabupaten(self, kode: str):
        return self.filter(wilayah__kabupaten_kode=kode) | self.filter(wilayah_id=kode)


class Berita(Versioned):
    judul = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(max_length=120, allow_unicode=False)
    ringkasan = models.CharField(
        _("ringkasan"), max_length=300, blank=True, help_text=_("Satu-dua kalimat untuk daftar berita dan pratinjau tautan.")
    )
    isi = models.TextField(
        _("isi berita"),
        help_text=_("Paragraf dipisah baris kosong. **tebal**, *miring*, daftar dengan tanda -, tautan [teks](https://…)."),
    )
    kategori = models.CharField(_("kategori"), max_length=14, choices=Kategori.choices, default=Kategori.LAINNYA)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", verbose_name=_("wilayah yang diberitakan"), on_delete=models.PROTECT, related_name="+"
    )
    kim = models.ForeignKey(
        "kim.Kim", verbose_name=_("KIM penulis"), null=True, blank=True, on_delete=models.SET_NULL, related_name="berita"
    )
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAF, db_index=True)
    alasan_kembali = models.TextField(_("alasan dikembalikan"), blank=True)
    cek_sumber = models.BooleanField(default=False)
    cek_fakta = models.BooleanField(default=False)
    cek_foto = models.BooleanField(default=False)
    cek_pribadi = models.BooleanField(default=False)
    diperiksa_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    terbit_pada = models.DateTimeField(_("terbit"), null=True, blank=True, db_index=True)
    diperbarui_pada = models.DateTimeField(null=True, blank=True)
    demo = models.BooleanField(default=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    # PostgreSQL full-text vector (title weighted over body), kept by warta.cari; unused on SQLite.
    cari_vektor = SearchVectorField(null=True, editable=False)

    objects = BeritaQuerySet.as_manager()

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = _("berita")
        ordering = ["-terbit_pada", "-dibuat"]
        indexes = [models.Index(fields=["status", "-terbit_pada"])]

    def __str__(self) -> str:
        return self.judul

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.judul)[:110] or "berita"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("warta:baca", args=[self.pk, self.slug])

    # -- the editorial flow: each step checks the version the user saw, so nothing is silently lost --

    def _kunci(self, versi: int) -> None:
        """Inside the step's transaction: lock the row, take its current state, move the version on."""
        lama = Berita.objects.select_for_update().get(pk=self.pk)
        self.status, self.terbit_pada = lama.status, lama.terbit_pada
        self.bump_version(versi)

    def simpan_perubahan(self, *, oleh, versi: int, alasan_perubahan: str = "") -> None:
        """Save a new item, or an edit (the form's values already set) unless someone changed it since the
        form was opened. A change to a published item needs a reason and leaves a dated "diperbarui" note."""
        with transaction.atomic():
            if self.pk is None:
                self.bump_version(0)
                self.kim = getattr(self.wilayah, "kim", None) if self.wilayah.level == Level.DESA else None
                self.save()
                return
            lama = Berita.objects.select_for_update().get(pk=self.pk)
            self.bump_version(versi)
            if lama.is_terbit:
                if not alasan_perubahan.strip():
                    raise DomainError(_("Tuliskan alasan perubahan berita yang sudah terbit."), field="alasan_perubahan")
                self.diperbarui_pada = timezone.now()
                Pembaruan.objects.create(berita=self, alasan=alasan_perubahan.strip(), oleh=oleh)
                sebelum = potret(lama, KOLOM_BERITA)
                catat(
                    oleh,
                    Aksi.UBAH_BERITA,
                    self,
                    f"Berita terbit diubah: {self.judul[:100]}",
                    wilayah=self.wilayah,
                    sebelum=sebelum,
                )
            self.save()

    def ajukan(self, *, oleh, versi: int) -> None:
        """The writer sends a draft (or a returned item) to the editors."""
        with transaction.atomic():
            self._kunci(versi)
            if self.status not in (Status.DRAF, Status.DIKEMBALIKAN):
                raise DomainError(_("Berita ini sudah diajukan atau sudah terbit."))
            self.status = Status.DIAJUKAN
            self.save()
            catat(oleh, Aksi.AJUKAN_BERITA, self, f"Diajukan: {self.judul[:100]}", wilayah=self.wilayah)

    def terbitkan(self, *, oleh, versi: int, daftar_periksa: dict[str, bool]) -> None:
        """An editor publishes after ticking every item of the checklist; the terverifikasi mark names them."""
        if not all(daftar_periksa.get(k) for k in DAFTAR_PERIKSA):
            raise DomainError(_("Centang semua butir daftar periksa sebelum menerbitkan."))
        with transaction.atomic():
            self._kunci(versi)
            if self.status != Status.DIAJUKAN:
                raise DomainError(_("Hanya berita yang sedang diajukan yang dapat diterbitkan."))
            self.status, self.terbit_pada, self.diperiksa_oleh, self.alasan_kembali = Status.TERBIT, timezone.now(), oleh, ""
            for k in DAFTAR_PERIKSA:
                setattr(self, k, True)
            self.save()
            catat(oleh, Aksi.TERBIT_BERITA, self, f"Terbit: {self.judul[:100]}", wilayah=self.wilayah)

    def kembalikan(self, *, oleh, versi: int, alasan: str) -> None:
        """An editor returns a submitted item to its writer with a reason the writer sees."""
        if not alasan.strip():
            raise DomainError(_("Tuliskan alasan pengembalian."), field="alasan")
        with transaction.atomic():
            self._kunci(versi)
            if self.status != Status.DIAJUKAN:
                raise DomainError(_("Hanya berita yang sedang diajukan yang dapat dikembalikan."))
            self.status, self.alasan_kembali = Status.DIKEMBALIKAN, alasan.strip()
            self.save()
            catat(oleh, Aksi.KEMBALIKAN_BERITA, self, f"Dikembalikan: {self.judul[:100]}", wilayah=self.wilayah)

    def tambah_ralat(self, *, oleh, isi: str) -> Ralat:
        """Append a correction under a published item; the original text stays as it was."""
        if not self.is_terbit:
            raise DomainError(_("Ralat hanya untuk berita yang sudah terbit."))
        with transaction.atomic():
            ralat = Ralat.objects.create(berita=self, isi=isi, oleh=oleh)
            catat(oleh, Aksi.RALAT, self, f"Ralat: {self.judul[:100]}", wilayah=self.wilayah)
        return ralat

    @property
    def is_terbit(self) -> bool:
        return self.status == Status.TERBIT and self.terbit_pada is not None

    @property
    def ringkasan_atau_awal(self) -> str:

        if self.ringkasan:
            return self.ringkasan
        teks = to_text(self.isi)
        return teks[:200].rsplit(" ", 1)[0] + "…" if len(teks) > 200 else teks


# What the writing form edits (the audit trail compares these for published items).
KOLOM_BERITA = ["judul", "ringkasan", "isi", "kategori", "wilayah"]


class Pembaruan(models.Model):
    """A dated note that a published item was changed, and why (shown under the article)."""

    berita = models.ForeignKey(Berita, on_delete=models.CASCADE, related_name="pembaruan")
    alasan = models.CharField(_("alasan perubahan"), max_length=300)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["waktu"]

    def __str__(self) -> str:
        return f"{self.berita}: {self.alasan}"


class Ralat(models.Model):
    """A correction appended to a published item; the original text stays as it was."""

    berita = models.ForeignKey(Berita, on_delete=models.CASCADE, related_name="ralat")
    isi = models.TextField(_("isi ralat"))
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["waktu"]
        verbose_name_plural = _("ralat")

    def __str__(self) -> str:
        return f"Ralat {self.berita}"


class Foto(PhotoVariants):
    """A photo of a news item."""

    LEBAR = (400, 800, 1200)

    berita = models.ForeignKey(Berita, on_delete=models.CASCADE, related_name="foto")

    class Meta(PhotoVariants.Meta):
        pass
