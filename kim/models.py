"""KIM registry: the group of a village, its formation pipeline, its pengurus, and coverage targets."""

from __future__ import annotations

from datetime import date
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, potret
from akun.models import Aksi
from jembatan.lib.domain import PESAN_VERSI_USANG, DomainError, StaleVersion, Versioned
from jembatan.lib.uploads import UploadTo, validate_document, validate_image
from wilayah.models import Level, Wilayah


class Tahap(models.TextChoices):
    BELUM_ADA = "belum_ada", _("Belum ada")
    SOSIALISASI = "sosialisasi", _("Sosialisasi")
    MUSYAWARAH = "musyawarah", _("Musyawarah")
    SK_TERBIT = "sk_terbit", _("SK terbit")
    TERDAFTAR = "terdaftar", _("Terdaftar di Diskominfo")
    AKTIF = "aktif", _("Aktif")
    TIDAK_AKTIF = "tidak_aktif", _("Tidak aktif")
    DIBUBARKAN = "dibubarkan", _("Dibubarkan")


# The formation steps in order; a village moves forward through them.
URUTAN_PEMBENTUKAN: list[str] = [
    Tahap.BELUM_ADA,
    Tahap.SOSIALISASI,
    Tahap.MUSYAWARAH,
    Tahap.SK_TERBIT,
    Tahap.TERDAFTAR,
    Tahap.AKTIF,
]
# A village "has a KIM" for coverage when its KIM is registered or active.
TAHAP_TERCAKUP = frozenset({Tahap.TERDAFTAR, Tahap.AKTIF})
# A village "has no KIM" when it has none on record, one not yet begun, or a dissolved one: one definition
# for the coverage page's heading, its table, the list of villages without one, the home page and exports.
TAHAP_TANPA_KIM = frozenset({Tahap.BELUM_ADA, Tahap.DIBUBARKAN})
# Stages from which the SK must be on record.
TAHAP_BER_SK = frozenset({Tahap.SK_TERBIT, Tahap.TERDAFTAR, Tahap.AKTIF, Tahap.TIDAK_AKTIF})


def aturan_perpindahan(dari: str, ke: str) -> str | None:
    """Whether a village may move from stage `dari` to `ke`.

    Returns None for a normal move, "koreksi" for a backward move (allowed only with a note
    saying why), and raises DomainError when the move is not allowed at all.

    - Formation goes forward, and may skip steps (a KIM formed before it was recorded here).
    - An active KIM may become inactive and active again.
    - Any existing KIM may be dissolved; a dissolved one can only start again at sosialisasi.
    - Going back to an earlier formation step corrects a mistake and needs a note.
    """
    if dari == ke:
        raise DomainError(_("KIM sudah berada pada tahap ini."))
    if ke == Tahap.BELUM_ADA:
        raise DomainError(_("Tahap “Belum ada” tidak dapat dipilih; gunakan “Dibubarkan”."))
    if dari == Tahap.DIBUBARKAN:
        if ke != Tahap.SOSIALISASI:
            raise DomainError(_("KIM yang dibubarkan hanya dapat dibentuk ulang mulai dari sosialisasi."))
        return None
    if ke == Tahap.DIBUBARKAN:
        if dari == Tahap.BELUM_ADA:
            raise DomainError(_("Belum ada KIM yang dapat dibubarkan."))
        return None
    if ke == Tahap.TIDAK_AKTIF:
        if dari not in (Tahap.AKTIF, Tahap.TERDAFTAR):
            raise DomainError(_("Hanya KIM yang terdaftar atau aktif yang dapat dinyatakan tidak aktif."))
        return None
    if dari == Tahap.TIDAK_AKTIF:
        if ke != Tahap.AKTIF:
            raise DomainError(_("KIM yang tidak aktif hanya dapat diaktifkan kembali."))
        return None
    if URUTAN_PEMBENTUKAN.index(ke) < URUTAN_PEMBENTUKAN.index(dari):
        return "koreksi"
    return None


class KimQuerySet(models.QuerySet["Kim", "Kim"]):
    def aktif(self):
        return self.filter(tahap=Tahap.AKTIF)

    def tercakup(self):
        return self.filter(tahap__in=TAHAP_TERCAKUP)

    def di_kabupaten(self, kode: str):
        return self.filter(wilayah__kabupaten_kode=kode)

    def publik(self):
        """KIM that appear in the public directory: every stage from sosialisasi on, not dissolved."""
        return self.exclude(tahap__in=[Tahap.BELUM_ADA, Tahap.DIBUBARKAN])

    def pindahkan_tahap(
        self,
        wilayah: Wilayah,
        ke: str,
        *,
        tanggal: date,
        catatan: str,
        oleh,
        versi: int,
        nomor_sk: str = "",
        tanggal_sk: date | None = None,
    ) -> Kim:
        """Move a village's KIM to stage `ke`, recording who, when and why (timeline and audit trail).

        `versi` is the KIM version the user saw (0 when the village had no KIM): if someone else changed
        it meanwhile the move is refused (StaleVersion) and nothing is written. A village without a KIM
        gets one, named after the village, at its first step. Rules: `aturan_perpindahan`; no dates in
        the future or before the last step; SK stages need the SK number and date."""
        today = timezone.localdate()
        if tanggal > today:
            raise DomainError(_("Tanggal tidak boleh di masa depan."))
        try:
            with transaction.atomic():
                kim: Kim | None = self.select_for_update().filter(wilayah=wilayah).first()
                if (kim.versi if kim else 0) != versi:
                    raise StaleVersion(
                        _(
                            "Data KIM ini baru saja diubah oleh pengguna lain. Perubahan Anda belum disimpan; "
                            "periksa tahap terbaru di bawah lalu ulangi bila masih perlu."
                        )
                    )
                dari = kim.tahap if kim else Tahap.BELUM_ADA
                jenis = aturan_perpindahan(dari, ke)
                if jenis == "koreksi" and not catatan.strip():
                    raise DomainError(_("Mundur ke tahap sebelumnya adalah koreksi: tuliskan alasannya di catatan."))
                if kim is not None:
                    last = kim.riwayat.order_by("-tanggal", "-id").first()
                    if last and tanggal < last.tanggal:
                        raise DomainError(
                            _("Tanggal tidak boleh sebelum langkah terakhir (%(tgl)s).") % {"tgl": last.tanggal.isoformat()}
                        )
                if kim is None:
                    kim = Kim(wilayah=wilayah, nama=f"KIM {wilayah.nama}", versi=0)
                sebelum = potret(kim, ["tanggal_tahap", "nomor_sk", "tanggal_sk"])
                if ke in TAHAP_BER_SK:
                    kim.nomor_sk = nomor_sk.strip() or kim.nomor_sk
                    kim.tanggal_sk = tanggal_sk or kim.tanggal_sk
                    # punya_sk covers the date too; the explicit test lets mypy see it is set below.
                    if not kim.punya_sk or kim.tanggal_sk is None:
                        raise DomainError(_("Tahap ini memerlukan nomor dan tanggal SK."))
                    if kim.tanggal_sk > today:
                        raise DomainError(_("Tanggal SK tidak boleh di masa depan."))
                kim.tahap = ke
                kim.tanggal_tahap = tanggal
                kim.versi += 1
                kim.save()
                RiwayatTahap.objects.create(kim=kim, dari=dari, ke=ke, tanggal=tanggal, catatan=catatan.strip(), oleh=oleh)
                with translation.override(settings.LANGUAGE_CODE):  # the audit trail is kept in one language
                    label_dari, label_ke = str(Tahap(dari).label), str(Tahap(ke).label)
                catat(
                    oleh,
                    Aksi.TAHAP,
                    kim,
                    f"{wilayah.nama}: {label_dari} → {label_ke}",
                    wilayah=wilayah,
                    sebelum={"tahap": label_dari, **sebelum},
                    sesudah={"tahap": label_ke, **potret(kim, sebelum)},
                )
        except IntegrityError:
            # Two first steps for the same village at the same moment: the unique village link keeps one.
            raise StaleVersion(
                _("Desa ini baru saja dicatat oleh pengguna lain. Muat ulang halaman untuk melihat tahap terbarunya.")
            ) from None
        return kim


nomor_telepon = RegexValidator(r"^\+?[0-9 \-]{8,20}$", _("Masukkan nomor telepon yang sah, mis. 0812 3456 7890."))


class Kim(Versioned):
    wilayah = models.OneToOneField(
        Wilayah, verbose_name=_("desa/kelurahan atau kecamatan"), on_delete=models.PROTECT, related_name="kim"
    )
    nama = models.CharField(_("nama KIM"), max_length=150)
    tahap = models.CharField(_("tahap"), max_length=12, choices=Tahap.choices, default=Tahap.BELUM_ADA, db_index=True)
    tanggal_tahap = models.DateField(_("tanggal tahap"), null=True, blank=True)

    profil = models.TextField(_("profil singkat"), blank=True, max_length=3000)
    alamat = models.CharField(_("alamat sekretariat"), max_length=255, blank=True)
    email_kontak = models.EmailField(_("email kontak"), blank=True)
    telepon_kontak = models.CharField(_("telepon/WhatsApp kontak"), max_length=20, blank=True, validators=[nomor_telepon])
    kontak_publik = models.BooleanField(
        _("tampilkan kontak di halaman publik"),
        default=False,
        help_text=_("Kontak resmi KIM (bukan nomor pribadi pengurus). Bawaan: tidak ditampilkan."),
    )
    tanggal_berdiri = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    penandatangan_sk = models.CharField(_("penandatangan SK"), max_length=150, blank=True)
    berkas_sk = models.FileField(
        _("pindaian SK"),
        upload_to=UploadTo("kim/sk/%Y"),
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, JPEG atau PNG."),
    )
    berkas_adart = models.FileField(
        _("AD/ART"),
        upload_to=UploadTo("kim/adart/%Y"),
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, JPEG atau PNG."),
    )
    nomor_kimid = models.CharField(
        _("nomor registrasi KIM.id"),
        max_length=50,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z0-9./\-]+$", _("Hanya huruf, angka, titik, garis miring dan tanda hubung."))],
    )
    logo = models.ImageField(_("logo"), upload_to=UploadTo("kim/logo"), blank=True, validators=[validate_image])
    situs = models.URLField(_("situs web"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    boleh_terbit_sendiri = models.BooleanField(
        _("pengurus boleh menerbitkan warta desanya sendiri"),
        default=False,
        help_text=_("Diatur Diskominfo. Bila tidak, warta KIM ini diperiksa dan diterbitkan Diskominfo."),
    )
    demo = models.BooleanField(_("data demo"), default=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = KimQuerySet.as_manager()

    class Meta:
        verbose_name = _("KIM")
        verbose_name_plural = _("KIM")
        ordering = ["wilayah_id"]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("beranda:wilayah", args=[self.wilayah_id])

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.tanggal_sk and self.tanggal_sk > today:
            errors["tanggal_sk"] = _("Tanggal SK tidak boleh di masa depan.")
        if self.tanggal_berdiri and self.tanggal_berdiri > today:
            errors["tanggal_berdiri"] = _("Tanggal berdiri tidak boleh di masa depan.")
        if self.wilayah_id and self.wilayah.level not in (Level.DESA, Level.KECAMATAN):
            errors["wilayah"] = _("KIM dibentuk di desa/kelurahan atau kecamatan.")
        if errors:
            raise ValidationError(errors)

    @property
    def tercakup(self) -> bool:
        return self.tahap in TAHAP_TERCAKUP

    @property
    def punya_sk(self) -> bool:
        return bool(self.nomor_sk and self.tanggal_sk)

    def pengurus_menjabat(self, today: date | None = None):
        return self.pengurus.menjabat(today or timezone.localdate())

    def simpan_profil(self, *, oleh, versi: int) -> None:
        """Save the profile as edited (the form's values already set on this object) unless someone changed
        it since the form was opened (`versi`, 0 for a village without a KIM yet); audited with its diff."""
        try:
            with transaction.atomic():
                lama = Kim.objects.select_for_update().filter(pk=self.pk).first() if self.pk else None
                sebelum = potret(lama or Kim(wilayah_id=self.wilayah_id), KOLOM_PROFIL)
                self.bump_version(versi)
                self.save()
                catat(oleh, Aksi.UBAH_KIM, self, f"Profil {self.nama} diubah", wilayah=self.wilayah, sebelum=sebelum)
        except IntegrityError:  # the village got a KIM meanwhile
            raise StaleVersion(PESAN_VERSI_USANG) from None


# What the profile form edits, and the audit trail compares.
KOLOM_PROFIL = [
    "nama",
    "profil",
    "alamat",
    "email_kontak",
    "telepon_kontak",
    "kontak_publik",
    "tanggal_berdiri",
    "nomor_sk",
    "tanggal_sk",
    "penandatangan_sk",
    "berkas_sk",
    "berkas_adart",
    "nomor_kimid",
    "logo",
    "situs",
    "facebook",
    "instagram",
    "youtube",
    "boleh_terbit_sendiri",
]


class RiwayatTahap(models.Model):
    """One step of a village's formation pipeline; the list of them is its timeline."""

    kim = models.ForeignKey(Kim, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField(max_length=12, choices=Tahap.choices)
    ke = models.CharField(max_length=12, choices=Tahap.choices)
    tanggal = models.DateField(_("tanggal"))
    catatan = models.TextField(_("catatan"), blank=True, max_length=2000)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dicatat = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["tanggal", "id"]
        verbose_name = _("riwayat tahap")
        verbose_name_plural = _("riwayat tahap")

    def __str__(self) -> str:
        return f"{self.kim}: {self.get_dari_display()} → {self.get_ke_display()} ({self.tanggal})"


class Jabatan(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    WAKIL_KETUA = "wakil_ketua", _("Wakil ketua")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    BENDAHARA = "bendahara", _("Bendahara")
    SEKSI = "seksi", _("Seksi")
    ANGGOTA = "anggota", _("Anggota")


URUTAN_JABATAN = {j: i for i, j in enumerate(Jabatan.values)}


class PengurusQuerySet(models.QuerySet["Pengurus", "Pengurus"]):
    def menjabat(self, today: date) -> Self:
        """Those whose term covers `today`."""
        return self.filter(mulai__lte=today).filter(models.Q(selesai__isnull=True) | models.Q(selesai__gte=today))

    def selesai_sebelum(self, today: date) -> Self:
        return self.filter(selesai__lt=today)


# What the pengurus form edits; the personal fields among them are never written into the audit trail.
KOLOM_PENGURUS = ["nama", "jabatan", "nama_seksi", "mulai", "selesai", "alasan_selesai", "telepon", "alamat", "nik"]
KOLOM_PRIBADI = ("nik", "telepon", "alamat")


class Pengurus(Versioned):
    """A pengurus or member of a KIM for one term. Leaving sets `selesai`; the row is kept."""

    kim = models.ForeignKey(Kim, on_delete=models.CASCADE, related_name="pengurus")
    nama = models.CharField(_("nama"), max_length=150)
    jabatan = models.CharField(_("jabatan"), max_length=12, choices=Jabatan.choices)
    nama_seksi = models.CharField(
        _("nama seksi"), max_length=100, blank=True, help_text=_("Wajib untuk jabatan seksi, mis. Informasi.")
    )
    mulai = models.DateField(_("mulai menjabat"))
    selesai = models.DateField(_("selesai menjabat"), null=True, blank=True)
    alasan_selesai = models.CharField(_("alasan selesai"), max_length=255, blank=True)
    # Personal data (Law 27/2022): optional, visible only to editors in scope, never public.
    nik = models.CharField(
        _("NIK"), max_length=16, blank=True, validators=[RegexValidator(r"^\d{16}$", _("NIK terdiri atas 16 angka."))]
    )
    telepon = models.CharField(_("telepon"), max_length=20, blank=True, validators=[nomor_telepon])
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    demo = models.BooleanField(default=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    objects = PengurusQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengurus/anggota")
        verbose_name_plural = _("pengurus dan anggota")
        ordering = ["kim_id", "selesai", "mulai", "id"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan_lengkap})"

    @property
    def jabatan_urut(self) -> int:
        return URUTAN_JABATAN[self.jabatan]

    @property
    def jabatan_lengkap(self) -> str:
        if self.jabatan == Jabatan.SEKSI and self.nama_seksi:
            return _("Seksi %(nama)s") % {"nama": self.nama_seksi}
        return self.get_jabatan_display()

    def simpan(self, *, oleh, versi: int) -> None:
        """Add this pengurus or member, or save the edited data unless someone changed it since the form was
        opened (`versi`); audited, personal data as "changed" only."""
        baru = self.pk is None
        with transaction.atomic():
            lama = None if baru else Pengurus.objects.select_for_update().filter(pk=self.pk).first()
            sebelum = potret(lama or Pengurus(), KOLOM_PENGURUS)
            self.bump_version(versi)
            self.save()
            if baru:
                ringkasan, aksi = f"{self.nama} ({self.jabatan_lengkap}) ditambahkan ke {self.kim.nama}", Aksi.TAMBAH_PENGURUS
            else:
                ringkasan, aksi = f"Data {self.nama} ({self.kim.nama}) diubah", Aksi.UBAH_PENGURUS
            catat(oleh, aksi, self, ringkasan, wilayah=self.kim.wilayah, sebelum=sebelum, rahasia=KOLOM_PRIBADI)

    def akhiri(self, *, selesai: date, alasan: str, oleh) -> None:
        """End this person's term; the row stays as history."""
        if self.selesai is not None:
            raise DomainError(_("Masa jabatan ini sudah berakhir."))
        if selesai < self.mulai:
            raise DomainError(_("Masa jabatan tidak boleh berakhir sebelum dimulai."))
        if selesai > timezone.localdate():
            raise DomainError(_("Tanggal selesai tidak boleh di masa depan."))
        with transaction.atomic():
            sebelum = potret(self, ["selesai", "alasan_selesai"])
            self.selesai, self.alasan_selesai = selesai, alasan
            self.save(update_fields=["selesai", "alasan_selesai", "diubah"])
            catat(
                oleh,
                Aksi.AKHIRI_PENGURUS,
                self,
                f"{self.nama} selesai sebagai {self.jabatan_lengkap} ({self.kim.nama})",
                wilayah=self.kim.wilayah,
                sebelum=sebelum,
            )

    def clean(self):
        errors = {}
        if self.jabatan == Jabatan.SEKSI and not self.nama_seksi.strip():
            errors["nama_seksi"] = _("Tuliskan nama seksinya, mis. Informasi.")
        if self.mulai and self.selesai and self.selesai < self.mulai:
            errors["selesai"] = _("Masa jabatan tidak boleh berakhir sebelum dimulai.")
        if self.mulai and self.mulai > timezone.localdate():
            errors["mulai"] = _("Tanggal mulai tidak boleh di masa depan.")
        if errors:
            raise ValidationError(errors)


class TargetCakupan(Versioned):
    """The number of villages Diskominfo aims to have with a registered or active KIM by year end."""

    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jumlah_desa = models.PositiveIntegerField(_("target jumlah desa/kelurahan ber-KIM"))
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)
    diubah = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wilayah", "tahun"], name="target_satu_per_tahun")]
        ordering = ["-tahun"]

    def __str__(self) -> str:
        return f"{self.tahun}: {self.jumlah_desa}"

    def simpan(self, *, oleh, versi: int) -> None:
        """Set (or change) the year's target unless someone changed it since the form was opened; audited."""
        with transaction.atomic():
            lama = TargetCakupan.objects.select_for_update().filter(pk=self.pk).first() if self.pk else None
            sebelum = potret(lama or TargetCakupan(), ["jumlah_desa"])
            self.bump_version(versi)
            self.diubah_oleh = oleh
            self.save()
            catat(
                oleh,
                Aksi.TARGET,
                self,
                f"Target {self.tahun}: {self.jumlah_desa} desa/kelurahan",
                wilayah=self.wilayah,
                sebelum=sebelum,
            )
