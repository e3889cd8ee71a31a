"""Kegiatan and penilaian: what a KIM reports it did, and its monthly health score on the ADINDA-P axes.

The score's numbers come from indicators (`penilaian.indikator`): this module defines the interface and
registers the indicators it can read itself (activities, members, profile, awards); the indicators that read
the modules beside it (news, siaran, comments, potensi) are registered by `beranda`, the floor that may import
every module. What Diskominfo sets (weights, targets, levels) is a `Skema` with the month it applies from; a
computed month (`SkorBulanan`) keeps the scheme it was computed with, and its evidence as it was then.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, daftarkan_aksi, potret
from akun.models import Peran
from jembatan.lib.domain import DomainError, Versioned
from jembatan.lib.photos import PhotoVariants

# A report may be backdated this far; older ones only by Diskominfo (monitoring corrections).
UMUR_LAPORAN = timedelta(days=365)


@daftarkan_aksi
class PenilaianAksi(models.TextChoices):
    LAPOR_KEGIATAN = "penilaian_lapor_kegiatan", _("Kegiatan KIM dilaporkan")
    UBAH_KEGIATAN = "penilaian_ubah_kegiatan", _("Laporan kegiatan KIM diubah")
    HAPUS_KEGIATAN = "penilaian_hapus_kegiatan", _("Laporan kegiatan KIM dihapus")
    HITUNG_SKOR = "penilaian_hitung_skor", _("Skor KIM dihitung")
    PILIH_KANDIDAT = "penilaian_pilih_kandidat", _("KIM dipilih sebagai kandidat festival")
    BATAL_KANDIDAT = "penilaian_batal_kandidat", _("Pilihan kandidat festival dibatalkan")


class Sumbu(models.TextChoices):
    """The seven ADINDA-P axes KIM are judged on at festival rounds."""

    AKSES = "akses", _("Akses")
    DISKUSI = "diskusi", _("Diskusi")
    INFORMASI = "informasi", _("Informasi")
    NETWORKING = "networking", _("Networking")
    DISEMINASI = "diseminasi", _("Diseminasi")
    ASPIRASI = "aspirasi", _("Aspirasi")
    PRESTASI = "prestasi", _("Prestasi")


class JenisKegiatan(models.Model):
    """A kind of activity (sosialisasi, pelatihan …); Diskominfo edits the list in the admin, and says on
    which axis an activity of this kind counts."""

    nama = models.CharField(_("nama"), max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    sumbu = models.CharField(
        _("dihitung pada sumbu"),
        max_length=10,
        choices=Sumbu.choices,
        default=Sumbu.DISEMINASI,
        help_text=_("Kegiatan jenis ini menambah nilai sumbu ADINDA-P ini."),
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "nama"]
        verbose_name = _("jenis kegiatan")
        verbose_name_plural = _("jenis kegiatan")

    def __str__(self) -> str:
        return self.nama


def awal_bulan(hari: date) -> date:
    return hari.replace(day=1)


def bulan_berikut(bulan: date) -> date:
    return (bulan.replace(day=28) + timedelta(days=4)).replace(day=1)


class KegiatanQuerySet(models.QuerySet["Kegiatan", "Kegiatan"]):
    def pada_bulan(self, bulan: date):
        """Activities held in the month that starts on `bulan`."""
        return self.filter(tanggal__gte=bulan, tanggal__lt=bulan_berikut(bulan))


class Kegiatan(Versioned):
    kim = models.ForeignKey("kim.Kim", verbose_name=_("KIM"), on_delete=models.CASCADE, related_name="kegiatan")
    tanggal = models.DateField(_("tanggal kegiatan"))
    jenis = models.ForeignKey(JenisKegiatan, verbose_name=_("jenis kegiatan"), on_delete=models.PROTECT, related_name="+")
    judul = models.CharField(_("nama kegiatan"), max_length=150)
    tempat = models.CharField(_("tempat"), max_length=200)
    uraian = models.TextField(_("uraian singkat"), max_length=3000, help_text=_("Apa yang dilakukan, bersama siapa, hasilnya."))
    jumlah_peserta = models.PositiveIntegerField(_("jumlah peserta"), null=True, blank=True)
    peserta_laki = models.PositiveIntegerField(_("peserta laki-laki"), null=True, blank=True)
    peserta_perempuan = models.PositiveIntegerField(_("peserta perempuan"), null=True, blank=True)
    daftar_hadir = models.TextField(
        _("daftar hadir"), blank=True, max_length=5000, help_text=_("Satu nama per baris (boleh dikosongkan).")
    )
    kim_mitra = models.ManyToManyField(
        "kim.Kim",
        verbose_name=_("bersama KIM lain"),
        blank=True,
        related_name="kegiatan_bersama",
        help_text=_("KIM lain yang ikut menyelenggarakan atau hadir (forum antar-KIM, kegiatan bersama)."),
    )
    tautan = models.TextField(
        _("tautan terkait"),
        blank=True,
        max_length=3000,
        help_text=_("Alamat berita, siaran atau aspirasi yang berkaitan, satu per baris."),
    )
    pelapor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    demo = models.BooleanField(default=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = KegiatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["-tanggal", "-id"]
        indexes = [models.Index(fields=["kim", "tanggal"])]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("penilaian:ubah", args=[self.pk])

    @property
    def hadir(self) -> list[str]:
        return [n.strip() for n in self.daftar_hadir.splitlines() if n.strip()]

    @property
    def daftar_tautan(self) -> list[str]:
        return [t.strip() for t in self.tautan.splitlines() if t.strip()]

    @property
    def teks_peserta(self) -> str:
        """ "25 orang (10 laki-laki, 15 perempuan)", "25 orang", or ""."""
        if self.jumlah_peserta is None:
            return ""
        teks = str(_("%(n)s orang") % {"n": self.jumlah_peserta})
        if self.peserta_laki is not None or self.peserta_perempuan is not None:
            rinci = str(_("%(l)s laki-laki, %(p)s perempuan") % {"l": self.peserta_laki or 0, "p": self.peserta_perempuan or 0})
            teks += f" ({rinci})"
        return teks

    def periksa_tanggal(self, oleh) -> None:
        """No activity in the future; one more than a year old only from Diskominfo."""
        hari_ini = timezone.localdate()
        if self.tanggal > hari_ini:
            raise DomainError(_("Tanggal kegiatan tidak boleh di masa depan."), field="tanggal")
        if self.tanggal < hari_ini - UMUR_LAPORAN and oleh.peran != Peran.ADMIN:
            raise DomainError(
                _("Kegiatan lebih dari setahun yang lalu hanya dapat dicatat oleh Diskominfo. Hubungi Diskominfo bila perlu."),
                field="tanggal",
            )

    def simpan(self, *, oleh, versi: int, mitra=None) -> None:
        """Save a new report or an edit (the form's values already set on this object) unless someone changed
        it since the form was opened; `mitra` are the partner KIM (None: unchanged). Audited with its diff."""
        self.periksa_tanggal(oleh)
        baru = self.pk is None
        with transaction.atomic():
            sebelum = {} if baru else potret(Kegiatan.objects.select_for_update().get(pk=self.pk), KOLOM_KEGIATAN)
            self.bump_version(versi)
            self.save()
            if mitra is not None:
                self.kim_mitra.set([k for k in mitra if k.pk != self.kim_id])
            if baru:
                catat(oleh, PenilaianAksi.LAPOR_KEGIATAN, self, f"{self.kim}: {self.judul[:100]}", wilayah=self.kim.wilayah)
            else:
                catat(
                    oleh,
                    PenilaianAksi.UBAH_KEGIATAN,
                    self,
                    f"{self.kim}: {self.judul[:100]}",
                    wilayah=self.kim.wilayah,
                    sebelum=sebelum,
                )

    def hapus(self, *, oleh) -> None:
        """Remove the report and its photos' files; the audit trail keeps what it said."""
        with transaction.atomic():
            catat(
                oleh,
                PenilaianAksi.HAPUS_KEGIATAN,
                self,
                f"{self.kim}: {self.judul[:100]} ({self.tanggal:%d-%m-%Y})",
                wilayah=self.kim.wilayah,
                sebelum=potret(self, KOLOM_KEGIATAN),
                sesudah=dict.fromkeys(KOLOM_KEGIATAN),
            )
            for foto in self.foto.all():
                foto.delete_with_files()
            self.delete()


KOLOM_KEGIATAN = [
    "tanggal",
    "jenis",
    "judul",
    "tempat",
    "uraian",
    "jumlah_peserta",
    "peserta_laki",
    "peserta_perempuan",
    "daftar_hadir",
    "tautan",
]


class FotoKegiatan(PhotoVariants):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="foto")

    class Meta(PhotoVariants.Meta):
        verbose_name = _("foto kegiatan")
        verbose_name_plural = _("foto kegiatan")


class Penghargaan(models.Model):
    """An award a KIM received (festival round, competition), recorded by Diskominfo: the Prestasi axis."""

    kim = models.ForeignKey("kim.Kim", verbose_name=_("KIM"), on_delete=models.CASCADE, related_name="penghargaan")
    nama = models.CharField(_("nama penghargaan"), max_length=200, help_text=_("mis. Juara II KIM Festival Provinsi"))
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    tanggal = models.DateField(_("tanggal"))
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("penghargaan KIM")
        verbose_name_plural = _("penghargaan KIM")
        ordering = ["-tanggal"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.kim})"


# --- The score's scheme, set by Diskominfo ------------------------------------------------------------


class SkemaQuerySet(models.QuerySet["Skema", "Skema"]):
    def berlaku_untuk(self, bulan: date) -> Skema | None:
        """The scheme in force in this month: the latest that applies from it or earlier."""
        return self.filter(berlaku_mulai__lte=bulan).order_by("-berlaku_mulai").first()


class Skema(models.Model):
    """The weights, targets and levels of the score, applying from the first day of a month on. Diskominfo
    adds a new scheme for a change; one that has computed months is kept as it was (read-only in the admin)."""

    nama = models.CharField(_("nama skema"), max_length=100)
    berlaku_mulai = models.DateField(_("berlaku mulai bulan"), unique=True, help_text=_("Tanggal 1 sebuah bulan."))
    catatan = models.TextField(_("catatan"), blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = SkemaQuerySet.as_manager()

    class Meta:
        verbose_name = _("skema penilaian")
        verbose_name_plural = _("skema penilaian")
        ordering = ["-berlaku_mulai"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.berlaku_mulai:%m/%Y})"

    @property
    def terpakai(self) -> bool:
        return self.skor.exists()


class BobotIndikator(models.Model):
    """One indicator in a scheme: its weight, and the raw value at which it counts in full (target)."""

    skema = models.ForeignKey(Skema, on_delete=models.CASCADE, related_name="bobot")
    indikator = models.CharField(_("indikator"), max_length=60)
    bobot = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2, help_text=_("Dinormalkan bila jumlahnya bukan 100."))
    target = models.FloatField(_("target"), help_text=_("Nilai mentah yang dihitung penuh (100) dalam sebulan."))

    class Meta:
        verbose_name = _("bobot indikator")
        verbose_name_plural = _("bobot indikator")
        constraints = [
            models.UniqueConstraint(fields=["skema", "indikator"], name="penilaian_bobot_unik"),
            models.CheckConstraint(condition=models.Q(bobot__gte=0), name="penilaian_bobot_positif"),
            models.CheckConstraint(condition=models.Q(target__gt=0), name="penilaian_target_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.bobot}"


class Tingkat(models.Model):
    """A level (pemula, madya, utama or whatever the regency calls them) and its score range."""

    skema = models.ForeignKey(Skema, on_delete=models.CASCADE, related_name="tingkat")
    nama = models.CharField(_("nama tingkat"), max_length=60)
    batas_bawah = models.FloatField(_("skor dari"))
    batas_atas = models.FloatField(_("sampai di bawah"), help_text=_("Tingkat tertinggi: 100 (termasuk skor 100)."))

    class Meta:
        verbose_name = _("tingkat")
        verbose_name_plural = _("tingkat")
        ordering = ["batas_bawah"]

    def __str__(self) -> str:
        return self.nama


def tingkat_untuk(tingkat, nilai: float) -> str:
    """The name of the level whose range holds this score (lower bound inclusive; the upper bound too at 100),
    or "" when it falls in none."""
    for t in tingkat:
        if t.batas_bawah <= nilai < t.batas_atas or nilai == t.batas_atas == 100:
            return str(t.nama)
    return ""


class SkorBulanan(models.Model):
    """A KIM's score for one month, as computed with the scheme of that month."""

    kim = models.ForeignKey("kim.Kim", on_delete=models.CASCADE, related_name="skor_bulanan")
    bulan = models.DateField(_("bulan"))
    skema = models.ForeignKey(Skema, on_delete=models.PROTECT, related_name="skor")
    total = models.FloatField(_("skor"))
    # Per axis, 0–100, or absent when none of its indicators applied: {"informasi": 62.5, …}
    per_sumbu = models.JSONField(default=dict)
    tingkat = models.CharField(_("tingkat"), max_length=60, blank=True)
    dihitung_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("skor bulanan")
        verbose_name_plural = _("skor bulanan")
        ordering = ["-bulan"]
        constraints = [models.UniqueConstraint(fields=["kim", "bulan"], name="penilaian_skor_sebulan")]
        indexes = [models.Index(fields=["bulan", "kim"])]

    def __str__(self) -> str:
        return f"{self.kim} {self.bulan:%m/%Y}: {self.total:.0f}"


class NilaiIndikator(models.Model):
    """One indicator's value in a monthly score, with the items that made it (label and link each)."""

    skor = models.ForeignKey(SkorBulanan, on_delete=models.CASCADE, related_name="nilai")
    indikator = models.CharField(max_length=60)
    sumbu = models.CharField(max_length=10, choices=Sumbu.choices)
    label = models.CharField(max_length=200)
    # None: the indicator did not apply this month (e.g. no siaran was sent): left out, weights renormalised.
    mentah = models.FloatField(null=True)
    target = models.FloatField()
    bobot = models.DecimalField(max_digits=6, decimal_places=2)
    nilai = models.FloatField(null=True)
    keterangan = models.CharField(max_length=300, blank=True)
    bukti = models.JSONField(default=list)  # [{"label": "…", "url": "/…"}]

    class Meta:
        ordering = ["sumbu", "indikator"]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.nilai}"


class Pengaturan(models.Model):
    """What Diskominfo makes public about the scores (one row)."""

    terbitkan_tingkat = models.BooleanField(
        _("tampilkan tingkat KIM di halaman publik"),
        default=False,
        help_text=_("Halaman desa dan API menampilkan tingkat dan skor bulan terakhir yang sudah dihitung."),
    )
    peringkat_publik = models.BooleanField(
        _("papan peringkat per kecamatan terbuka untuk umum"),
        default=False,
        help_text=_("Bila tidak, papan peringkat hanya dapat dibuka Diskominfo dan operator kecamatannya."),
    )

    class Meta:
        verbose_name = _("pengaturan penilaian")
        verbose_name_plural = _("pengaturan penilaian")

    def __str__(self) -> str:
        return str(_("Pengaturan penilaian"))

    @classmethod
    def ambil(cls) -> Pengaturan:
        """The settings row, or the defaults (unsaved: a page read never writes) until Diskominfo saves it."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class Kandidat(models.Model):
    """A KIM Diskominfo picked for the regency round of a year's KIM festival."""

    kim = models.ForeignKey("kim.Kim", on_delete=models.CASCADE, related_name="kandidat_festival")
    tahun = models.PositiveSmallIntegerField(_("tahun festival"))
    dipilih_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dipilih_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kandidat festival")
        verbose_name_plural = _("kandidat festival")
        constraints = [models.UniqueConstraint(fields=["kim", "tahun"], name="penilaian_kandidat_sekali")]

    def __str__(self) -> str:
        return f"{self.kim} ({self.tahun})"

    @classmethod
    def ubah(cls, kim, tahun: int, *, pilih: bool, oleh) -> None:
        """Pick the KIM as a candidate of the year, or drop it; audited."""
        with transaction.atomic():
            if pilih:
                obj, baru = cls.objects.get_or_create(kim=kim, tahun=tahun, defaults={"dipilih_oleh": oleh})
                if baru:
                    catat(oleh, PenilaianAksi.PILIH_KANDIDAT, obj, f"{kim} kandidat festival {tahun}", wilayah=kim.wilayah)
            else:
                for obj in cls.objects.filter(kim=kim, tahun=tahun):
                    catat(oleh, PenilaianAksi.BATAL_KANDIDAT, obj, f"{kim} batal kandidat festival {tahun}", wilayah=kim.wilayah)
                    obj.delete()


class Perhitungan(models.Model):
    """A month's scores being computed in the background (a task), with its progress for the page."""

    class Status(models.TextChoices):
        ANTRE = "antre", _("Dalam antrean")
        BERJALAN = "berjalan", _("Sedang dihitung")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    bulan = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRE)
    selesai = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    pesan = models.CharField(max_length=300, blank=True)
    diminta_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)
    diperbarui = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("perhitungan skor")
        verbose_name_plural = _("perhitungan skor")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.bulan:%m/%Y} {self.status}"

    @property
    def persen(self) -> int:
        return 100 * self.selesai // self.total if self.total else 0


# --- Reminders to dormant KIM ------------------------------------------------------------------------------

# A dormant KIM's pengurus are reminded again after this long while it stays dormant.
JEDA_PENGINGAT = timedelta(days=30)


class PengingatTidur(models.Model):
    """A reminder mailed to a dormant KIM's pengurus (no activity reported for JEMBATAN_KIM_TIDUR_HARI days)."""

    kim = models.ForeignKey("kim.Kim", on_delete=models.CASCADE, related_name="pengingat_tidur")
    dikirim_pada = models.DateTimeField(default=timezone.now)
    kegiatan_terakhir = models.DateField(null=True, blank=True)
    jumlah_penerima = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("pengingat KIM tidur")
        verbose_name_plural = _("pengingat KIM tidur")
        ordering = ["-dikirim_pada"]

    def __str__(self) -> str:
        return f"{self.kim} {self.dikirim_pada:%d-%m-%Y}"
