"""The verification desk: claims (reports of the same hoax grouped), their reports, verdicts and references."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, daftarkan_aksi, potret
from akun.models import Aksi, User
from cekfakta import makna
from jembatan.lib import speech
from jembatan.lib.domain import DomainError, Versioned
from jembatan.lib.markup import to_text


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


class Tingkat(models.TextChoices):
    """How sure the desk's matcher was that a message repeats a published verdict."""

    SAMA = "sama", _("Sama dengan putusan terbit")
    MUNGKIN = "mungkin", _("Mungkin sama (ditanyakan ke pelapor)")
    BELUM = "belum", _("Belum pernah diperiksa")


class Saluran(models.TextChoices):
    WEB = "web", _("Situs web")
    WHATSAPP = "whatsapp", _("WhatsApp")
    TELEGRAM = "telegram", _("Telegram")
    API = "api", _("API")
    IMPOR = "impor", _("Impor ClaimReview")


# ClaimReview rating on a 1–5 scale (1 = false), with the label shown beside it.
RATING: dict[str, int] = {Hasil.SALAH: 1, Hasil.TIDAK_DAPAT: 3, Hasil.BENAR: 5}

# The verdict as the desk's form edits it (its references aside); the audit trail compares these.
ISIAN_PUTUSAN = ["judul", "topik", "hasil", "jenis_salah", "penjelasan", "metode"]
# Who published a verdict and when: what publishing, submitting and approving change.
KOLOM_TERBIT = ["status", "diajukan", "verifikator", "disetujui_oleh", "diterbitkan"]
# What a merge changes on the claim that receives the reports (the sample text is left out: it can be long).
KOLOM_GABUNG = ["jumlah_laporan", "pertama_dilihat", "terakhir_dilihat", "tenggat"]


@daftarkan_aksi
class AksiCekFakta(models.TextChoices):
    """The desk's audit actions declared here (the older ones are akun's `Aksi`)."""

    TUTUP_BUKAN_KLAIM = "cekfakta_bukan_klaim", _("Klaim ditutup sebagai bukan klaim")
    IMPOR_CLAIMREVIEW = "cekfakta_impor", _("Berkas ClaimReview diunggah untuk diimpor")
    LANJUTKAN_IMPOR = "cekfakta_lanjutkan_impor", _("Impor ClaimReview dilanjutkan")
    HENTIKAN_IMPOR = "cekfakta_hentikan_impor", _("Impor ClaimReview dihentikan: pekerja latar belakang tidak maju")


# What closing a claim as "bukan klaim" changes.
KOLOM_TUTUP = ["status", "hasil", "jenis_salah", "verifikator"]

PESAN_KLAIM_HILANG = _("Klaim ini sudah tidak ada; mungkin baru saja digabungkan ke klaim lain. Muat ulang halaman antrean.")


def penjelasan_impor(sumber: str, url: str) -> str:
    """The explanation an imported verdict carries: who checked it and where, never the source's headline
    (which becomes the title of its reference). Stored text, so chat replies and previews say it too."""
    teks = f"Diperiksa oleh {sumber or 'pemeriksa fakta lain'}."
    return f"{teks} Hasil pemeriksaan lengkap: {url}" if url else teks


class KlaimQuerySet(models.QuerySet["Klaim", "Klaim"]):
    def terbit(self):
        return self.filter(diterbitkan__isnull=False, status=Status.SELESAI)

    def antrean(self):
        return self.exclude(status=Status.SELESAI)

    def terlambat(self, now):
        return self.antrean().filter(tenggat__lt=now)

    def isi_vektor(self) -> int:
        """Compute the meaning vectors these claims lack (or whose text changed since); returns how many."""

        def simpan(klaim: Klaim, vektor: bytes, jejak: str) -> None:
            # `diubah` too: the index of every running process re-reads the claims changed since it last looked
            # (cekfakta.layanan), and a claim it holds without a vector scores 0 until then
            Klaim.objects.filter(pk=klaim.pk).update(vektor=vektor, vektor_dari=jejak, diubah=timezone.now())

        return makna.isi_vektor(list(self.only("id", "judul", "teks_contoh", "vektor", "vektor_dari")), simpan)

    def bukan_klaim(self):
        """Claims the desk closed without a verdict: the messages held no claim to verify."""
        return self.filter(status=Status.SELESAI, diterbitkan__isnull=True, hasil=Hasil.BUKAN_KLAIM)

    def boleh_dicocokkan(self):
        """The claims a citizen's message may be answered with or filed under: published verdicts and claims
        still in the queue. A claim closed without a verdict (a message that held no claim) is neither."""
        return self.exclude(status=Status.SELESAI, diterbitkan__isnull=True)

    def tutup_bukan_klaim(self, versi: Mapping[int, int], *, oleh: User) -> int:
        """Close the open claims whose ids are the keys of `versi` as "bukan klaim": the messages were read and
        hold nothing to verify. They leave the queue, are never published and never answer a citizen; their
        reporters are told so (after the commit, as for a verdict).

        `versi` maps each id to the version the desk's page showed: all are closed or none (StaleVersion when
        one changed since, DomainError when one is gone or no longer open). One audit entry per claim.
        Returns how many were closed."""
        if not versi:
            raise DomainError(_("Pilih dulu klaim yang akan ditutup."))
        with transaction.atomic():
            # Rows locked in id order, as a merge locks them, so the two wait for each other rather than deadlock.
            terkunci = {k.pk: k for k in self.select_for_update().filter(pk__in=list(versi)).order_by("pk")}
            for pk in sorted(versi):
                klaim = terkunci.get(pk)
                if klaim is None:
                    raise DomainError(PESAN_KLAIM_HILANG)
                if klaim.status == Status.SELESAI:
                    raise DomainError(
                        _("Klaim #%(n)s sudah tidak ada di antrean (sudah diterbitkan atau ditutup). Muat ulang halaman.")
                        % {"n": pk}
                    )
                klaim.bump_version(versi[pk])
                sebelum = potret(klaim, KOLOM_TUTUP)
                klaim.status, klaim.hasil, klaim.jenis_salah = Status.SELESAI, Hasil.BUKAN_KLAIM, ""
                klaim.verifikator = klaim.verifikator or oleh
                klaim.save()
                catat(oleh, AksiCekFakta.TUTUP_BUKAN_KLAIM, klaim, f"Bukan klaim: {klaim.judul[:120]}", sebelum=sebelum)
                # its reporters are told the message was read and held nothing to verify
                _kabari_pelapor_setelah_commit(klaim.pk)
        return len(versi)


class Klaim(Versioned):
    """One claim circulating, whatever the number of people who reported it.

    Its verdict changes only through the methods below (`ubah_putusan`, `terbitkan`, `gabungkan_ke`): each
    locks the row, reads it afresh, checks the rule, and records the change in the audit trail in the same
    transaction; `versi` refuses a save from a form opened before someone else's."""

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
    # Indexed: an import looks up every part's URLs to skip verdicts it stored before.
    sumber_url = models.URLField(_("tautan sumber"), max_length=500, blank=True, db_index=True)
    demo = models.BooleanField(default=False)
    # Imported from another fact-checker's ClaimReview feed: shown and matched, never re-published as ours.
    diimpor = models.BooleanField(default=False, editable=False)
    # The meaning of `teks_makna` as the matcher's sentence model reads it (float16), and a digest of the text
    # it was computed from, so it is computed again only when that text changes (cekfakta.makna).
    vektor = models.BinaryField(null=True, editable=False)
    vektor_dari = models.CharField(max_length=40, blank=True, editable=False)
    # The spoken verdict (jembatan.lib.speech), under media/publik/: only published verdicts are spoken.
    audio_ogg = models.FileField(upload_to=speech.named, blank=True, editable=False)
    audio_mp3 = models.FileField(upload_to=speech.named, blank=True, editable=False)
    audio_digest = models.CharField(max_length=64, blank=True, editable=False)
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
        self.isi_tenggat()
        self._segarkan_vektor(kwargs)
        super().save(*args, **kwargs)

    def isi_tenggat(self) -> None:
        """The desk's deadline, from when the claim was first seen, unless one is set (also for bulk writes)."""
        if self.tenggat is None:
            self.tenggat = self.pertama_dilihat + timedelta(hours=settings.JEMBATAN_CEKFAKTA_TARGET_JAM)

    def _segarkan_vektor(self, kwargs: dict) -> None:
        """Compute the meaning vector again when the text it reads changed (an import hands the vectors it computed
        in batches, `cekfakta.claimreview.siapkan_butir`)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not {"judul", "teks_contoh"} & set(update_fields):
            return
        teks = makna.teks_klaim(self.judul, self.teks_contoh)
        jejak = makna.jejak(teks)
        if jejak == self.vektor_dari and self.vektor is not None:
            return
        self.vektor, self.vektor_dari = makna.ke_bytes(makna.vektor([teks])[0]), jejak
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "vektor", "vektor_dari"}

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

    def teks_audio(self) -> str:
        """What the audio version of a published verdict says: the outcome, the claim, the explanation."""
        penjelasan = self.penjelasan_tambahan if self.diimpor else self.penjelasan
        sumber = f"Diperiksa oleh {self.sumber_nama}.\n" if self.diimpor and self.sumber_nama else ""
        return f"Cek fakta. Hasil: {self.label.lower()}.\nKlaim: {self.judul}.\n{sumber}{to_text(penjelasan)}"

    @property
    def audio_terkini(self) -> bool:
        """Whether the stored audio speaks the verdict as it reads now."""
        return bool(self.audio_ogg) and self.audio_digest == speech.text_digest(self.teks_audio())

    @property
    def is_terbit(self) -> bool:
        return self.diterbitkan is not None and self.status == Status.SELESAI

    @property
    def penjelasan_tambahan(self) -> str:
        """For an imported verdict, what the desk added to the explanation the import wrote (often nothing)."""
        if self.diimpor and self.penjelasan.strip() == penjelasan_impor(self.sumber_nama, self.sumber_url):
            return ""
        return self.penjelasan

    @property
    def is_bukan_klaim(self) -> bool:
        """Closed by the desk without a verdict: the message held no claim to verify."""
        return self.status == Status.SELESAI and self.diterbitkan is None and self.hasil == Hasil.BUKAN_KLAIM

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
        if self.hasil == Hasil.BUKAN_KLAIM:
            kurang.append(_("hasil selain “Bukan klaim” (pesan yang bukan klaim ditutup dari antrean, tidak diterbitkan)"))
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

    # -- transitions --------------------------------------------------------------------------------

    def ubah_putusan(self, isian: Mapping[str, Any], referensi: Sequence[tuple[str, str]], *, oleh: User, versi: int) -> None:
        """Save the verdict as the desk's form shows it: `isian` holds fields of ISIAN_PUTUSAN, `referensi`
        every reference in order as (judul, url). Refused with StaleVersion when someone saved the verdict
        since the form was opened at `versi`.

        A published verdict must stay complete, and a change to it is audited. A verdict awaiting a second
        verifikator's approval goes back to waiting for a submission when anything in it changes, with this
        verifikator as its author. A new claim is now being checked (by this verifikator unless someone
        already is), and so is a claim closed as "bukan klaim" once it is given another outcome."""
        if lain := set(isian) - set(ISIAN_PUTUSAN):
            raise ValueError(f"not verdict fields: {sorted(lain)}")
        with transaction.atomic():
            klaim = self._terkunci()
            klaim.bump_version(versi)
            sebelum = klaim._potret_putusan()
            for name, value in isian.items():
                setattr(klaim, name, value)
            klaim._ganti_referensi(referensi)
            sesudah = klaim._potret_putusan()
            berubah = sesudah != sebelum
            if klaim.is_terbit:
                if kurang := klaim.syarat_terbit():
                    raise DomainError(
                        _("Putusan yang sudah terbit harus tetap lengkap; belum disimpan. Kurang: %(k)s.")
                        % {"k": ", ".join(kurang)}
                    )
                if berubah:
                    ringkasan = f"Putusan terbit diubah: {klaim.judul[:120]}"
                    catat(oleh, Aksi.UBAH_PUTUSAN, klaim, ringkasan, sebelum=sebelum, sesudah=sesudah)
                    _audio_setelah_commit(klaim.pk)
            elif klaim.diajukan and berubah:
                klaim.diajukan, klaim.verifikator = None, oleh
            elif klaim.status == Status.BARU:
                klaim.status, klaim.verifikator = Status.DIPERIKSA, klaim.verifikator or oleh
            elif klaim.status == Status.SELESAI and klaim.hasil != Hasil.BUKAN_KLAIM:
                # Closed as "bukan klaim" by mistake and now given an outcome: back in the queue until published.
                klaim.status = Status.DIPERIKSA
            klaim.save()
        self.refresh_from_db()

    def terbitkan(self, *, oleh: User, versi: int) -> bool:
        """Publish the verdict; when two verifikator are required (JEMBATAN_CEKFAKTA_DUA_VERIFIKATOR), submit
        it for approval, or approve it as a verifikator other than the one who submitted it.

        Returns True when the verdict is now public; its reporters are told once the transaction commits.
        Refused when the verdict is already public or incomplete, and with StaleVersion when someone saved
        it since `versi`."""
        with transaction.atomic():
            klaim = self._terkunci()
            klaim.bump_version(versi)
            if klaim.is_terbit:
                raise DomainError(_("Putusan ini sudah terbit."))
            if kurang := klaim.syarat_terbit():
                raise DomainError(_("Belum dapat diterbitkan; lengkapi: %(kurang)s.") % {"kurang": ", ".join(kurang)})
            sebelum = potret(klaim, KOLOM_TERBIT)
            now = timezone.now()
            terbit = True
            if not settings.JEMBATAN_CEKFAKTA_DUA_VERIFIKATOR:
                klaim.verifikator = klaim.verifikator or oleh
            elif klaim.diajukan is None:  # the first of the two submits it
                klaim.diajukan, klaim.verifikator, klaim.status = now, oleh, Status.DIPERIKSA
                terbit = False
            elif klaim.verifikator_id == oleh.pk:
                raise DomainError(_("Putusan ini harus disetujui verifikator lain."))
            else:
                klaim.disetujui_oleh = oleh
            if terbit:
                klaim.status, klaim.diterbitkan = Status.SELESAI, now
            klaim.save()
            aksi = Aksi.TERBIT_PUTUSAN if terbit else Aksi.AJUKAN_PUTUSAN
            catat(oleh, aksi, klaim, f"Putusan {klaim.label}: {klaim.judul[:120]}", sebelum=sebelum)
            if terbit:
                _kabari_pelapor_setelah_commit(klaim.pk)
                _audio_setelah_commit(klaim.pk)
        self.refresh_from_db()
        return terbit

    def gabungkan_ke(self, tujuan: Klaim, *, oleh: User) -> Klaim:
        """Move every report of this claim into `tujuan` and remove this claim (a verifikator's merge by
        hand). Returns `tujuan` as now stored; when its verdict is public, the moved reporters are told."""
        if tujuan.pk == self.pk:
            raise DomainError(_("Klaim tidak dapat digabungkan ke dirinya sendiri."))
        with transaction.atomic():
            # Both rows locked in one order, so two merges in opposite directions wait rather than deadlock.
            terkunci = Klaim.objects.select_for_update().filter(pk__in=[self.pk, tujuan.pk]).order_by("pk")
            baris = {k.pk: k for k in terkunci}
            if self.pk not in baris:
                raise DomainError(PESAN_KLAIM_HILANG)
            if tujuan.pk not in baris:
                raise DomainError(_("Klaim tujuan sudah tidak ada; mungkin baru saja digabungkan ke klaim lain."))
            sumber, tujuan = baris[self.pk], baris[tujuan.pk]
            if sumber.is_terbit:
                raise DomainError(_("Putusan yang sudah terbit tidak dapat digabungkan ke klaim lain."))
            sebelum = potret(tujuan, KOLOM_GABUNG)
            sumber.laporan.update(klaim=tujuan)
            tujuan.jumlah_laporan = tujuan.laporan.count()
            tujuan.pertama_dilihat = min(tujuan.pertama_dilihat, sumber.pertama_dilihat)
            tujuan.terakhir_dilihat = max(tujuan.terakhir_dilihat, sumber.terakhir_dilihat)
            if sumber.teks_contoh and sumber.teks_contoh not in tujuan.teks_contoh:
                tujuan.teks_contoh = f"{tujuan.teks_contoh}\n\n{sumber.teks_contoh}"[:20000]
            tenggat = [t for t in (tujuan.tenggat, sumber.tenggat) if t]
            tujuan.tenggat = min(tenggat) if tenggat else None
            tujuan.save()
            catat(oleh, Aksi.GABUNG_KLAIM, tujuan, f"Klaim #{sumber.pk} digabungkan ke #{tujuan.pk}", sebelum=sebelum)
            sumber.delete()
            if tujuan.is_terbit:  # the moved reporters are told the verdict they were waiting for
                _kabari_pelapor_setelah_commit(tujuan.pk)
        return tujuan

    def _terkunci(self) -> Klaim:
        """This claim as stored now, its row locked until the transaction ends."""
        klaim = Klaim.objects.select_for_update().filter(pk=self.pk).first()
        if klaim is None:
            raise DomainError(PESAN_KLAIM_HILANG)
        return klaim

    def _potret_putusan(self) -> dict[str, Any]:
        return {**potret(self, ISIAN_PUTUSAN), "referensi": [[r.judul, r.url] for r in self.referensi.order_by("id")]}

    def _ganti_referensi(self, referensi: Sequence[tuple[str, str]]) -> None:
        """Make the stored references the given list, changing rows in place where it can."""
        ada = list(self.referensi.order_by("id"))
        for lama, (judul, url) in zip(ada, referensi, strict=False):
            if (lama.judul, lama.url) != (judul, url):
                lama.judul, lama.url = judul, url
                lama.save()
        for judul, url in referensi[len(ada) :]:
            Referensi.objects.create(klaim=self, judul=judul, url=url)
        for lama in ada[len(referensi) :]:
            lama.delete()


def _audio_setelah_commit(klaim_id: int) -> None:
    from cekfakta.tasks import antrekan_audio  # late: the tasks module imports this one

    if settings.JEMBATAN_AUDIO:  # off on purpose: no task, no log line
        transaction.on_commit(lambda: antrekan_audio(klaim_id))


def _kabari_pelapor_setelah_commit(klaim_id: int) -> None:
    from cekfakta.tasks import kabari_klaim  # late: the tasks module imports this one

    transaction.on_commit(lambda: kabari_klaim.enqueue(klaim_id))


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
    diberi_tahu = models.DateTimeField(null=True, blank=True)  # when the reporter was told the verdict
    # When the reporter was told that the desk closed their message as "bukan klaim" (kept apart from diberi_tahu:
    # a claim closed by mistake can still get a verdict, and its reporters must then be told that too).
    dikabari_ditutup = models.DateTimeField(null=True, blank=True)
    tingkat = models.CharField(_("tingkat kecocokan"), max_length=8, choices=Tingkat.choices, blank=True)
    # For a "mungkin" answer: the published claims offered to the reporter (ids, best first), and when the
    # reporter picked one or said none of them is it.
    usulan = models.JSONField(default=list, blank=True)
    usulan_dijawab = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.kode} ({self.get_saluran_display()})"

    def get_absolute_url(self) -> str:
        return reverse("cekfakta:lacak", args=[self.kode])

    @property
    def menunggu_pilihan(self) -> bool:
        """A "mungkin" answer the reporter has not confirmed or declined yet."""
        return bool(self.usulan) and self.usulan_dijawab is None

    def pilih_usulan(self, klaim_id: int) -> Klaim:
        """The reporter says "Ya, yang ini" to one of the verdicts offered: the report moves to that published
        verdict and counts as answered. The claim opened for this report alone, not yet taken up by the desk,
        goes away with it. Refused (DomainError) when that verdict was not offered, the question was already
        answered, or the verdict is no longer published."""
        with transaction.atomic():
            # Claims are locked before the report, in the order a merge takes them, so the two never deadlock.
            lama_id = Laporan.objects.filter(pk=self.pk).values_list("klaim_id", flat=True).first()
            klaim = {k.pk: k for k in Klaim.objects.select_for_update().filter(pk__in={klaim_id, lama_id}).order_by("pk")}
            laporan = Laporan.objects.select_for_update().filter(pk=self.pk).first()
            if laporan is None or laporan.usulan_dijawab is not None:
                raise DomainError(_("Pertanyaan untuk laporan ini sudah dijawab."))
            if klaim_id not in laporan.usulan:
                raise DomainError(_("Putusan itu bukan salah satu pilihan untuk laporan ini."))
            pilihan = klaim.get(klaim_id)
            if pilihan is None or not pilihan.is_terbit:
                raise DomainError(_("Putusan itu sudah tidak terbit. Laporan Anda tetap diperiksa tim verifikator."))
            now = timezone.now()
            laporan.klaim = pilihan
            laporan.dijawab_langsung = True
            laporan.diberi_tahu = laporan.usulan_dijawab = now
            laporan.save(update_fields=["klaim", "dijawab_langsung", "diberi_tahu", "usulan_dijawab"])
            Klaim.objects.filter(pk=pilihan.pk).update(jumlah_laporan=models.F("jumlah_laporan") + 1, terakhir_dilihat=now)
            lama = klaim.get(lama_id) if lama_id else None
            if lama is not None and lama.pk != pilihan.pk:
                sisa = lama.laporan.count()
                if sisa == 0 and lama.status == Status.BARU and lama.diterbitkan is None:
                    lama.delete()
                else:
                    Klaim.objects.filter(pk=lama.pk).update(jumlah_laporan=sisa)
        self.klaim, self.dijawab_langsung, self.diberi_tahu, self.usulan_dijawab = pilihan, True, now, now
        return pilihan

    def tolak_usulan(self) -> None:
        """The reporter says none of the verdicts offered is it: the report stays with the desk."""
        with transaction.atomic():
            laporan = Laporan.objects.select_for_update().filter(pk=self.pk).first()
            if laporan is None or laporan.usulan_dijawab is not None:
                raise DomainError(_("Pertanyaan untuk laporan ini sudah dijawab."))
            self.usulan_dijawab = timezone.now()
            Laporan.objects.filter(pk=self.pk).update(usulan_dijawab=self.usulan_dijawab)

    def pisahkan(self, *, oleh: User) -> Klaim:
        """Take this report, wrongly grouped, out of its claim into a new claim of its own, which is returned.
        Refused when the claim's verdict is public or this is its only report."""
        with transaction.atomic():
            # The claim is locked before the report, in the order a merge takes them, so the two never deadlock.
            klaim_id = Laporan.objects.filter(pk=self.pk).values_list("klaim_id", flat=True).first()
            lama = Klaim.objects.select_for_update().filter(pk=klaim_id).first() if klaim_id else None
            laporan = Laporan.objects.select_for_update().filter(pk=self.pk).first()
            if laporan is None or laporan.klaim_id != klaim_id or (klaim_id and lama is None):
                raise DomainError(_("Laporan ini baru saja dipindahkan pengguna lain. Muat ulang halaman."))
            if lama is not None and lama.is_terbit:
                raise DomainError(_("Laporan ini tidak dapat dipisahkan: putusan klaimnya sudah terbit."))
            if lama is not None and lama.laporan.count() <= 1:
                raise DomainError(_("Laporan ini tidak dapat dipisahkan: ini satu-satunya laporan klaimnya."))
            sebelum = potret(laporan, ["klaim"])
            baru = Klaim.objects.create(
                judul=laporan.teks[:300].split("\n")[0],
                teks_contoh=laporan.teks,
                pertama_dilihat=laporan.dibuat,
                terakhir_dilihat=laporan.dibuat,
                jumlah_laporan=1,
            )
            laporan.klaim = baru
            laporan.save(update_fields=["klaim"])
            if lama is not None:
                Klaim.objects.filter(pk=lama.pk).update(jumlah_laporan=lama.laporan.count())
            ringkasan = f"Laporan {laporan.kode} dipisahkan menjadi klaim #{baru.pk}"
            catat(oleh, Aksi.PISAH_LAPORAN, laporan, ringkasan, sebelum=sebelum)
        self.refresh_from_db()
        return baru


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


# A part of an import is stored in well under a minute (`cekfakta.claimreview.UKURAN_BAGIAN`).
MACET_SETELAH = timedelta(minutes=10)
# How often `lanjutkan_impor_macet` queues a stalled import again by itself before it stops and says so: a worker
# that died once is replaced by its service; one that never comes back needs a person, not a growing queue.
LANJUT_OTOMATIS_MAKS = 3


class ImporClaimReviewQuerySet(models.QuerySet["ImporClaimReview", "ImporClaimReview"]):
    def macet(self, now: datetime | None = None) -> ImporClaimReviewQuerySet:
        """Running, yet nothing stored (nor queued again) for MACET_SETELAH (see `ImporClaimReview.macet`)."""
        batas = (now or timezone.now()) - MACET_SETELAH
        return self.filter(status=ImporClaimReview.Status.BERJALAN, diperbarui__lt=batas).filter(
            models.Q(diantrekan_lagi__isnull=True) | models.Q(diantrekan_lagi__lt=batas)
        )

    def ditolak_antrean(self) -> ImporClaimReviewQuerySet:
        """Failed because the task queue refused their parts (see `ImporClaimReview.antrean_menolak`)."""
        return self.filter(status=ImporClaimReview.Status.GAGAL, ditolak_antrean=True)


class ImporClaimReview(models.Model):
    """A ClaimReview file uploaded in the admin, imported by the background workers in parts (`BagianImpor`).

    Computing the verdicts' meaning vectors takes tens of milliseconds each: a file of thousands would outlast
    a web request. The whole file is read and checked when it is uploaded (a broken file imports nothing); its
    items are then stored part by part, each part in one transaction with its vectors, so a verdict is never
    findable without its meaning and a part interrupted halfway is done again whole."""

    class Status(models.TextChoices):
        ANTRE = "antre", _("Menunggu giliran")
        BERJALAN = "berjalan", _("Sedang berjalan")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    nama_berkas = models.CharField(_("berkas"), max_length=255)
    sumber = models.CharField(_("pemeriksa fakta bawaan"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRE)
    jumlah_butir = models.PositiveIntegerField(_("butir dalam berkas"))
    dibuat = models.PositiveIntegerField(_("putusan diimpor"), default=0)
    dilewati = models.PositiveIntegerField(_("sudah ada"), default=0)  # known before, or earlier in the same file
    ditolak = models.JSONField(_("ditolak"), default=list)  # one line per refused item: which one, and why
    galat = models.TextField(_("galat"), blank=True)
    oleh = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("oleh"))
    dimulai = models.DateTimeField(_("diunggah"), default=timezone.now)
    selesai_pada = models.DateTimeField(_("selesai"), null=True, blank=True)
    # The last part stored (or the upload): a running import that has not moved for long lost its worker.
    diperbarui = models.DateTimeField(_("terakhir maju"), auto_now=True)
    # The last time its unfinished parts were queued again, by a person or by `lanjutkan_impor_macet`.
    diantrekan_lagi = models.DateTimeField(_("terakhir diantrekan lagi"), null=True, blank=True)
    # Times `lanjutkan_impor_macet` queued it again with no part stored since (LANJUT_OTOMATIS_MAKS at most).
    dilanjutkan_otomatis = models.PositiveSmallIntegerField(_("dilanjutkan otomatis"), default=0)
    # Failed because the task queue refused its parts (Redis or the database was gone): nothing of it was lost,
    # and `lanjutkan_impor_macet` queues it again once the queue answers.
    ditolak_antrean = models.BooleanField(_("ditolak antrean"), default=False)

    objects = ImporClaimReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor ClaimReview")
        verbose_name_plural = _("impor ClaimReview")
        ordering = ["-dimulai"]

    def __str__(self) -> str:
        return f"{self.nama_berkas} ({timezone.localtime(self.dimulai):%Y-%m-%d %H:%M})"

    def _sejak(self) -> datetime:
        return max(self.diperbarui, self.diantrekan_lagi or self.diperbarui)

    @property
    def macet(self) -> bool:
        """Running, yet no part stored (nor queued again) for MACET_SETELAH: a part takes seconds, so the worker
        that took it has likely stopped."""
        return self.status == self.Status.BERJALAN and timezone.now() - self._sejak() > MACET_SETELAH

    @property
    def menunggu_lama(self) -> bool:
        """Waiting for MACET_SETELAH with no part started: the task queue is busy, or no worker runs."""
        return self.status == self.Status.ANTRE and timezone.now() - self._sejak() > MACET_SETELAH

    # -- transitions --------------------------------------------------------------------------------

    def mulai(self) -> None:
        """A part has started: waiting becomes running (a failed or finished import keeps its status)."""
        ImporClaimReview.objects.filter(pk=self.pk, status=self.Status.ANTRE).update(status=self.Status.BERJALAN)

    def rangkum(self) -> None:
        """Add up the finished parts; once none is left, the import is done, whatever failed on the way (a part
        that failed and was run again). Called with this row locked, so two parts finishing together are counted
        once each."""
        bagian = list(self.bagian.order_by("nomor").values("selesai", "dibuat", "dilewati", "ditolak"))
        selesai = [b for b in bagian if b["selesai"]]
        self.dibuat = sum(b["dibuat"] for b in selesai)
        self.dilewati = sum(b["dilewati"] for b in selesai)
        self.ditolak = [alasan for b in selesai for alasan in b["ditolak"]]
        if len(selesai) == len(bagian):
            self.status, self.galat, self.selesai_pada = self.Status.SELESAI, "", timezone.now()
            self.ditolak_antrean = False
        self.dilanjutkan_otomatis = 0  # it moves: the automatic continuation has its tries back
        self.save(
            update_fields=[
                "dibuat",
                "dilewati",
                "ditolak",
                "status",
                "galat",
                "selesai_pada",
                "diperbarui",
                "dilanjutkan_otomatis",
                "ditolak_antrean",
            ]
        )

    def lanjutkan(self, *, oleh: User) -> list[int]:
        """Queue again the parts that did not finish (a failed part, or one a stopped worker left); returns their
        ids. A part still running may be queued twice: the copy that comes second finds it done. Refused when the
        import is done. A person continuing it gives the automatic continuation its tries back."""
        with transaction.atomic():
            impor = ImporClaimReview.objects.select_for_update().get(pk=self.pk)
            if impor.status == self.Status.SELESAI:
                raise DomainError(_("Impor ini sudah selesai."))
            ids = impor._antre_lagi(dilanjutkan_otomatis=0)
            catat(
                oleh,
                AksiCekFakta.LANJUTKAN_IMPOR,
                impor,
                f"Impor ClaimReview dilanjutkan: {impor.nama_berkas}, {len(ids)} bagian",
            )
        self.refresh_from_db()
        return ids

    @classmethod
    def antrean_menolak(cls, pk: int, galat: Exception) -> None:
        """The task queue refused a part of import `pk` (Redis or the database gone): the import fails, saying so
        and that it goes on by itself once the queue answers (`lanjutkan_otomatis`). A finished import stays
        finished, and one deleted meanwhile is left alone. One UPDATE, no read first: the database may be what
        refused."""
        cls.objects.filter(pk=pk).exclude(status=cls.Status.SELESAI).update(
            status=cls.Status.GAGAL,
            ditolak_antrean=True,
            galat=(
                f"Antrean tugas menolak: {type(galat).__name__}: {galat}. Impor ini dilanjutkan otomatis setelah "
                "antrean pulih (lanjutkan_impor_macet, tiap 10 menit), atau pakai “Lanjutkan bagian yang belum selesai”."
            )[:1000],
        )

    def lanjutkan_otomatis(self) -> tuple[list[int], bool]:
        """The periodic job's continuation of a stalled import (`macet`), once the task queue holds nothing that
        waits (so its parts are lost, not queued behind others), or of one the queue refused (`ditolak_antrean`),
        once it answers: the unfinished parts queued again, at most LANJUT_OTOMATIS_MAKS times in a row; the next
        time the import fails and says to look at the background worker. Returns the ids to queue and whether it
        failed now (([], False) when it is neither stalled nor refused any more)."""
        with transaction.atomic():
            impor = ImporClaimReview.objects.select_for_update().get(pk=self.pk)
            if not (impor.macet or (impor.status == self.Status.GAGAL and impor.ditolak_antrean)):
                return [], False
            ids: list[int] = []
            dihentikan = impor.dilanjutkan_otomatis >= LANJUT_OTOMATIS_MAKS
            if dihentikan:
                impor.status = self.Status.GAGAL
                periksa = (
                    "antrean tugas (Redis pada REDIS_URL, atau basis data)"
                    if impor.ditolak_antrean
                    else "pekerja latar belakang (layanan jembatan-worker, atau db_worker pada make run)"
                )
                impor.galat = (
                    f"Tidak ada bagian yang tersimpan setelah {LANJUT_OTOMATIS_MAKS} kali dilanjutkan otomatis. Periksa "
                    f"{periksa}, lalu pakai “Lanjutkan bagian yang belum selesai”."
                )
                impor.ditolak_antrean = False
                impor.save(update_fields=["status", "galat", "ditolak_antrean"])
                catat(None, AksiCekFakta.HENTIKAN_IMPOR, impor, f"Impor ClaimReview dihentikan: {impor.nama_berkas}")
            else:
                ids = impor._antre_lagi(dilanjutkan_otomatis=impor.dilanjutkan_otomatis + 1)
                catat(
                    None,
                    AksiCekFakta.LANJUTKAN_IMPOR,
                    impor,
                    f"Impor ClaimReview dilanjutkan otomatis: {impor.nama_berkas}, {len(ids)} bagian",
                )
        self.refresh_from_db()
        return ids, dihentikan

    def _antre_lagi(self, *, dilanjutkan_otomatis: int) -> list[int]:
        # Called with this row locked. The time it was queued again restarts the clock of `macet`; the time of the
        # last progress (`diperbarui`) stays what it was.
        ids = list(self.bagian.filter(selesai=False).values_list("pk", flat=True))
        if ids:
            self.status, self.galat, self.diantrekan_lagi = self.Status.ANTRE, "", timezone.now()
            self.dilanjutkan_otomatis, self.ditolak_antrean = dilanjutkan_otomatis, False
            self.save(update_fields=["status", "galat", "diantrekan_lagi", "dilanjutkan_otomatis", "ditolak_antrean"])
        else:
            self.rangkum()  # every part was stored after all (a copy run again)
        return ids


class BagianImpor(models.Model):
    """Part of an import: its items, stored in one transaction by one background task."""

    impor = models.ForeignKey(ImporClaimReview, on_delete=models.CASCADE, related_name="bagian")
    nomor = models.PositiveIntegerField()
    jumlah = models.PositiveIntegerField()  # items in this part
    butir = models.JSONField(default=list)  # [[number in the file, item], ...]; emptied once stored
    selesai = models.BooleanField(default=False)
    dibuat = models.PositiveIntegerField(default=0)
    dilewati = models.PositiveIntegerField(default=0)
    ditolak = models.JSONField(default=list)
    galat = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["impor", "nomor"], name="bagian_impor_unik")]

    def __str__(self) -> str:
        return f"{self.impor_id}/{self.nomor}"

    # -- transitions --------------------------------------------------------------------------------

    def tandai_selesai(self, dibuat: int, dilewati: int, ditolak: list[str]) -> None:
        if self.selesai:
            raise DomainError(_("Bagian impor ini sudah selesai."))
        self.selesai, self.butir, self.galat = True, [], ""
        self.dibuat, self.dilewati, self.ditolak = dibuat, dilewati, ditolak
        self.save(update_fields=["selesai", "butir", "galat", "dibuat", "dilewati", "ditolak"])

    def catat_gagal(self, galat: str) -> None:
        """This copy of the part failed: the part and its import say so, unless another copy stored the part
        meanwhile (then nothing failed) or the import is done. The part's row before the import's, as a part
        being written locks them."""
        galat = galat[:1000]
        with transaction.atomic():
            if BagianImpor.objects.filter(pk=self.pk, selesai=False).update(galat=galat):
                ImporClaimReview.objects.filter(pk=self.impor_id).exclude(status=ImporClaimReview.Status.SELESAI).update(
                    status=ImporClaimReview.Status.GAGAL, galat=galat, ditolak_antrean=False
                )
