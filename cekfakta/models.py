"""The verification desk: claims (reports of the same hoax grouped), their reports, verdicts and references."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    BARU = "baru", _("Baru")
    DIPERIKSA = "diperiksa", _("Sedang diperiksa")
    SELESAI = "selesai", _("Selesai")


class Hasil(models.TextChoices):
    BENAR = "benar", _("Benar")
    SALAH = "salah", _("Salah")
    TIDAK_DAPAT = "tidak_dapat", _("Tidak dapat diverifikasi")
    BUKAN_KLAIM = "bukan_klaim", _("Bukan klaim")


class JenisSalah(models.TextChoices):
    """Mafindo's seven types of mis- and disinformation."""

    SATIRE = "satire", _("Satire/parodi")
    MENYESATKAN = "menyesatkan", _("Konten menyesatkan")
    TIRUAN = "tiruan", _("Konten tiruan")
    PALSU = "palsu", _("Konten palsu")
    KONEKSI = "koneksi", _("Koneksi yang salah")
    KONTEKS = "konteks", _("Konteks keliru")
    MANIPULASI = "manipulasi", _("Konten manipulasi")


class Topik(models.TextChoices):
    KESEHATAN = "kesehatan", _("Kesehatan")
    PENIPUAN = "penipuan", _("Penipuan")
    POLITIK = "politik", _("Politik dan pemerintahan")
    BENCANA = "bencana", _("Bencana")
    EKONOMI = "ekonomi", _("Ekonomi dan bantuan sosial")
    AGAMA = "agama", _("Agama dan sosial")
    LAINNYA = "lainnya", _("Lainnya")


class Saluran(models.TextChoices):
    WEB = "web", _("Situs web")
    WHATSAPP = "whatsapp", _("WhatsApp")
    TELEGRAM = "telegram", _("Telegram")
    API = "api", _("API")
    IMPOR = "impor", _("Impor ClaimReview")


# ClaimReview rating on a 1–5 scale (1 = false), with the label shown beside it.
RATING = {Hasil.SALAH: 1, Hasil.TIDAK_DAPAT: 3, Hasil.BENAR: 5}


class KlaimQuerySet(models.QuerySet):
    def terbit(self):
        return self.filter(diterbitkan__isnull=False, status=Status.SELESAI)

    def antrean(self):
        return self.exclude(status=Status.SELESAI)

    def terlambat(self, now):
        return self.antrean().filter(tenggat__lt=now)


class Klaim(models.Model):
    """One claim circulating, whatever the number of people who reported it."""

    judul = models.CharField(_("klaim"), max_length=300, help_text=_("Pernyataan singkat klaim yang diperiksa."))
    teks_contoh = models.TextField(_("contoh pesan"), blank=True, help_text=_("Pesan yang beredar, untuk pencocokan."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.BARU, db_index=True)
    hasil = models.CharField(_("hasil"), max_length=12, choices=Hasil.choices, blank=True)
    jenis_salah = models.CharField(_("jenis"), max_length=12, choices=JenisSalah.choices, blank=True)
    penjelasan = models.TextField(_("penjelasan"), blank=True)
    metode = models.TextField(_("metode pemeriksaan"), blank=True)
    topik = models.CharField(_("topik"), max_length=10, choices=Topik.choices, default=Topik.LAINNYA)
    pertama_dilihat = models.DateTimeField(_("pertama dilaporkan"), default=timezone.now)
    terakhir_dilihat = models.DateTimeField(_("terakhir dilaporkan"), default=timezone.now)
    tenggat = models.DateTimeField(_("tenggat"), null=True, blank=True, db_index=True)
    jumlah_laporan = models.PositiveIntegerField(default=0)
    verifikator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verifikator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diajukan = models.DateTimeField(null=True, blank=True)
    diterbitkan = models.DateTimeField(_("diterbitkan"), null=True, blank=True, db_index=True)
    sumber_nama = models.CharField(_("sumber"), max_length=150, blank=True)
    sumber_url = models.URLField(_("tautan sumber"), max_length=500, blank=True)
    demo = models.BooleanField(default=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True, db_index=True)

    objects = KlaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("klaim")
        verbose_name_plural = _("klaim")
        ordering = ["-diterbitkan", "-terakhir_dilihat"]

    def __str__(self) -> str:
        return self.judul

    def save(self, *args, **kwargs):
        if self.tenggat is None:
            self.tenggat = self.pertama_dilihat + timedelta(hours=settings.JEMBATAN_CEKFAKTA_TARGET_JAM)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("cekfakta:putusan", args=[self.pk, slugify(self.judul)[:60] or "klaim"])

    @property
    def teks_indeks(self) -> str:
        """What the matcher reads: the claim statement and the message as it circulated."""
        return f"{self.judul}\n{self.teks_contoh}"

    @property
    def label(self) -> str:
        """SALAH — Konten palsu, BENAR, … as shown on verdicts and replies."""
        if not self.hasil:
            return ""
        label = str(Hasil(self.hasil).label).upper()
        if self.hasil == Hasil.SALAH and self.jenis_salah:
            label = f"{label} — {JenisSalah(self.jenis_salah).label}"
        return label

    @property
    def is_terbit(self) -> bool:
        return self.diterbitkan is not None and self.status == Status.SELESAI

    def terlambat(self, now=None) -> bool:
        return self.status != Status.SELESAI and self.tenggat is not None and self.tenggat < (now or timezone.now())

    def syarat_terbit(self) -> list[str]:
        """What is still missing before this verdict may be published (empty when ready)."""
        kurang = []
        if not self.judul.strip():
            kurang.append(_("pernyataan klaim"))
        if not self.hasil:
            kurang.append(_("hasil pemeriksaan"))
        if self.hasil == Hasil.SALAH and not self.jenis_salah:
            kurang.append(_("jenis konten salah (salah satu dari tujuh jenis Mafindo)"))
        if not self.penjelasan.strip():
            kurang.append(_("penjelasan"))
        if not self.metode.strip():
            kurang.append(_("metode pemeriksaan"))
        if not self.pk or not self.referensi.exists():
            kurang.append(_("sedikitnya satu referensi"))
        return [str(k) for k in kurang]

    def clean(self):
        if self.hasil != Hasil.SALAH and self.jenis_salah:
            raise ValidationError({"jenis_salah": _("Jenis hanya diisi untuk hasil “Salah”.")})


class Referensi(models.Model):
    klaim = models.ForeignKey(Klaim, on_delete=models.CASCADE, related_name="referensi")
    judul = models.CharField(_("judul"), max_length=300)
    url = models.URLField(_("tautan"), max_length=500)

    class Meta:
        verbose_name = _("referensi")
        verbose_name_plural = _("referensi")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.judul


class Laporan(models.Model):
    """One report of a suspicious message. Contacts are private and kept only for the retention period."""

    klaim = models.ForeignKey(Klaim, null=True, blank=True, on_delete=models.SET_NULL, related_name="laporan")
    kode = models.CharField(_("kode pelacakan"), max_length=12, unique=True)
    teks = models.TextField(_("pesan"))
    tautan = models.URLField(_("tautan"), max_length=500, blank=True)
    saluran = models.CharField(_("saluran"), max_length=10, choices=Saluran.choices, default=Saluran.WEB)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", verbose_name=_("desa/kelurahan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("email"), blank=True)
    # The sender's chat id or number on WhatsApp/Telegram, to reply there; never public.
    kontak_saluran = models.CharField(max_length=64, blank=True)
    # A screenshot sent with the report: private (it may show names and numbers), metadata stripped.
    gambar = models.ImageField(_("tangkapan layar"), upload_to="privat/cekfakta/laporan/%Y/", blank=True)
    gambar_hash = models.BigIntegerField(null=True, blank=True, db_index=True)
    skor = models.FloatField(null=True, blank=True)
    dijawab_langsung = models.BooleanField(default=False)
    diberi_tahu = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.kode} ({self.get_saluran_display()})"

    def get_absolute_url(self) -> str:
        return reverse("cekfakta:lacak", args=[self.kode])


class Istilah(models.Model):
    """An admin-added entry of the normalisation dictionary, on top of the shipped files."""

    class Jenis(models.TextChoices):
        SINGKATAN = "singkatan", _("Singkatan atau bahasa gaul")
        BANJAR = "banjar", _("Bahasa Banjar")
        BOILERPLATE = "boilerplate", _("Kalimat ajakan menyebarkan (dibuang)")

    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    bentuk = models.CharField(_("bentuk dalam pesan"), max_length=100)
    baku = models.CharField(_("bentuk baku"), max_length=100, blank=True)
    diubah = models.DateTimeField(auto_now=True)  # an edited entry makes the matcher re-read its dictionary

    class Meta:
        verbose_name = _("istilah kamus")
        verbose_name_plural = _("kamus istilah")
        constraints = [models.UniqueConstraint(fields=["jenis", "bentuk"], name="istilah_unik")]

    def __str__(self) -> str:
        return f"{self.bentuk} → {self.baku}"


class PesanMasuk(models.Model):
    """A chat message received by a webhook, kept so a replayed delivery is not processed twice."""

    saluran = models.CharField(max_length=10, choices=Saluran.choices)
    id_eksternal = models.CharField(max_length=128)
    pengirim = models.CharField(max_length=64)  # chat id or number: private, cleared after the retention period
    jenis = models.CharField(max_length=20)
    teks = models.TextField(blank=True)
    media_id = models.CharField(max_length=256, blank=True)  # the provider's id of an attached image
    diterima = models.DateTimeField(default=timezone.now)
    diproses = models.DateTimeField(null=True, blank=True)
    # The reply worked out for the sender, and when the provider accepted it (retried until then).
    balasan = models.TextField(blank=True)
    dijawab = models.DateTimeField(null=True, blank=True)
    laporan = models.ForeignKey(Laporan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["saluran", "id_eksternal"], name="pesan_masuk_sekali")]

    def __str__(self) -> str:
        return f"{self.saluran}:{self.id_eksternal}"
