"""API keys for partner organisations: each has its own hourly limit on the rate-limited endpoints.

The clear key is made once, shown once to the admin who creates it, and never stored: the row keeps the
SHA-256 of the key (the key is a 256-bit random token, so a fast hash is enough) and a short prefix that
names the key in lists and in the audit trail without revealing it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, daftarkan_aksi, potret
from jembatan.lib.domain import DomainError

AWALAN = "jbt_"
# The prefix kept in the clear: "jbt_" and the first 8 characters of the random part (48 of its 256 bits).
PANJANG_AWALAN = len(AWALAN) + 8
# Longer than any key this code makes; anything longer is not looked up at all.
PANJANG_MAKS = 100
# The last-used time is written at most this often per key.
SELANG_PAKAI = timedelta(minutes=1)


@daftarkan_aksi
class AksiApi(models.TextChoices):
    BUAT_KUNCI = "api_buat_kunci", _("Kunci API dibuat")
    UBAH_KUNCI = "api_ubah_kunci", _("Kunci API diubah")
    CABUT_KUNCI = "api_cabut_kunci", _("Kunci API dicabut")


# What an admin may change on a key after it is made (and the audit trail compares).
KOLOM_UBAH = ["organisasi", "email_kontak", "batas_per_jam"]


def hash_kunci(kunci: str) -> str:
    return hashlib.sha256(kunci.encode()).hexdigest()


class KunciApiQuerySet(models.QuerySet["KunciApi", "KunciApi"]):
    def aktif(self) -> KunciApiQuerySet:
        return self.filter(dicabut__isnull=True)

    def dari_kunci(self, kunci: str) -> KunciApi | None:
        """The key row for a clear key as a partner sends it, revoked or not (None when unknown)."""
        if not kunci.startswith(AWALAN) or len(kunci) > PANJANG_MAKS:
            return None
        return self.filter(kunci_hash=hash_kunci(kunci)).first()


class KunciApi(models.Model):
    organisasi = models.CharField(_("organisasi"), max_length=150)
    email_kontak = models.EmailField(_("email kontak"), help_text=_("Siapa yang dihubungi tentang pemakaian kunci ini."))
    batas_per_jam = models.PositiveIntegerField(
        _("batas permintaan per jam"),
        default=1000,
        validators=[MinValueValidator(1)],
        help_text=_("Berapa kali kunci ini boleh memanggil endpoint yang dibatasi dalam satu jam."),
    )
    awalan = models.CharField(_("awalan"), max_length=PANJANG_AWALAN, editable=False)
    kunci_hash = models.CharField(max_length=64, unique=True, editable=False)
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    dicabut = models.DateTimeField(_("dicabut"), null=True, blank=True, editable=False)
    terakhir_dipakai = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True, editable=False)

    objects = KunciApiQuerySet.as_manager()

    # The clear key, set only on the instance that has just made it (for the one page that shows it).
    kunci_baru: str | None = None

    class Meta:
        verbose_name = _("kunci API")
        verbose_name_plural = _("kunci API")
        ordering = ["-dibuat", "-id"]

    def __str__(self) -> str:
        return f"{self.organisasi} ({self.awalan}…)"

    @property
    def is_aktif(self) -> bool:
        return self.dicabut is None

    def buat(self, *, oleh) -> str:
        """Save this new key (organisation, contact and limit already set) with a fresh random key, record
        it in the audit trail, and return the clear key, which exists nowhere else from now on (also kept on
        `kunci_baru` of this instance, for the page that shows it once)."""
        if self.pk is not None:
            raise ValueError("a key is made once: make another KunciApi for a new key")
        kunci = AWALAN + secrets.token_urlsafe(32)
        self.awalan, self.kunci_hash = kunci[:PANJANG_AWALAN], hash_kunci(kunci)
        self.dibuat_oleh = oleh
        with transaction.atomic():
            self.save()
            catat(
                oleh,
                AksiApi.BUAT_KUNCI,
                self,
                f"Kunci API {self.awalan}… untuk {self.organisasi} dibuat",
                sesudah=potret(self, KOLOM_UBAH),
                rahasia=["email_kontak"],
            )
        self.kunci_baru = kunci
        return kunci

    def ubah(self, *, oleh, sebelum: dict) -> None:
        """Save the organisation, contact or limit an admin changed; `sebelum` is the potret taken before.
        A save that changes nothing writes nothing."""
        if potret(self, KOLOM_UBAH) == sebelum:
            return
        with transaction.atomic():
            self.save(update_fields=KOLOM_UBAH)
            catat(
                oleh,
                AksiApi.UBAH_KUNCI,
                self,
                f"Kunci API {self.awalan}… untuk {self.organisasi} diubah",
                sebelum=sebelum,
                rahasia=["email_kontak"],
            )

    def cabut(self, *, oleh) -> None:
        """Revoke the key for good: from now on every request that sends it is refused (401)."""
        with transaction.atomic():
            now = timezone.now()
            if not KunciApi.objects.aktif().filter(pk=self.pk).update(dicabut=now):
                raise DomainError(_("Kunci API ini sudah dicabut."))
            self.dicabut = now
            catat(oleh, AksiApi.CABUT_KUNCI, self, f"Kunci API {self.awalan}… untuk {self.organisasi} dicabut")

    def tandai_dipakai(self) -> None:
        """Note that the key was used now, writing to the database at most once a minute per key."""
        now = timezone.now()
        if self.terakhir_dipakai is not None and now - self.terakhir_dipakai < SELANG_PAKAI:
            return
        basi = Q(terakhir_dipakai__isnull=True) | Q(terakhir_dipakai__lt=now - SELANG_PAKAI)
        KunciApi.objects.filter(basi, pk=self.pk).update(terakhir_dipakai=now)
        self.terakhir_dipakai = now
