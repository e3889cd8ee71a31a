"""Siaran: broadcasts from Diskominfo to the KIM, each KIM's acknowledgement, and e-mail delivery.

A siaran names its target (all KIM of the kabupaten, chosen kecamatan or chosen villages); at
send time the target becomes one `Penerimaan` per KIM and one `Kiriman` per e-mail recipient.
Delivery is idempotent: a `Kiriman` is claimed by a conditional UPDATE before its e-mail goes out
and marked sent right after, so a retried or duplicated task never sends the same e-mail twice.

Sending (`Siaran.objects.kirim`), reminding (`siaran.ingatkan`) and marking a copy received or passed on
(`penerimaan.tandai_diterima`, `tandai_diteruskan`) each check their rule, change the rows and record the
audit entry in one transaction, and refuse with `DomainError`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, potret
from akun.models import Aksi, Peran, User
from jembatan.lib import speech
from jembatan.lib.domain import DomainError
from jembatan.lib.markup import to_text
from jembatan.lib.uploads import UploadTo
from kim.models import Jabatan, Kim, Pengurus, Tahap

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from akun.models import User
    from wilayah.models import Wilayah

# Recipients per delivery task: big enough that 84,000 KIM make ~1,700 tasks, small enough that
# one task finishes well inside the claim lease below.
UKURAN_BATCH = 100
# A claimed delivery whose task died is taken up again after this long (kirim_ulang_siaran).
MASA_KLAIM = timedelta(minutes=30)
# A failed delivery is retried this many times in all, then left for a person to look at.
MAKS_PERCOBAAN = 8
# Queued deliveries younger than this belong to their own task; the retry command leaves them alone.
JEDA_ANTRE = timedelta(minutes=10)
# One reminder round per siaran in this time: a double click does not mail everyone twice.
JEDA_PENGINGAT = timedelta(minutes=30)
PESAN_TIDAK_ADA_YANG_DIINGATKAN = _("Semua KIM sudah menandai siaran ini diterima; tidak ada yang perlu diingatkan.")
MAKS_LAMPIRAN = 5


class Prioritas(models.TextChoices):
    BIASA = "biasa", _("Biasa")
    PENTING = "penting", _("Penting")
    DARURAT = "darurat", _("Darurat")


class JenisSasaran(models.TextChoices):
    SEMUA = "semua", _("Semua KIM di kabupaten")
    KECAMATAN = "kecamatan", _("KIM di kecamatan terpilih")
    DESA = "desa", _("KIM di desa/kelurahan terpilih")


class StatusPenerimaan(models.TextChoices):
    BELUM = "belum", _("Belum dibaca")
    DITERIMA = "diterima", _("Diterima")
    DITERUSKAN = "diteruskan", _("Diteruskan")


class Tempat(models.TextChoices):
    WHATSAPP = "whatsapp", _("Grup WhatsApp")
    MADING = "mading", _("Mading")
    MASJID = "masjid", _("Pengumuman masjid/musala")
    RAPAT = "rapat", _("Rapat/pertemuan warga")
    LAINNYA = "lainnya", _("Lainnya")


class StatusKiriman(models.TextChoices):
    ANTRE = "antre", _("Dalam antrean")
    MENGIRIM = "mengirim", _("Sedang dikirim")
    TERKIRIM = "terkirim", _("Terkirim")
    GAGAL = "gagal", _("Gagal, akan dicoba lagi")


# Stages whose KIM receive siaran: every KIM that exists and is not dissolved. A KIM still in
# formation already has people who pass news on, and an inactive one is exactly the one
# Diskominfo wants to see (not) acting in the live table.
TAHAP_PENERIMA = [t for t in Tahap.values if t not in (Tahap.BELUM_ADA, Tahap.DIBUBARKAN)]


SASARAN_KOSONG = _(
    "Siaran ke sasaran kosong ditolak: tidak ada KIM di wilayah yang dipilih (KIM yang belum dibentuk atau sudah "
    "dibubarkan tidak dihitung). Pilih wilayah lain; isian Anda tetap tersimpan di formulir ini."
)


def kim_sasaran(cakupan: str, wilayah_kode: list[str]):
    """The KIM a target resolves to now: in the kabupaten and the chosen places, not dissolved.

    Choosing a kecamatan reaches the KIM of its villages and a kecamatan-level KIM."""
    qs = Kim.objects.filter(tahap__in=TAHAP_PENERIMA).di_kabupaten(settings.JEMBATAN_KABUPATEN)
    if cakupan == JenisSasaran.KECAMATAN:
        return qs.filter(Q(wilayah__parent_id__in=wilayah_kode) | Q(wilayah_id__in=wilayah_kode))
    if cakupan == JenisSasaran.DESA:
        return qs.filter(wilayah_id__in=wilayah_kode)
    return qs


def ke_whatsapp(teks: str) -> str:
    """Markdown as WhatsApp writes it: **bold** → *bold*, *italic* → _italic_, [t](url) → t (url)."""
    teks = re.sub(r"\[([^\]]+)\]\((\S+?)\)", r"\1 (\2)", teks)
    teks = re.sub(r"^#{1,6}\s*(.+)$", "\x00\\1\x00", teks, flags=re.M)
    teks = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", "\x00\\2\x00", teks)
    teks = re.sub(r"(?<![\*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)", r"_\1_", teks)
    return teks.replace("\x00", "*").strip()


class SiaranQuerySet(models.QuerySet["Siaran", "Siaran"]):
    def kirim(
        self,
        *,
        judul: str,
        isi: str,
        prioritas: str,
        cakupan: str,
        wilayah: Iterable[Wilayah],
        lampiran: Iterable[UploadedFile],
        oleh: User,
        kunci: uuid.UUID | str,
        dasar_url: str,
    ) -> tuple[Siaran, bool]:
        """Send a siaran: store it, one Penerimaan per targeted KIM and one queued Kiriman per recipient,
        and record it in the audit trail, in one transaction; the delivery tasks are enqueued once it
        commits. Returns (siaran, created): a form sent twice with the same `kunci` sends once.

        Refused with DomainError when the target holds no KIM (nothing is stored then)."""
        lama = self.filter(kunci=kunci).first()
        if lama:
            return lama, False
        with transaction.atomic():
            kode = [w.pk for w in wilayah] if cakupan != JenisSasaran.SEMUA else []
            kim_ids = list(kim_sasaran(cakupan, kode).order_by("wilayah_id").values_list("pk", flat=True))
            if not kim_ids:
                raise DomainError(SASARAN_KOSONG)
            siaran = self.create(
                judul=judul,
                isi=isi,
                prioritas=prioritas,
                cakupan=cakupan,
                dikirim_oleh=oleh,
                kunci=kunci,
                jumlah_kim=len(kim_ids),
            )
            siaran.tautan = dasar_url + siaran.get_absolute_url()
            siaran.save(update_fields=["tautan"])
            if kode:
                # The stubs take related keys as int; a Wilayah's key is its kode, a str.
                siaran.wilayah_sasaran.set(kode)  # type: ignore[arg-type]
            for f in lampiran:
                Lampiran.objects.create(siaran=siaran, berkas=f, nama=(f.name or "")[:200], ukuran=f.size or 0)
            Penerimaan.objects.bulk_create([Penerimaan(siaran=siaran, kim_id=k) for k in kim_ids], batch_size=2000)
            _segarkan_statistik(len(kim_ids))
            with translation.override(settings.LANGUAGE_CODE):  # the audit trail is kept in one language
                ringkasan = f"Siaran {siaran.get_prioritas_display()} ke {len(kim_ids)} KIM: {judul[:120]}"
            catat(
                oleh,
                Aksi.KIRIM_SIARAN,
                siaran,
                ringkasan,
                sesudah={"prioritas": prioritas, "cakupan": cakupan, "wilayah": kode, "jumlah_kim": len(kim_ids)},
            )
            _antrekan_setelah_commit(_buat_kiriman(siaran, siaran.penerimaan.all(), 0))
            _audio_setelah_commit(siaran.pk)
        return siaran, True


class Siaran(models.Model):
    judul = models.CharField(_("judul"), max_length=200)
    isi = models.TextField(
        _("isi siaran"),
        help_text=_("Paragraf dipisah baris kosong. **tebal**, *miring*, daftar dengan tanda -, tautan [teks](https://…)."),
    )
    prioritas = models.CharField(_("prioritas"), max_length=8, choices=Prioritas.choices, default=Prioritas.BIASA)
    cakupan = models.CharField(_("sasaran"), max_length=10, choices=JenisSasaran.choices, default=JenisSasaran.SEMUA)
    # The kecamatan or villages chosen (empty for the whole kabupaten); kept as chosen, while the
    # KIM reached are the Penerimaan rows made at send time.
    wilayah_sasaran = models.ManyToManyField("wilayah.Wilayah", blank=True, related_name="+", verbose_name=_("wilayah sasaran"))
    dikirim_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dikirim_pada = models.DateTimeField(_("dikirim"), default=timezone.now, db_index=True)
    jumlah_kim = models.PositiveIntegerField(_("jumlah KIM sasaran"), default=0)
    # The absolute link to the siaran page, fixed at send time so mail sent later by a worker
    # (which has no request) links to the same address.
    tautan = models.URLField(max_length=300, blank=True)
    # Carried by the send form: a double-submitted form creates one siaran, not two.
    kunci = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    putaran_pengingat = models.PositiveSmallIntegerField(default=0)
    pengingat_terakhir = models.DateTimeField(null=True, blank=True)
    # The spoken version (jembatan.lib.speech), private like the siaran: served by a view that checks the reader.
    audio_ogg = models.FileField(upload_to=speech.named, blank=True, editable=False)
    audio_mp3 = models.FileField(upload_to=speech.named, blank=True, editable=False)
    audio_digest = models.CharField(max_length=64, blank=True, editable=False)

    objects = SiaranQuerySet.as_manager()

    class Meta:
        verbose_name = _("siaran")
        verbose_name_plural = _("siaran")
        ordering = ["-dikirim_pada", "-id"]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("siaran:baca", args=[self.pk])

    @property
    def is_darurat(self) -> bool:
        return self.prioritas == Prioritas.DARURAT

    def teks_audio(self) -> str:
        """What the audio version says: who sends it and how urgent, the title, the text."""
        with translation.override(settings.LANGUAGE_CODE):
            kepala = f"Siaran {self.get_prioritas_display().lower()} dari Diskominfo."
        return f"{kepala}\n{self.judul}.\n{to_text(self.isi)}"

    @property
    def audio_terkini(self) -> bool:
        """Whether the stored audio speaks the current text."""
        return bool(self.audio_ogg) and self.audio_digest == speech.text_digest(self.teks_audio())

    def teks_whatsapp(self) -> str:
        """Ready to paste into a WhatsApp group: bold title, the text, and the link."""
        labels: dict[str, str] = {Prioritas.DARURAT: "🚨 *DARURAT* ", Prioritas.PENTING: "❗ *PENTING* "}
        label = labels.get(self.prioritas, "")
        return f"{label}*{ke_whatsapp(self.judul)}*\n\n{ke_whatsapp(self.isi)}\n\n{self.tautan or self.get_absolute_url()}"

    def ingatkan(self, oleh: User) -> tuple[int, int]:
        """Remind the KIM that have not acted (still 'belum dibaca'): one e-mail per pengurus, counted on
        each Penerimaan and recorded in the audit trail, in one transaction. Returns (KIM reminded,
        e-mails queued). Refused with DomainError when every KIM has acted, or when the last round went
        out less than JEDA_PENGINGAT ago (a double click does not mail everyone twice)."""
        now = timezone.now()
        with transaction.atomic():
            if not self.penerimaan.belum_bertindak().exists():
                raise DomainError(PESAN_TIDAK_ADA_YANG_DIINGATKAN)
            self.refresh_from_db(fields=["putaran_pengingat", "pengingat_terakhir"])
            sebelum = potret(self, ["putaran_pengingat"])
            # The conditional UPDATE is the lock: of two clicks at once, one gets the round.
            boleh = Siaran.objects.filter(pk=self.pk).filter(
                Q(pengingat_terakhir__isnull=True) | Q(pengingat_terakhir__lte=now - JEDA_PENGINGAT)
            )
            if not boleh.update(putaran_pengingat=models.F("putaran_pengingat") + 1, pengingat_terakhir=now):
                raise DomainError(
                    _("Pengingat baru saja dikirim. Tunggu %(menit)s menit sebelum mengingatkan lagi.")
                    % {"menit": int(JEDA_PENGINGAT.total_seconds() // 60)}
                )
            self.refresh_from_db(fields=["putaran_pengingat", "pengingat_terakhir"])
            jumlah = self.penerimaan.belum_bertindak().update(
                jumlah_pengingat=models.F("jumlah_pengingat") + 1, pengingat_terakhir=now
            )
            if not jumlah:  # the last KIM marked it received meanwhile: give the round back
                raise DomainError(PESAN_TIDAK_ADA_YANG_DIINGATKAN)
            ids = _buat_kiriman(self, self.penerimaan.belum_bertindak(), self.putaran_pengingat)
            catat(
                oleh,
                Aksi.INGATKAN_SIARAN,
                self,
                f"Pengingat ke {jumlah} KIM ({len(ids)} surel): {self.judul[:120]}",
                sebelum=sebelum,
            )
            _antrekan_setelah_commit(ids)
        return jumlah, len(ids)


class Lampiran(models.Model):
    """A file sent with a siaran (PDF, JPEG or PNG, checked by content and written anew by the server, under
    a random name). Not under media/publik/: it is served only through a view that checks the reader may
    see the siaran. `nama` is the name it was sent under, with the extension of its detected type."""

    siaran = models.ForeignKey(Siaran, on_delete=models.CASCADE, related_name="lampiran")
    berkas = models.FileField(upload_to=UploadTo("siaran/%Y/%m"))
    nama = models.CharField(_("nama berkas"), max_length=200)
    ukuran = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("siaran:lampiran", args=[self.pk])


class PenerimaanQuerySet(models.QuerySet["Penerimaan", "Penerimaan"]):
    def belum_bertindak(self):
        """KIM that have not even marked the siaran as received."""
        return self.filter(status=StatusPenerimaan.BELUM)

    def dengan_surel(self):
        """Each row with its e-mail deliveries counted (one query, whatever the number of rows)."""
        return self.annotate(
            surel_total=Count("kiriman"),
            surel_terkirim=Count("kiriman", filter=Q(kiriman__status=StatusKiriman.TERKIRIM)),
            surel_gagal=Count("kiriman", filter=Q(kiriman__status=StatusKiriman.GAGAL)),
        )


class Penerimaan(models.Model):
    """One targeted KIM's copy of a siaran: belum dibaca → diterima → diteruskan."""

    siaran = models.ForeignKey(Siaran, on_delete=models.CASCADE, related_name="penerimaan")
    kim = models.ForeignKey(Kim, on_delete=models.PROTECT, related_name="penerimaan_siaran")
    status = models.CharField(_("status"), max_length=10, choices=StatusPenerimaan.choices, default=StatusPenerimaan.BELUM)
    diterima_pada = models.DateTimeField(null=True, blank=True)
    diterima_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diteruskan_pada = models.DateTimeField(null=True, blank=True)
    diteruskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diteruskan_ke = models.JSONField(_("diteruskan ke"), default=list, blank=True)  # Tempat values
    catatan_teruskan = models.CharField(_("catatan"), max_length=300, blank=True)
    jumlah_pengingat = models.PositiveSmallIntegerField(default=0)
    pengingat_terakhir = models.DateTimeField(null=True, blank=True)

    objects = PenerimaanQuerySet.as_manager()

    class Meta:
        verbose_name = _("penerimaan siaran")
        verbose_name_plural = _("penerimaan siaran")
        ordering = ["kim__wilayah_id"]
        constraints = [models.UniqueConstraint(fields=["siaran", "kim"], name="penerimaan_satu_per_kim")]
        indexes = [models.Index(fields=["kim", "status"])]

    def __str__(self) -> str:
        return f"{self.siaran} → {self.kim}"

    @property
    def tempat_label(self) -> list[str]:
        return [str(Tempat(t).label) for t in self.diteruskan_ke if t in Tempat.values]

    # --- Marking. Each locks the row, checks the rule, changes it and records the audit entry in one
    # transaction; a refused mark raises DomainError and writes nothing.

    def tandai_diterima(self, oleh: User) -> None:
        """Mark received, saying who and when. The first mark counts: marking again (or after passing
        on, which implies received) is refused."""
        with transaction.atomic():
            # The conditional UPDATE is the lock: of two pengurus marking at once, the first mark counts.
            if not Penerimaan.objects.filter(pk=self.pk, status=StatusPenerimaan.BELUM).update(
                status=StatusPenerimaan.DITERIMA, diterima_pada=timezone.now(), diterima_oleh=oleh
            ):
                raise DomainError(_("Siaran ini sudah ditandai diterima sebelumnya."))
            catat(
                oleh,
                Aksi.TERIMA_SIARAN,
                self,
                f"{self.kim.nama} menerima siaran: {self.siaran.judul[:120]}",
                wilayah=self.kim.wilayah,
                sebelum={"status": StatusPenerimaan.BELUM},
                sesudah={"status": StatusPenerimaan.DITERIMA},
            )
        self.refresh_from_db()

    def tandai_diteruskan(self, oleh: User, tempat: Iterable[str], catatan: str) -> None:
        """Mark passed on to villagers, saying where (at least one of `Tempat`; "lainnya" needs a note).
        Implies received, so a KIM may skip marking received. Marking again adds places or a new note;
        marking again with nothing new is refused."""
        tempat = {t for t in tempat if t in Tempat.values}
        catatan = catatan.strip()[:300]
        if not tempat:
            raise DomainError(_("Pilih sedikitnya satu tempat siaran ini diteruskan."))
        if Tempat.LAINNYA in tempat and not catatan:
            raise DomainError(_("Tuliskan ke mana siaran diteruskan."))
        now = timezone.now()
        with transaction.atomic():
            p = self._kunci()
            sebelum = potret(p, ["status", "diteruskan_ke", "catatan_teruskan"])
            if p.status == StatusPenerimaan.BELUM:
                p.diterima_pada, p.diterima_oleh = now, oleh
            if p.status != StatusPenerimaan.DITERUSKAN:
                p.diteruskan_pada, p.diteruskan_oleh = now, oleh
            p.status = StatusPenerimaan.DITERUSKAN
            p.diteruskan_ke = [t for t in Tempat.values if t in set(p.diteruskan_ke) | tempat]
            p.catatan_teruskan = catatan or p.catatan_teruskan
            if potret(p, sebelum) == sebelum:
                raise DomainError(_("Siaran ini sudah ditandai diteruskan ke tempat itu."))
            p.save()
            catat(
                oleh,
                Aksi.TERUSKAN_SIARAN,
                p,
                f"{self.kim.nama} meneruskan siaran ke {', '.join(p.diteruskan_ke)}: {self.siaran.judul[:100]}",
                wilayah=self.kim.wilayah,
                sebelum=sebelum,
            )
        self.refresh_from_db()

    def _kunci(self) -> Penerimaan:
        """This copy as stored now, its row locked until the transaction ends."""
        return type(self).objects.select_for_update().get(pk=self.pk)


class KirimanQuerySet(models.QuerySet["Kiriman", "Kiriman"]):
    def bisa_diklaim(self, now=None):
        """Deliveries a sender may take: queued, failed with tries left, or claimed by a task that
        died (its claim older than MASA_KLAIM)."""
        now = now or timezone.now()
        return self.filter(
            Q(status=StatusKiriman.ANTRE)
            | Q(status=StatusKiriman.GAGAL, percobaan__lt=MAKS_PERCOBAAN)
            | Q(status=StatusKiriman.MENGIRIM, diklaim_pada__lt=now - MASA_KLAIM)
        )

    def belum_terkirim(self):
        return self.exclude(status=StatusKiriman.TERKIRIM)


class Kiriman(models.Model):
    """One e-mail to one recipient: the siaran itself (putaran 0) or its n-th reminder (putaran n)."""

    siaran = models.ForeignKey(Siaran, on_delete=models.CASCADE, related_name="kiriman")
    penerimaan = models.ForeignKey(Penerimaan, on_delete=models.CASCADE, related_name="kiriman")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    email = models.EmailField()
    putaran = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=StatusKiriman.choices, default=StatusKiriman.ANTRE)
    percobaan = models.PositiveSmallIntegerField(default=0)
    # Set with the claim: the sender reads back exactly the rows its own UPDATE took.
    token = models.CharField(max_length=32, blank=True, db_index=True)
    diklaim_pada = models.DateTimeField(null=True, blank=True)
    terkirim_pada = models.DateTimeField(null=True, blank=True)
    galat = models.CharField(max_length=300, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)

    objects = KirimanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiriman surel")
        verbose_name_plural = _("kiriman surel")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["siaran", "putaran", "email"], name="kiriman_sekali_per_penerima")]
        indexes = [models.Index(fields=["status", "dibuat"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_status_display()})"


# --- Sending --------------------------------------------------------------------------------------


def _penerima(penerimaan) -> list[tuple[int, int, str]]:
    """(penerimaan id, user id, e-mail) of the active pengurus of the KIM of `penerimaan`: users with
    the pengurus role whose scope is the KIM's village (or kecamatan), and users linked to a serving
    board member (not a plain member) of the KIM. One e-mail per address."""

    lewat_peran = User.objects.filter(
        peran=Peran.PENGURUS, is_active=True, wilayah__kim__penerimaan_siaran__in=penerimaan
    ).values_list("wilayah__kim__penerimaan_siaran__id", "pk", "email")
    lewat_pengurus = (
        Pengurus.objects.menjabat(timezone.localdate())
        .exclude(jabatan=Jabatan.ANGGOTA)
        .filter(user__isnull=False, user__is_active=True, kim__penerimaan_siaran__in=penerimaan)
        .values_list("kim__penerimaan_siaran__id", "user_id", "user__email")
    )
    hasil, dilihat = [], set()
    for pid, uid, email in [*lewat_peran.order_by("wilayah__kim__penerimaan_siaran__id", "pk"), *lewat_pengurus]:
        email = (email or "").strip().lower()
        if email and email not in dilihat:
            dilihat.add(email)
            hasil.append((pid, uid, email))
    return hasil


def _buat_kiriman(siaran: Siaran, penerimaan, putaran: int) -> list[int]:
    rows = [
        Kiriman(siaran=siaran, penerimaan_id=pid, user_id=uid, email=email, putaran=putaran)
        for pid, uid, email in _penerima(penerimaan)
    ]
    Kiriman.objects.bulk_create(rows, batch_size=2000)
    return list(Kiriman.objects.filter(siaran=siaran, putaran=putaran).order_by("pk").values_list("pk", flat=True))


def _segarkan_statistik(jumlah: int) -> None:
    """After inserting many receipts in this transaction, let PostgreSQL's planner know: the recipient
    query joins them, and with statistics from a near-empty table it picks nested loops that take
    minutes instead of seconds (seen on the first nationwide siaran)."""
    from django.db import connection

    if jumlah >= 5000 and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE siaran_penerimaan")


def _antrekan_setelah_commit(ids: list[int]) -> None:
    from siaran.tasks import antrekan

    transaction.on_commit(lambda: antrekan(ids))


def _audio_setelah_commit(siaran_id: int) -> None:
    from siaran.tasks import antrekan_audio  # late: the tasks module imports this one

    if settings.JEMBATAN_AUDIO:  # off on purpose: no task, no log line
        transaction.on_commit(lambda: antrekan_audio(siaran_id))
