"""Users, their one role and its scope in the region tree, invitations and the audit trail."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jembatan.lib.domain import DomainError, Versioned
from wilayah.models import Level


class Peran(models.TextChoices):
    ADMIN = "admin", _("Admin Diskominfo")
    VERIFIKATOR = "verifikator", _("Verifikator")
    OPERATOR = "operator", _("Operator kecamatan")
    PEMDES = "pemdes", _("Pemerintah desa/kelurahan")
    PENGURUS = "pengurus", _("Pengurus KIM")
    ANGGOTA = "anggota", _("Anggota KIM")
    WARGA = "warga", _("Warga")
    # The information officer of a regency office under PPID Utama; which unit(s) is kept by the ppid module.
    PPID_PEMBANTU = "pembantu", _("PPID Pembantu (perangkat daerah)")


# The level of region each role is scoped to; None means the whole regency (no scope region).
LEVEL_CAKUPAN: dict[str, Level | None] = {
    Peran.ADMIN: None,
    Peran.VERIFIKATOR: None,
    Peran.OPERATOR: Level.KECAMATAN,
    Peran.PEMDES: Level.DESA,
    Peran.PENGURUS: Level.DESA,
    Peran.ANGGOTA: Level.DESA,
    Peran.WARGA: None,
    Peran.PPID_PEMBANTU: None,
}


def validasi_cakupan(peran: str, wilayah) -> None:
    """A role's scope must be a region of the right level inside the deployment's kabupaten."""
    level = LEVEL_CAKUPAN[peran]
    if level is None:
        if wilayah is not None:
            raise ValidationError({"wilayah": _("Peran ini berlaku untuk seluruh kabupaten; kosongkan wilayah.")})
        return
    if wilayah is None:
        raise ValidationError({"wilayah": _("Peran ini memerlukan wilayah.")})
    if wilayah.kabupaten_kode != settings.JEMBATAN_KABUPATEN:
        raise ValidationError({"wilayah": _("Wilayah harus berada di kabupaten ini.")})
    # Pengurus and anggota may also belong to a kecamatan-level KIM.
    allowed = {level}
    if peran in (Peran.PENGURUS, Peran.ANGGOTA):
        allowed.add(Level.KECAMATAN)
    if wilayah.level not in allowed:
        raise ValidationError({"wilayah": _("Wilayah untuk peran ini harus %(level)s.") % {"level": Level(level).label.lower()}})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("email wajib")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("peran", Peran.ADMIN)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin, Versioned):
    email = models.EmailField(_("email"), unique=True)
    nama = models.CharField(_("nama"), max_length=150)
    peran = models.CharField(_("peran"), max_length=12, choices=Peran.choices, default=Peran.WARGA)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah",
        verbose_name=_("wilayah cakupan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    is_staff = models.BooleanField(_("akses halaman admin Django"), default=False)
    demo = models.BooleanField(_("data demo"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["nama"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama or self.email

    def get_full_name(self) -> str:
        return self.nama

    def get_short_name(self) -> str:
        return self.nama.split(" ")[0] if self.nama else self.email

    def clean(self):
        super().clean()
        validasi_cakupan(self.peran, self.wilayah)

    def simpan_oleh_admin(self, *, oleh: User, versi: int) -> None:
        """Save the role, scope, name and active flag as Diskominfo edited them (audited with the diff).
        Nobody switches off their own account: there would be no one left to switch it back on."""
        from akun.audit import catat, potret  # audit imports these models

        if self.pk == oleh.pk and not self.is_active:
            raise DomainError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
        with transaction.atomic():
            lama = User.objects.select_for_update().get(pk=self.pk)
            sebelum = potret(lama, KOLOM_PENGGUNA)
            self.bump_version(versi)
            self.save()
            catat(oleh, Aksi.UBAH_PENGGUNA, self, f"Akun {self.email} diubah", wilayah=self.wilayah, sebelum=sebelum)


# What Diskominfo edits on an account (and the audit trail compares).
KOLOM_PENGGUNA = ["nama", "peran", "wilayah", "is_active"]


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UndanganQuerySet(models.QuerySet["Undangan", "Undangan"]):
    def terbuka(self, now=None):
        return self.filter(dipakai__isnull=True, dibatalkan=False, kedaluwarsa__gt=now or timezone.now())


class Undangan(models.Model):
    """An invitation by link: the token is mailed once and only its hash is stored."""

    email = models.EmailField(_("email"))
    nama = models.CharField(_("nama"), max_length=150)
    peran = models.CharField(_("peran"), max_length=12, choices=Peran.choices)
    wilayah = models.ForeignKey(
        "wilayah.Wilayah", verbose_name=_("wilayah"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    kedaluwarsa = models.DateTimeField()
    dipakai = models.DateTimeField(null=True, blank=True)
    dibatalkan = models.BooleanField(default=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = UndanganQuerySet.as_manager()

    class Meta:
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_peran_display()})"

    @classmethod
    def buat(cls, *, email, nama, peran, wilayah, oleh) -> tuple[Undangan, str]:
        """Create an invitation (audited); returns it with the clear token (shown or mailed once)."""
        from akun.audit import catat  # audit imports these models

        token = secrets.token_urlsafe(32)
        with transaction.atomic():
            undangan = cls.objects.create(
                email=email.lower(),
                nama=nama,
                peran=peran,
                wilayah=wilayah,
                token_hash=_hash_token(token),
                dibuat_oleh=oleh,
                kedaluwarsa=timezone.now() + timedelta(days=settings.JEMBATAN_INVITATION_DAYS),
            )
            ringkasan = f"Undangan {undangan.get_peran_display()} untuk {undangan.email}"
            catat(oleh, Aksi.UNDANG, undangan, ringkasan, wilayah=wilayah, sesudah={"peran": peran, "wilayah": wilayah})
        return undangan, token

    def batalkan(self, *, oleh: User) -> None:
        """Withdraw an invitation that has not been used; its link stops working."""
        from akun.audit import catat  # audit imports these models

        with transaction.atomic():
            if not Undangan.objects.terbuka().filter(pk=self.pk).update(dibatalkan=True):
                raise DomainError(_("Undangan ini sudah dipakai, dibatalkan, atau kedaluwarsa."))
            self.dibatalkan = True
            catat(oleh, Aksi.BATAL_UNDANGAN, self, f"Undangan untuk {self.email} dibatalkan", wilayah=self.wilayah)

    def terima(self, *, nama: str, password: str) -> User:
        """Create the invited account with the role and scope of the invitation; the link is then used up."""
        from akun.audit import catat  # audit imports these models

        with transaction.atomic():
            if not Undangan.objects.terbuka().filter(pk=self.pk).select_for_update().exists():
                raise DomainError(_("Undangan ini sudah dipakai atau tidak berlaku lagi."))
            if User.objects.filter(email__iexact=self.email).exists():
                raise DomainError(_("Sudah ada akun dengan email ini. Silakan masuk."))
            user = User.objects.create_user(self.email, password, nama=nama, peran=self.peran, wilayah=self.wilayah)
            Undangan.objects.filter(pk=self.pk).update(dipakai=timezone.now(), user=user)
            ringkasan = f"{user.email} menerima undangan sebagai {user.get_peran_display()}"
            catat(user, Aksi.TERIMA_UNDANGAN, user, ringkasan, wilayah=user.wilayah)
        return user

    @classmethod
    def dari_token(cls, token: str) -> Undangan | None:
        return cls.objects.terbuka().filter(token_hash=_hash_token(token)).select_related("wilayah").first()


class Aksi(models.TextChoices):
    """Every kind of change the audit trail records, grouped by the module that makes it."""

    # akun
    UNDANG = "undang", _("Undangan dikirim")
    BATAL_UNDANGAN = "batal_undangan", _("Undangan dibatalkan")
    TERIMA_UNDANGAN = "terima_undangan", _("Undangan diterima")
    UBAH_PENGGUNA = "ubah_pengguna", _("Akun diubah")
    # kim
    TAHAP = "tahap", _("Tahap KIM dicatat")
    UBAH_KIM = "ubah_kim", _("Profil KIM diubah")
    TAMBAH_PENGURUS = "tambah_pengurus", _("Pengurus ditambahkan")
    UBAH_PENGURUS = "ubah_pengurus", _("Data pengurus diubah")
    AKHIRI_PENGURUS = "akhiri_pengurus", _("Masa jabatan diakhiri")
    TARGET = "target", _("Target cakupan diatur")
    # warta
    AJUKAN_BERITA = "ajukan_berita", _("Berita diajukan")
    TERBIT_BERITA = "terbit_berita", _("Berita diterbitkan")
    KEMBALIKAN_BERITA = "kembalikan_berita", _("Berita dikembalikan")
    UBAH_BERITA = "ubah_berita", _("Berita terbit diubah")
    RALAT = "ralat", _("Ralat ditambahkan")
    # cekfakta
    AJUKAN_PUTUSAN = "ajukan", _("Putusan diajukan untuk disetujui")
    TERBIT_PUTUSAN = "terbit", _("Putusan diterbitkan")
    UBAH_PUTUSAN = "ubah_putusan", _("Putusan terbit diubah")
    GABUNG_KLAIM = "gabung", _("Klaim digabungkan")
    PISAH_LAPORAN = "pisah", _("Laporan dipisahkan")
    # diskusi
    KOMENTAR_SETUJUI = "komentar_setujui", _("Komentar disetujui")
    KOMENTAR_TOLAK = "komentar_tolak", _("Komentar ditolak")
    KOMENTAR_SEMBUNYIKAN = "komentar_sembunyikan", _("Komentar disembunyikan")
    # siaran
    KIRIM_SIARAN = "kirim_siaran", _("Siaran dikirim")
    INGATKAN_SIARAN = "ingatkan_siaran", _("Pengingat siaran dikirim")
    TERIMA_SIARAN = "terima_siaran", _("Siaran diterima")
    TERUSKAN_SIARAN = "teruskan_siaran", _("Siaran diteruskan")
    # potensi
    AJUKAN_POTENSI = "ajukan_potensi", _("Potensi diajukan")
    SETUJUI_POTENSI = "setujui_potensi", _("Potensi disetujui")
    KEMBALIKAN_POTENSI = "kembalikan_potensi", _("Potensi dikembalikan")
    KONFIRMASI_POTENSI = "konfirmasi_potensi", _("Potensi dikonfirmasi masih berlaku")
    UBAH_POTENSI = "ubah_potensi", _("Potensi terbit diubah")


class Audit(models.Model):
    """Who changed what and when. Written by akun.audit.catat(); never edited."""

    waktu = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # No `choices` here: each module declares its own actions (a TextChoices registered with
    # akun.audit.daftarkan_aksi), so a new module's actions need no migration of akun.
    aksi = models.CharField(max_length=40, db_index=True)
    objek_tipe = models.CharField(max_length=40)
    objek_id = models.CharField(max_length=40)
    wilayah = models.ForeignKey("wilayah.Wilayah", null=True, on_delete=models.SET_NULL, related_name="+")
    ringkasan = models.CharField(max_length=255)
    perubahan = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["objek_tipe", "objek_id"])]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.user}: {self.ringkasan}"


class DeliveryRecord(models.Model):
    """One form delivery that was stored, so a second delivery of the same filled form is recognised.

    `fingerprint` digests the form's address, its idempotency key and everything typed (see
    `akun.sekali`); its unique index is what holds when two deliveries arrive at once."""

    fingerprint = models.CharField(max_length=64, unique=True)
    location = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.fingerprint[:12]} → {self.location}"
