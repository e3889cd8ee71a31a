"""Comments on any public object (news, potentials, programs, verdicts), their reports, and the blocklist."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, daftarkan_aksi, potret
from akun.models import Aksi
from jembatan.lib.domain import DomainError
from jembatan.lib.pagecache import invalidate

if TYPE_CHECKING:
    from akun.models import User

# Replies thread to this depth; a reply to a comment at the deepest level becomes its sibling.
KEDALAMAN_MAKS = 3
ISI_MAKS = 3000
# Reports from this many different clients hide a comment until a moderator looks at it.
ADUAN_SEMBUNYIKAN = 3


@daftarkan_aksi
class AksiDiskusi(models.TextChoices):
    TANGGAPAN_RESMI = "diskusi_tanggapan_resmi", _("Tanggapan resmi ditulis")


class Sikap(models.TextChoices):
    """A commenter's stance on what the page proposes (offered only where the page asks for it)."""

    MENDUKUNG = "mendukung", _("Mendukung")
    NETRAL = "netral", _("Netral")
    KEBERATAN = "keberatan", _("Keberatan")


class Status(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu moderasi")
    TAMPIL = "tampil", _("Tampil")
    DITOLAK = "ditolak", _("Ditolak")
    DISEMBUNYIKAN = "disembunyikan", _("Disembunyikan")


PESAN_ALASAN_WAJIB = _("Tuliskan alasannya; alasan tampil di log moderasi publik.")
PESAN_SUDAH = {
    Status.TAMPIL: _("Komentar ini sudah tampil; tidak ada yang diubah."),
    Status.DITOLAK: _("Komentar ini sudah ditolak; tidak ada yang diubah."),
    Status.DISEMBUNYIKAN: _("Komentar ini sudah disembunyikan; tidak ada yang diubah."),
}


class KomentarQuerySet(models.QuerySet["Komentar", "Komentar"]):
    def untuk(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def tampil(self):
        return self.filter(status=Status.TAMPIL)

    def dihapus(self):
        """Removed by a moderator, by the blocklist or by readers' reports: what the public log lists."""
        return self.filter(status__in=[Status.DITOLAK, Status.DISEMBUNYIKAN])

    def perlu_tinjau(self):
        """Held for approval, or hidden by readers' reports and not yet looked at by a moderator."""
        return self.filter(models.Q(status=Status.MENUNGGU) | models.Q(status=Status.DISEMBUNYIKAN, dimoderasi_oleh__isnull=True))


class Komentar(models.Model):
    """One comment. The email is private: it is used only to tell the author of a reply, when asked."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    objek = GenericForeignKey("content_type", "object_id")
    # A copy of the commented object's region when it was written, so moderators' lists are one query.
    wilayah = models.ForeignKey("wilayah.Wilayah", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="balasan")
    kedalaman = models.PositiveSmallIntegerField(default=1)
    nama = models.CharField(_("nama"), max_length=80)
    email = models.EmailField(_("email"), blank=True)
    kabari = models.BooleanField(_("kabari bila ada balasan"), default=False)
    isi = models.TextField(_("komentar"), max_length=ISI_MAKS)
    status = models.CharField(_("status"), max_length=13, choices=Status.choices, default=Status.MENUNGGU, db_index=True)
    alasan = models.CharField(_("alasan"), max_length=200, blank=True)
    # A keyed hash of the client address (never the address itself), for rate limits, reports and
    # recognising a returning commenter.
    klien = models.CharField(max_length=32, db_index=True)
    dibuat = models.DateTimeField(_("dikirim"), default=timezone.now, db_index=True)
    dimoderasi = models.DateTimeField(_("dimoderasi"), null=True, blank=True)
    dimoderasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diberi_tahu = models.DateTimeField(null=True, blank=True)  # the parent's author was told of this reply
    # Optional, on top-level comments of pages that ask for a stance (`komentar_sikap`).
    sikap = models.CharField(_("sikap"), max_length=10, choices=Sikap.choices, blank=True, default="")
    # An official answer: a reply written by someone the page's module allowed to answer for it.
    resmi = models.BooleanField(_("tanggapan resmi"), default=False)
    penjawab = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # On a top-level comment: when it first got an official answer.
    ditanggapi = models.DateTimeField(_("ditanggapi"), null=True, blank=True)

    objects = KomentarQuerySet.as_manager()

    class Meta:
        verbose_name = _("komentar")
        verbose_name_plural = _("komentar")
        ordering = ["dibuat", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]

    def __str__(self) -> str:
        return f"{self.nama}: {self.isi[:60]}"

    def get_absolute_url(self) -> str:
        url = getattr(self.objek, "get_absolute_url", None)
        return f"{url()}#komentar-{self.pk}" if url else ""

    @property
    def jumlah_aduan_baru(self) -> int:
        """Reports since a moderator last looked at the comment."""
        aduan = self.aduan.all()
        if self.dimoderasi is not None:
            aduan = aduan.filter(dibuat__gt=self.dimoderasi)
        return aduan.values("klien").distinct().count()

    def tanggapi_resmi(self, *, isi: str, nama: str, oleh: User, boleh: bool, tautan: Callable[[str], str]) -> Komentar:
        """Answer this top-level comment officially, written by `oleh` and signed `nama` (the office). Whether `oleh` may answer for the page is
        decided by the module that owns the page and passed as `boleh`. The answer is shown at once, marked
        and pinned under the comment; the comment's author is told when they asked to be."""
        isi = isi.strip()
        if not boleh:
            raise DomainError(_("Anda tidak berwenang menanggapi komentar ini secara resmi."))
        if not isi:
            raise DomainError(_("Tuliskan tanggapan Anda."), field="isi")
        if len(isi) > ISI_MAKS:
            raise DomainError(_("Tanggapan terlalu panjang."), field="isi")
        with transaction.atomic():
            komentar = self._kunci()
            if komentar.parent_id is not None or komentar.status != Status.TAMPIL:
                raise DomainError(_("Hanya komentar utama yang tampil yang dapat ditanggapi secara resmi."))
            jawaban = type(self).objects.create(
                content_type_id=komentar.content_type_id,
                object_id=komentar.object_id,
                wilayah=komentar.wilayah,
                parent=komentar,
                kedalaman=komentar.kedalaman + 1,
                nama=nama[:80],
                isi=isi,
                status=Status.TAMPIL,
                klien="",
                resmi=True,
                penjawab=oleh,
                dimoderasi=timezone.now(),
                dimoderasi_oleh=oleh,
            )
            if komentar.ditanggapi is None:
                komentar.ditanggapi = jawaban.dibuat
                komentar.save(update_fields=["ditanggapi"])
            with translation.override(settings.LANGUAGE_CODE):
                ringkasan = f"Tanggapan resmi #{jawaban.pk} atas komentar #{komentar.pk} ({komentar.nama[:40]})"
            catat(oleh, AksiDiskusi.TANGGAPAN_RESMI, jawaban, ringkasan, wilayah=komentar.wilayah)
            jawaban.setelah_tampil(tautan)
        self.refresh_from_db()
        return jawaban

    # --- Moderation. Each change locks the row, checks the rule, changes the status and records the
    # audit entry in one transaction; a refused change raises DomainError and writes nothing.

    def setujui(self, oleh: User, tautan: Callable[[str], str]) -> None:
        """Show the comment: a held one, or one removed by a moderator or by readers' reports.
        `tautan(path)` makes the absolute link mailed to the parent's author."""
        self._moderasi(Status.TAMPIL, "", oleh, Aksi.KOMENTAR_SETUJUI, tautan=tautan)

    def tolak(self, oleh: User, alasan: str) -> None:
        """Reject it (spam, abuse); the reason, required, is shown in the public moderation log."""
        self._moderasi(Status.DITOLAK, alasan, oleh, Aksi.KOMENTAR_TOLAK)

    def sembunyikan(self, oleh: User, alasan: str) -> None:
        """Hide a comment that was shown; the reason, required, is shown in the public moderation log."""
        self._moderasi(Status.DISEMBUNYIKAN, alasan, oleh, Aksi.KOMENTAR_SEMBUNYIKAN)

    def laporkan(self, klien: str) -> bool:
        """Record a reader's report, one per client. The ADUAN_SEMBUNYIKAN-th report from different clients
        since a moderator last looked hides a shown comment until a moderator reviews it; that hiding is
        audited with no user. False when this client had already reported the comment."""
        with transaction.atomic():
            try:
                with transaction.atomic():
                    Aduan.objects.create(komentar=self, klien=klien)
            except IntegrityError:
                return False
            komentar = self._kunci()
            if komentar.status == Status.TAMPIL and komentar.jumlah_aduan_baru >= ADUAN_SEMBUNYIKAN:
                with translation.override(settings.LANGUAGE_CODE):
                    alasan = gettext("Dilaporkan oleh %(n)s pembaca; menunggu peninjauan moderator") % {"n": ADUAN_SEMBUNYIKAN}
                komentar._ubah_status(Status.DISEMBUNYIKAN, alasan, None, Aksi.KOMENTAR_SEMBUNYIKAN)
        self.refresh_from_db()
        return True

    def setelah_tampil(self, tautan: Callable[[str], str]) -> None:
        """What follows a comment being shown: cached public pages are retired, and the author of the
        comment it replies to is told (once the transaction commits, and only once; see `kabari_balasan`)."""
        # Retired now, inside the transaction, as kim, warta and cekfakta retire them. After the commit would
        # also close the short window in which a page rendered from the rows before this change is cached
        # anew, but tests that never commit (other modules' too) would then keep seeing the old page.
        invalidate()
        if self.parent_id and self.diberi_tahu is None:
            from diskusi.tasks import kabari_balasan  # late import: the tasks module imports this one

            url = tautan(self.get_absolute_url())
            transaction.on_commit(lambda: kabari_balasan.enqueue(self.pk, url))

    def _moderasi(self, status: str, alasan: str, oleh: User, aksi: Aksi, *, tautan: Callable[[str], str] | None = None) -> None:
        alasan = alasan.strip()
        if status != Status.TAMPIL and not alasan:
            raise DomainError(PESAN_ALASAN_WAJIB)
        with transaction.atomic():
            komentar = self._kunci()
            if komentar.status == status:
                raise DomainError(PESAN_SUDAH[Status(status)])
            komentar._ubah_status(status, alasan, oleh, aksi)
            if status == Status.TAMPIL and tautan is not None:
                komentar.setelah_tampil(tautan)
        self.refresh_from_db()

    def _kunci(self) -> Komentar:
        """This comment as stored now, its row locked until the transaction ends."""
        return type(self).objects.select_for_update().get(pk=self.pk)

    def _ubah_status(self, status: str, alasan: str, oleh: User | None, aksi: Aksi) -> None:
        """Change the status of this locked row and audit it, inside the caller's transaction."""
        sebelum = potret(self, ["status", "alasan"])
        lama = self.status
        self.status, self.alasan = status, alasan[:200]
        self.dimoderasi, self.dimoderasi_oleh = timezone.now(), oleh
        self.save(update_fields=["status", "alasan", "dimoderasi", "dimoderasi_oleh"])
        with translation.override(settings.LANGUAGE_CODE):  # the audit trail is kept in one language
            ringkasan = f"Komentar #{self.pk} ({self.nama[:40]}): {Status(lama).label} → {Status(status).label}. {alasan}"
        catat(oleh, aksi, self, ringkasan.strip(), wilayah=self.wilayah, sebelum=sebelum)
        if lama == Status.TAMPIL:  # (a comment becoming shown retires the pages in `setelah_tampil`)
            invalidate()


class Aduan(models.Model):
    """A reader's "Laporkan" on a comment; one per client address."""

    komentar = models.ForeignKey(Komentar, on_delete=models.CASCADE, related_name="aduan")
    klien = models.CharField(max_length=32)
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("laporan komentar")
        verbose_name_plural = _("laporan komentar")
        constraints = [models.UniqueConstraint(fields=["komentar", "klien"], name="aduan_sekali_per_klien")]

    def __str__(self) -> str:
        return f"#{self.komentar_id} {self.dibuat:%Y-%m-%d %H:%M}"


class Blokir(models.Model):
    """A word, phrase or domain that holds or rejects a comment (starter list against online gambling spam)."""

    class Jenis(models.TextChoices):
        KATA = "kata", _("Kata atau frasa")
        DOMAIN = "domain", _("Domain")

    class Tindakan(models.TextChoices):
        TAHAN = "tahan", _("Tahan untuk moderasi")
        TOLAK = "tolak", _("Tolak")

    jenis = models.CharField(_("jenis"), max_length=6, choices=Jenis.choices)
    pola = models.CharField(
        _("kata atau domain"),
        max_length=100,
        help_text=_("Huruf besar/kecil tidak dibedakan. Domain juga berlaku untuk subdomainnya (judi.example → a.judi.example)."),
    )
    tindakan = models.CharField(_("tindakan"), max_length=5, choices=Tindakan.choices, default=Tindakan.TAHAN)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("daftar blokir")
        verbose_name_plural = _("daftar blokir")
        ordering = ["jenis", "pola"]
        constraints = [models.UniqueConstraint(fields=["jenis", "pola"], name="blokir_unik")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.pola} ({self.get_tindakan_display()})"

    def save(self, *args, **kwargs):
        self.pola = self.pola.strip().lower()
        if self.jenis == self.Jenis.DOMAIN:
            self.pola = self.pola.removeprefix("https://").removeprefix("http://").removeprefix("www.").strip("./")
        super().save(*args, **kwargs)
