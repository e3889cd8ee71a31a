"""Suara warga: citizens' aspirations tracked to an answer on a working-day clock, the development programs
of villages, kecamatan and the regency, and polls."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, daftarkan_aksi, potret
from akun.models import Peran
from jembatan.lib.domain import DomainError, Versioned
from jembatan.lib.markup import to_text
from jembatan.lib.pagecache import invalidate
from jembatan.lib.photos import PhotoVariants
from jembatan.lib.text import rupiah, tokens
from jembatan.lib.uploads import UploadTo
from wilayah.models import HariKhusus, Level, Wilayah


@daftarkan_aksi
class AksiSuara(models.TextChoices):
    ASPIRASI_KIRIM = "suarawarga_aspirasi_kirim", _("Aspirasi dikirim")
    ASPIRASI_VERIFIKASI = "suarawarga_aspirasi_verifikasi", _("Aspirasi diverifikasi")
    ASPIRASI_TERUSKAN = "suarawarga_aspirasi_teruskan", _("Aspirasi diteruskan")
    ASPIRASI_TINDAK_LANJUT = "suarawarga_aspirasi_tindak_lanjut", _("Aspirasi ditindaklanjuti")
    ASPIRASI_SELESAI = "suarawarga_aspirasi_selesai", _("Aspirasi selesai")
    ASPIRASI_TOLAK = "suarawarga_aspirasi_tolak", _("Aspirasi ditolak")
    ASPIRASI_GABUNG = "suarawarga_aspirasi_gabung", _("Aspirasi digabung")
    ASPIRASI_TANGGAPAN = "suarawarga_aspirasi_tanggapan", _("Pengirim menanggapi tindak lanjut")
    PROGRAM_BUAT = "suarawarga_program_buat", _("Program pembangunan dibuat")
    PROGRAM_UBAH = "suarawarga_program_ubah", _("Program pembangunan diubah")
    PROGRAM_TAHAP = "suarawarga_program_tahap", _("Tahap program pembangunan diubah")
    PROGRAM_PROGRES = "suarawarga_program_progres", _("Kemajuan program pembangunan dicatat")
    JAJAK_BUAT = "suarawarga_jajak_buat", _("Jajak pendapat dibuat")
    JAJAK_TUTUP_OPSI = "suarawarga_jajak_tutup_opsi", _("Pilihan jajak pendapat ditutup")


# --- Aspirasi ---------------------------------------------------------------------------------------


class TopikAspirasi(models.TextChoices):
    INFRASTRUKTUR = "infrastruktur", _("Jalan, jembatan dan bangunan umum")
    AIR_SANITASI = "air_sanitasi", _("Air bersih dan sanitasi")
    KESEHATAN = "kesehatan", _("Kesehatan")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    EKONOMI = "ekonomi", _("Ekonomi, pertanian dan UMKM")
    SOSIAL = "sosial", _("Bantuan sosial")
    ADMINISTRASI = "administrasi", _("Pelayanan administrasi")
    LINGKUNGAN = "lingkungan", _("Lingkungan dan kebersihan")
    KEAMANAN = "keamanan", _("Keamanan dan ketertiban")
    LAINNYA = "lainnya", _("Lainnya")


class StatusAspirasi(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DITERUSKAN = "diteruskan", _("Diteruskan")
    DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
    SELESAI = "selesai", _("Selesai")
    DITOLAK = "ditolak", _("Ditolak")
    DIGABUNG = "digabung", _("Digabung")


class Tujuan(models.TextChoices):
    DESA = "desa", _("Pemerintah desa/kelurahan")
    OPD = "opd", _("Perangkat daerah (OPD)")
    LAPOR = "lapor", _("SP4N-LAPOR!")


# The working-day clock, as SP4N-LAPOR! keeps it: verified and forwarded within 3 working days of arrival,
# followed up within 5 working days of forwarding, closed 10 working days after a follow-up the sender
# did not answer.
HARI_TERUSKAN = 3
HARI_TINDAK_LANJUT = 5
HARI_TUTUP = 10

ISI_MAKS = 3000
# SP4N-LAPOR! tracking numbers are digits (7 today; a few more allowed), sometimes written with a leading #.
_NOMOR_LAPOR = re.compile(r"^\d{6,12}$")
# Tracking codes: no 0/O or 1/I/L, so a code read over the phone is typed right.
_HURUF_KODE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

TERBUKA = (StatusAspirasi.DITERIMA, StatusAspirasi.DIVERIFIKASI, StatusAspirasi.DITERUSKAN, StatusAspirasi.DITINDAKLANJUTI)
BELUM_DITERUSKAN = (StatusAspirasi.DITERIMA, StatusAspirasi.DIVERIFIKASI)


def buat_kode() -> str:
    """A tracking code like ASP-7KQ2-M9XD: 40 bits of chance, so codes cannot be guessed in practice."""
    acak = "".join(secrets.choice(_HURUF_KODE) for _i in range(8))
    return f"ASP-{acak[:4]}-{acak[4:]}"


def rapikan_kode(teks: str) -> str:
    """A code as typed ("asp 7kq2m9xd", "7KQ2-M9XD") in its stored shape."""
    inti = re.sub(r"[^A-Z0-9]", "", teks.upper())
    inti = inti.removeprefix("ASP")
    return f"ASP-{inti[:4]}-{inti[4:]}" if len(inti) == 8 else ""


def rapikan_nomor_lapor(teks: str) -> str:
    """A LAPOR! tracking number in its stored shape, or DomainError when it is not one."""
    nomor = re.sub(r"[\s#]", "", teks)
    if not _NOMOR_LAPOR.match(nomor):
        raise DomainError(_("Nomor pelacakan LAPOR! terdiri atas 6–12 angka, mis. 4512873 (tanpa huruf)."), field="nomor_lapor")
    return nomor


# Grouping: a running aspiration of the same village is suggested to the desk as "serupa" when the content words
# of the two texts overlap this much (Dice coefficient), among the latest CALON_SERUPA of that village.
AMBANG_SERUPA = 0.5
CALON_SERUPA = 300


def kata_inti(teks: str) -> frozenset[str]:
    """The content words of an aspiration (slang and Banjar normalised, stopwords dropped, numbers kept)."""
    return frozenset(tokens(teks))


def kemiripan(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two aspirations' words are, 0–1 (Dice). Numbers both name must meet: "RT 3" and "RT 5" are
    different places however alike the rest is."""
    if not a or not b:
        return 0.0
    angka_a, angka_b = {k for k in a if k.isdigit()}, {k for k in b if k.isdigit()}
    if angka_a and angka_b and not angka_a & angka_b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def hari_ini() -> date:
    return timezone.localdate()


def nama_pelaku(user, wilayah: Wilayah) -> str:
    """How a step's page names who took it: the office, not the person (the sender follows an institution)."""
    if user is None:
        return str(_("Sistem Jembatan"))
    desa = wilayah if wilayah.level == Level.DESA else None
    if user.peran in (Peran.PENGURUS, Peran.ANGGOTA) and desa is not None and getattr(desa, "kim", None) is not None:
        return desa.kim.nama
    if user.peran == Peran.PEMDES and desa is not None:
        return str(_("Pemerintah %(desa)s") % {"desa": desa.nama_lengkap})
    if user.peran == Peran.OPERATOR and desa is not None and desa.parent is not None:
        return str(_("Operator %(kec)s") % {"kec": desa.parent.nama_lengkap})
    return str(_("Diskominfo"))


class AspirasiQuerySet(models.QuerySet["Aspirasi", "Aspirasi"]):
    def publik(self):
        """Aspirations whose senders allowed them to be shown (anonymised), not merged into another."""
        return self.filter(boleh_publik=True).exclude(status=StatusAspirasi.DIGABUNG)

    def terbuka(self):
        return self.filter(status__in=TERBUKA)

    def terlambat(self, pada: date):
        """Past their clock on `pada`: not forwarded by its forwarding deadline, or forwarded and not
        followed up by its follow-up deadline."""
        return self.filter(
            Q(status__in=BELUM_DITERUSKAN, batas_teruskan__lt=pada)
            | Q(status=StatusAspirasi.DITERUSKAN, batas_tindak_lanjut__lt=pada)
        )

    def jatuh_tutup(self, pada: date):
        """Followed up and not answered by the sender within HARI_TUTUP working days: due to be closed."""
        return self.filter(status=StatusAspirasi.DITINDAKLANJUTI, batas_tutup__lt=pada)


class Aspirasi(models.Model):
    """An aspiration or complaint about a village, followed through its steps by its tracking code.

    The sender's name, phone and e-mail are never shown on any public page; a public aspiration shows
    its topic, village, text and steps only."""

    kode = models.CharField(_("kode pelacakan"), max_length=13, unique=True)
    topik = models.CharField(_("topik"), max_length=20, choices=TopikAspirasi.choices)
    isi = models.TextField(_("isi aspirasi"), max_length=ISI_MAKS)
    wilayah = models.ForeignKey(Wilayah, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, related_name="+")
    # The village's kecamatan, kept on save so that the statistics count per kecamatan in one pass over the
    # aspirations, without joining the region table.
    kecamatan = models.ForeignKey(
        Wilayah, null=True, editable=False, on_delete=models.PROTECT, related_name="+", db_index=False
    )  # indexed first in suarawarga_aspirasi_statistik
    # For the Musrenbangdes list of proposals, when the sender knows them.
    lokasi = models.CharField(_("lokasi"), max_length=150, blank=True)
    volume = models.CharField(_("volume"), max_length=100, blank=True)
    perkiraan_biaya = models.PositiveBigIntegerField(_("perkiraan biaya (Rp)"), null=True, blank=True)
    nama = models.CharField(_("nama"), max_length=100, blank=True)
    telepon = models.CharField(_("nomor HP"), max_length=15, blank=True)
    email = models.EmailField(_("email"), blank=True)
    boleh_publik = models.BooleanField(_("boleh ditampilkan di halaman publik (tanpa nama)"), default=False)
    # A KIM member entered it for a villager met offline, who agreed to it being sent.
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    persetujuan_warga = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=StatusAspirasi.choices, default=StatusAspirasi.DITERIMA, db_index=True
    )
    tujuan = models.CharField(_("diteruskan ke"), max_length=8, choices=Tujuan.choices, blank=True)
    nama_tujuan = models.CharField(_("nama instansi tujuan"), max_length=150, blank=True)
    nomor_lapor = models.CharField(_("nomor pelacakan LAPOR!"), max_length=12, blank=True)
    alasan = models.TextField(_("alasan"), blank=True)  # why it was refused or merged; the sender sees it
    induk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="gabungan", verbose_name=_("digabung ke")
    )
    # The sender plus everyone whose aspiration was merged into this one.
    jumlah_pendukung = models.PositiveIntegerField(_("jumlah warga yang mendukung"), default=1)
    diterima_pada = models.DateTimeField(default=timezone.now, db_index=True)
    diteruskan_pada = models.DateTimeField(null=True, blank=True)
    ditindaklanjuti_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    # Working days from arrival to the answer (the latest follow-up, or the refusal), kept when the answer is
    # given so that the statistics count a median over many aspirations in the database.
    hari_jawab = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    batas_teruskan = models.DateField()
    batas_tindak_lanjut = models.DateField(null=True, blank=True)
    batas_tutup = models.DateField(null=True, blank=True)
    diingatkan_pada = models.DateField(null=True, blank=True)  # last reminder to the holders of an overdue item
    klien = models.CharField(max_length=32, blank=True)  # keyed hash of the sender's address (rate limits)
    demo = models.BooleanField(default=False)

    objects = AspirasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("aspirasi")
        verbose_name_plural = _("aspirasi")
        ordering = ["-diterima_pada"]
        indexes = [
            models.Index(fields=["wilayah", "status"]),
            models.Index(fields=["boleh_publik", "status"]),
            # The public list, newest first, all topics or one (100,000 aspirations: one page stays an index walk).
            models.Index(fields=["-diterima_pada"], condition=Q(boleh_publik=True), name="suarawarga_aspirasi_publik"),
            models.Index(fields=["topik", "-diterima_pada"], condition=Q(boleh_publik=True), name="suarawarga_aspirasi_topik"),
            # Every column the statistics read, in their grouping order: on PostgreSQL one index-only scan, already
            # grouped, instead of a pass over the whole table (about half the time at 100,000 aspirations).
            models.Index(
                fields=["kecamatan", "topik", "hari_jawab", "status", "batas_teruskan", "batas_tindak_lanjut"],
                name="suarawarga_aspirasi_statistik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.get_topik_display()}"

    def save(self, *args, **kwargs) -> None:
        # The kecamatan follows the village (update_fields naming the village saves it too).
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"wilayah", "wilayah_id"} & set(update_fields):
            self.kecamatan_id = self.wilayah.parent_id if self.wilayah_id else None
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "kecamatan"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("suarawarga:aspirasi_status", args=[self.kode])

    # -- shown on pages ---------------------------------------------------------------------------

    @property
    def ringkasan(self) -> str:
        return self.isi[:200].rsplit(" ", 1)[0] + "…" if len(self.isi) > 200 else self.isi

    @property
    def batas_berjalan(self) -> date | None:
        """The deadline of the step the aspiration waits for now (None when none runs)."""
        if self.status in BELUM_DITERUSKAN:
            return self.batas_teruskan
        if self.status == StatusAspirasi.DITERUSKAN:
            return self.batas_tindak_lanjut
        if self.status == StatusAspirasi.DITINDAKLANJUTI:
            return self.batas_tutup
        return None

    def terlambat(self, pada: date | None = None) -> bool:
        batas = self.batas_berjalan
        return self.status != StatusAspirasi.DITINDAKLANJUTI and batas is not None and (pada or hari_ini()) > batas

    @property
    def hari_kerja_sampai_selesai(self) -> int | None:
        """Working days from arrival to its answer (follow-up, or the close of a refused one)."""
        return self.hari_jawab

    def _hari_sampai_hari_ini(self) -> int:
        kalender = HariKhusus.objects.kalender()
        return kalender.working_days_between(timezone.localdate(self.diterima_pada), hari_ini())

    # -- domain changes --------------------------------------------------------------------------

    @classmethod
    def kirim(cls, *, oleh=None, persetujuan_warga: bool = False, **fields) -> Aspirasi:
        """Store a new aspiration with its tracking code and its forwarding deadline (HARI_TERUSKAN working
        days after today). `oleh` is the KIM member entering it for a villager, who must have agreed."""
        if oleh is not None and not persetujuan_warga:
            raise DomainError(_("Catat dulu bahwa warga setuju aspirasinya dikirimkan melalui Anda."), field="persetujuan_warga")
        sekarang = timezone.now()
        kalender = HariKhusus.objects.kalender()
        with transaction.atomic():
            while True:
                kode = buat_kode()
                if not cls.objects.filter(kode=kode).exists():
                    break
            aspirasi = cls.objects.create(
                kode=kode,
                dicatat_oleh=oleh,
                persetujuan_warga=persetujuan_warga,
                diterima_pada=sekarang,
                batas_teruskan=kalender.add_working_days(timezone.localdate(sekarang), HARI_TERUSKAN),
                **fields,
            )
            catatan = str(_("Dicatat oleh anggota KIM atas persetujuan warga.")) if oleh is not None else ""
            LangkahAspirasi.objects.create(
                aspirasi=aspirasi,
                status=StatusAspirasi.DITERIMA,
                catatan=catatan,
                oleh=oleh,
                pelaku=nama_pelaku(oleh, aspirasi.wilayah) if oleh is not None else str(_("Pengirim")),
                pada=sekarang,
            )
            catat(oleh, AksiSuara.ASPIRASI_KIRIM, aspirasi, f"Aspirasi {kode} diterima", wilayah=aspirasi.wilayah)
        if aspirasi.boleh_publik:
            invalidate()
        return aspirasi

    def _langkah(
        self, ke: str, dari: tuple[str, ...], oleh, aksi: str, catatan: str, pesan, pelaku: str = "", **ubah
    ) -> LangkahAspirasi:
        """Inside one transaction: lock the row, refuse a move from a status not in `dari`, set the new status
        and fields, write the dated step the sender's page shows and the audit entry."""
        with transaction.atomic():
            lama = Aspirasi.objects.select_for_update().get(pk=self.pk)
            if lama.status not in dari:
                raise DomainError(pesan)
            sekarang = timezone.now()
            self.status = ke
            for nama, nilai in ubah.items():
                setattr(self, nama, nilai)
            # Only what this step changes: a count of supporters added meanwhile by a merge must stay.
            self.save(update_fields=["status", *ubah])
            langkah = LangkahAspirasi.objects.create(
                aspirasi=self,
                status=ke,
                catatan=catatan,
                oleh=oleh,
                pelaku=pelaku or nama_pelaku(oleh, self.wilayah),
                pada=sekarang,
            )
            catat(oleh, aksi, self, f"{self.kode}: {self.get_status_display()}", wilayah=self.wilayah)
            invalidate()  # the sender's page (cached like every public page) shows the new step
        return langkah

    def verifikasi(self, *, oleh, catatan: str = "") -> LangkahAspirasi:
        """The aspiration is real and belongs here; its forwarding clock keeps running."""
        return self._langkah(
            StatusAspirasi.DIVERIFIKASI,
            (StatusAspirasi.DITERIMA,),
            oleh,
            AksiSuara.ASPIRASI_VERIFIKASI,
            catatan.strip(),
            _("Hanya aspirasi yang baru diterima yang dapat diverifikasi."),
        )

    def teruskan(self, *, oleh, tujuan: str, nama_tujuan: str = "", nomor_lapor: str = "", catatan: str = "") -> LangkahAspirasi:
        """Forward a verified aspiration to the village government, an OPD (named) or SP4N-LAPOR! (with the
        LAPOR! tracking number); the follow-up clock starts: HARI_TINDAK_LANJUT working days."""
        if tujuan not in Tujuan.values:
            raise DomainError(_("Pilih ke mana aspirasi diteruskan."), field="tujuan")
        nama_tujuan = nama_tujuan.strip()
        if tujuan == Tujuan.OPD and not nama_tujuan:
            raise DomainError(_("Tuliskan nama perangkat daerah yang dituju, mis. Dinas PUPR."), field="nama_tujuan")
        nomor = rapikan_nomor_lapor(nomor_lapor) if tujuan == Tujuan.LAPOR else ""
        if tujuan == Tujuan.DESA:
            nama_tujuan = str(_("Pemerintah %(desa)s") % {"desa": self.wilayah.nama_lengkap})
        elif tujuan == Tujuan.LAPOR:
            nama_tujuan = "SP4N-LAPOR!"
        kalender = HariKhusus.objects.kalender()
        return self._langkah(
            StatusAspirasi.DITERUSKAN,
            (StatusAspirasi.DIVERIFIKASI,),
            oleh,
            AksiSuara.ASPIRASI_TERUSKAN,
            catatan.strip(),
            _("Aspirasi perlu diverifikasi dulu sebelum diteruskan."),
            tujuan=tujuan,
            nama_tujuan=nama_tujuan,
            nomor_lapor=nomor,
            diteruskan_pada=timezone.now(),
            batas_tindak_lanjut=kalender.add_working_days(hari_ini(), HARI_TINDAK_LANJUT),
        )

    def tindak_lanjuti(self, *, oleh, catatan: str) -> LangkahAspirasi:
        """Record what was done about a forwarded aspiration (the note is required: the sender reads it). The
        sender then has HARI_TUTUP working days to say whether it settled the matter."""
        if not catatan.strip():
            raise DomainError(_("Tuliskan tindak lanjutnya; pengirim akan membacanya."), field="catatan")
        kalender = HariKhusus.objects.kalender()
        return self._langkah(
            StatusAspirasi.DITINDAKLANJUTI,
            (StatusAspirasi.DITERUSKAN,),
            oleh,
            AksiSuara.ASPIRASI_TINDAK_LANJUT,
            catatan.strip(),
            _("Hanya aspirasi yang sudah diteruskan yang dapat ditindaklanjuti."),
            ditindaklanjuti_pada=timezone.now(),
            hari_jawab=self._hari_sampai_hari_ini(),
            batas_tutup=kalender.add_working_days(hari_ini(), HARI_TUTUP),
        )

    def selesaikan(self, *, oleh, catatan: str = "") -> LangkahAspirasi:
        """Close an aspiration after its follow-up (never before: there would be no answer to read)."""
        return self._langkah(
            StatusAspirasi.SELESAI,
            (StatusAspirasi.DITINDAKLANJUTI,),
            oleh,
            AksiSuara.ASPIRASI_SELESAI,
            catatan.strip(),
            _("Aspirasi baru dapat diselesaikan setelah ada catatan tindak lanjut."),
            selesai_pada=timezone.now(),
        )

    def tolak(self, *, oleh, alasan: str) -> LangkahAspirasi:
        """Refuse an aspiration that has not been forwarded, with a reason the sender reads."""
        if not alasan.strip():
            raise DomainError(_("Tuliskan alasan penolakan; pengirim akan membacanya."), field="alasan")
        return self._langkah(
            StatusAspirasi.DITOLAK,
            BELUM_DITERUSKAN,
            oleh,
            AksiSuara.ASPIRASI_TOLAK,
            alasan.strip(),
            _("Aspirasi yang sudah diteruskan tidak dapat ditolak lagi."),
            alasan=alasan.strip(),
            selesai_pada=timezone.now(),
            hari_jawab=self._hari_sampai_hari_ini(),
        )

    def gabung_ke(self, induk: Aspirasi, *, oleh, alasan: str = "") -> LangkahAspirasi:
        """Merge this aspiration into a similar open one of the same village: its supporters count there, and
        the sender's page points to it."""
        if induk.pk == self.pk or induk.wilayah_id != self.wilayah_id or induk.status not in TERBUKA:
            raise DomainError(
                _("Aspirasi hanya dapat digabung ke aspirasi lain dari desa yang sama yang masih berjalan."), field="induk"
            )
        alasan = alasan.strip() or str(_("Digabung dengan aspirasi serupa %(kode)s.") % {"kode": induk.kode})
        with transaction.atomic():
            langkah = self._langkah(
                StatusAspirasi.DIGABUNG,
                BELUM_DITERUSKAN,
                oleh,
                AksiSuara.ASPIRASI_GABUNG,
                alasan,
                _("Aspirasi yang sudah diteruskan tidak dapat digabung."),
                alasan=alasan,
                induk=induk,
                selesai_pada=timezone.now(),
            )
            Aspirasi.objects.filter(pk=induk.pk).update(jumlah_pendukung=F("jumlah_pendukung") + self.jumlah_pendukung)
            induk.refresh_from_db(fields=["jumlah_pendukung"])
        return langkah

    def tanggapi(self, *, puas: bool, catatan: str = "") -> LangkahAspirasi:
        """The sender answers a follow-up: settled (the aspiration is done) or not yet (with why; it goes
        back to whoever it was forwarded to, with a new follow-up clock)."""
        if puas:
            return self._langkah(
                StatusAspirasi.SELESAI,
                (StatusAspirasi.DITINDAKLANJUTI,),
                None,
                AksiSuara.ASPIRASI_TANGGAPAN,
                catatan.strip() or str(_("Pengirim menyatakan aspirasinya sudah selesai.")),
                _("Aspirasi ini tidak sedang menunggu tanggapan Anda."),
                pelaku=str(_("Pengirim")),
                selesai_pada=timezone.now(),
            )
        if not catatan.strip():
            raise DomainError(_("Ceritakan apa yang belum selesai, agar dapat ditindaklanjuti lagi."), field="catatan")
        kalender = HariKhusus.objects.kalender()
        return self._langkah(
            StatusAspirasi.DITERUSKAN,
            (StatusAspirasi.DITINDAKLANJUTI,),
            None,
            AksiSuara.ASPIRASI_TANGGAPAN,
            catatan.strip(),
            _("Aspirasi ini tidak sedang menunggu tanggapan Anda."),
            batas_tindak_lanjut=kalender.add_working_days(hari_ini(), HARI_TINDAK_LANJUT),
            pelaku=str(_("Pengirim")),
            batas_tutup=None,
        )

    def tutup_otomatis(self) -> LangkahAspirasi:
        """Close a follow-up the sender did not answer within HARI_TUTUP working days."""
        return self._langkah(
            StatusAspirasi.SELESAI,
            (StatusAspirasi.DITINDAKLANJUTI,),
            None,
            AksiSuara.ASPIRASI_SELESAI,
            str(_("Ditutup otomatis: tidak ada tanggapan pengirim dalam %(n)s hari kerja setelah tindak lanjut."))
            % {"n": HARI_TUTUP},
            _("Aspirasi ini tidak sedang menunggu tanggapan pengirim."),
            selesai_pada=timezone.now(),
        )

    def serupa(self, batas: int = 5) -> list[tuple[Aspirasi, float]]:
        """Running aspirations of the same village that say much the same (see `kemiripan`), the likeliest first,
        then the most supported: what the desk may merge this one into, so that "jalan rusak di RT 3" sent 40
        times becomes one item with 40 supporters."""
        kata = kata_inti(self.isi)
        calon = (
            Aspirasi.objects.filter(wilayah_id=self.wilayah_id, status__in=TERBUKA)
            .exclude(pk=self.pk)
            .only("id", "kode", "isi", "topik", "status", "jumlah_pendukung", "diterima_pada", "wilayah_id")
            .order_by("-diterima_pada")[:CALON_SERUPA]
        )
        nilai = [(a, kemiripan(kata, kata_inti(a.isi))) for a in calon]
        cocok = [(a, n) for a, n in nilai if n >= AMBANG_SERUPA]
        cocok.sort(key=lambda an: (-round(an[1], 2), -an[0].jumlah_pendukung, an[0].diterima_pada))
        return cocok[:batas]

    @property
    def boleh_didukung(self) -> bool:
        return self.boleh_publik and self.status in TERBUKA

    def dukung(self, *, pendukung: str, klien: str = "", batas_per_klien: int | None = None) -> bool:
        """A visitor supports a public running aspiration ("saya juga mengalami ini"): one support per
        `pendukung` (a browser token's keyed hash), and at most `batas_per_klien` from one address. True when
        counted, False when this browser had already supported it."""
        if not self.boleh_didukung:
            raise DomainError(_("Aspirasi ini tidak sedang menerima dukungan."))
        with transaction.atomic():
            if DukunganAspirasi.objects.filter(aspirasi=self, pendukung=pendukung).exists():
                return False
            penuh = batas_per_klien is not None and klien
            if penuh and DukunganAspirasi.objects.filter(aspirasi=self, klien=klien).count() >= (batas_per_klien or 0):
                raise DomainError(_("Terlalu banyak dukungan dari alamat jaringan ini untuk aspirasi ini."))
            try:
                with transaction.atomic():
                    DukunganAspirasi.objects.create(aspirasi=self, pendukung=pendukung, klien=klien)
            except IntegrityError:  # the same browser's other request counted first
                return False
            Aspirasi.objects.filter(pk=self.pk).update(jumlah_pendukung=F("jumlah_pendukung") + 1)
            self.refresh_from_db(fields=["jumlah_pendukung"])
        invalidate()
        return True

    def klaim_pengingat(self, hari: date) -> bool:
        """Claim today's reminder to the holders of this overdue aspiration: True once a day, False to a second
        (or concurrent) run that day."""
        return bool(Aspirasi.objects.filter(pk=self.pk).exclude(diingatkan_pada=hari).update(diingatkan_pada=hari))

    def kabari(self, langkah: LangkahAspirasi, tautan: str) -> None:
        """E-mail the sender about a step, once the transaction commits, when they left an address."""
        if not self.email:
            return
        from suarawarga.tasks import kabari_pengirim  # late import: the tasks module imports this one

        transaction.on_commit(lambda: kabari_pengirim.enqueue(langkah.pk, tautan))


class LangkahAspirasi(models.Model):
    """One dated step of an aspiration, as its tracking page lists it."""

    aspirasi = models.ForeignKey(Aspirasi, on_delete=models.CASCADE, related_name="langkah")
    status = models.CharField(max_length=16, choices=StatusAspirasi.choices)
    catatan = models.TextField(blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    pelaku = models.CharField(max_length=200)  # the office that took the step, as the public page names it
    pada = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pada", "id"]
        verbose_name = _("langkah aspirasi")
        verbose_name_plural = _("langkah aspirasi")

    def __str__(self) -> str:
        return f"{self.aspirasi.kode} {self.status}"


class DukunganAspirasi(models.Model):
    """One visitor's support of a public aspiration. `pendukung` is a keyed hash of a browser token; `klien` a
    keyed hash of the address (never the address)."""

    aspirasi = models.ForeignKey(Aspirasi, on_delete=models.CASCADE, related_name="dukungan")
    pendukung = models.CharField(max_length=40)
    klien = models.CharField(max_length=32, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dukungan aspirasi")
        verbose_name_plural = _("dukungan aspirasi")
        constraints = [models.UniqueConstraint(fields=["aspirasi", "pendukung"], name="suarawarga_dukungan_sekali")]
        indexes = [models.Index(fields=["aspirasi", "klien"])]

    def __str__(self) -> str:
        return f"{self.aspirasi_id}:{self.pendukung}"


class FotoAspirasi(PhotoVariants):
    """The photo a sender attached (resized, location and camera data removed)."""

    aspirasi = models.ForeignKey(Aspirasi, on_delete=models.CASCADE, related_name="foto")

    class Meta(PhotoVariants.Meta):
        verbose_name = _("foto aspirasi")
        verbose_name_plural = _("foto aspirasi")


# --- Program pembangunan -----------------------------------------------------------------------------


class Bidang(models.TextChoices):
    INFRASTRUKTUR = "infrastruktur", _("Infrastruktur")
    KESEHATAN = "kesehatan", _("Kesehatan")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    EKONOMI = "ekonomi", _("Ekonomi")
    SOSIAL = "sosial", _("Sosial")
    LINGKUNGAN = "lingkungan", _("Lingkungan")
    PEMERINTAHAN = "pemerintahan", _("Pemerintahan")
    LAINNYA = "lainnya", _("Lainnya")


class SumberDana(models.TextChoices):
    DANA_DESA = "dana_desa", _("Dana Desa")
    ADD = "add", _("ADD")
    APBD_KAB = "apbd_kab", _("APBD kabupaten")
    APBD_PROV = "apbd_prov", _("APBD provinsi")
    APBN = "apbn", _("APBN")
    SWADAYA = "swadaya", _("Swadaya")
    LAINNYA = "lainnya", _("Lainnya")


class TahapProgram(models.TextChoices):
    RENCANA = "rencana", _("Rencana")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    DITUNDA = "ditunda", _("Ditunda")
    BATAL = "batal", _("Batal")


# Which stage may follow which (selesai and batal are final).
TAHAP_BERIKUT: dict[str, tuple[str, ...]] = {
    TahapProgram.RENCANA: (TahapProgram.BERJALAN, TahapProgram.DITUNDA, TahapProgram.BATAL),
    TahapProgram.BERJALAN: (TahapProgram.SELESAI, TahapProgram.DITUNDA, TahapProgram.BATAL),
    TahapProgram.DITUNDA: (TahapProgram.BERJALAN, TahapProgram.BATAL),
    TahapProgram.SELESAI: (),
    TahapProgram.BATAL: (),
}

# What the program form edits (the audit trail compares these).
KOLOM_PROGRAM = [
    "nama",
    "deskripsi",
    "wilayah",
    "bidang",
    "tahun",
    "sumber_dana",
    "anggaran",
    "pelaksana",
    "dokumen",
    "dokumen_keterangan",
]


class ProgramQuerySet(models.QuerySet["Program", "Program"]):
    def mencakup_desa(self, desa: Wilayah):
        """Programs carried out in this village (alone or with others); not its kecamatan's or the regency's."""
        return self.filter(pk__in=Program.desa.through.objects.filter(wilayah=desa).values("program_id"))

    def di_kecamatan(self, kecamatan_kode: str):
        """A kecamatan's own programs and those of any of its villages (a program of villages in two
        kecamatan is in both)."""
        di_desanya = Program.desa.through.objects.filter(wilayah__parent_id=kecamatan_kode).values("program_id")
        return self.filter(Q(wilayah_id=kecamatan_kode) | Q(pk__in=di_desanya))

    def di_kode(self, kode: str):
        """Programs of a region given by its code: a village's (also those it shares with other villages), or a
        kecamatan's own and its villages'."""
        cakupan = Program.desa.through.objects.filter(Q(wilayah_id=kode) | Q(wilayah__parent_id=kode)).values("program_id")
        return self.filter(Q(wilayah_id=kode) | Q(pk__in=cakupan))

    def di_wilayah(self, wilayah: Wilayah):
        """Programs that reach a village (its own, its kecamatan's and the regency's), of a kecamatan (its own and
        its villages'), or of the regency (all)."""
        if wilayah.level == Level.DESA:
            di_desa = Program.desa.through.objects.filter(wilayah=wilayah).values("program_id")
            return self.filter(Q(pk__in=di_desa) | Q(wilayah_id=wilayah.parent_id) | Q(wilayah__level=Level.KABUPATEN))
        if wilayah.level == Level.KECAMATAN:
            return self.di_kecamatan(wilayah.kode)
        return self


# A question under a program left this many working days without an official answer is flagged to the
# program's owner and shown publicly as "belum ditanggapi".
HARI_TANGGAPAN = 10


def batas_tanggapan(hari: date | None = None) -> datetime:
    """Questions written before this moment have waited HARI_TANGGAPAN working days or more by `hari`
    (today): the start of the day after the last date from which `hari` is that many working days away."""
    hari = hari or hari_ini()
    kalender = HariKhusus.objects.kalender()
    terakhir = hari
    while kalender.working_days_between(terakhir, hari) < HARI_TANGGAPAN:
        terakhir -= timedelta(days=1)
    return timezone.make_aware(datetime.combine(terakhir + timedelta(days=1), time.min))


class Program(Versioned):
    """A development program of a village, a kecamatan or the whole regency, with its budget and progress,
    published by the government that owns it and discussed under its page."""

    # The discussion under a program asks each top-level comment for a stance, and questions wait for an
    # official answer from the program's owner (see `batas_tanggapan`).
    komentar_sikap = True

    nama = models.CharField(_("nama program"), max_length=200)
    slug = models.SlugField(max_length=120)
    deskripsi = models.TextField(
        _("uraian"), help_text=_("Apa yang dibangun atau dilakukan, di mana, volume, dan manfaatnya. Markdown sederhana.")
    )
    wilayah = models.ForeignKey(
        Wilayah,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Desa, kecamatan, atau seluruh kabupaten. Untuk program beberapa desa: desa utamanya."),
    )
    # Every village a village program is carried out in: its main village (`wilayah`) and any others. Empty for
    # a program of a kecamatan or of the regency, which covers all of it.
    desa = models.ManyToManyField(Wilayah, verbose_name=_("desa/kelurahan yang dicakup"), related_name="+", blank=True)
    bidang = models.CharField(_("bidang"), max_length=15, choices=Bidang.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun anggaran"))
    sumber_dana = models.CharField(_("sumber dana"), max_length=10, choices=SumberDana.choices)
    anggaran = models.PositiveBigIntegerField(_("anggaran (Rp)"), null=True, blank=True)
    pelaksana = models.CharField(_("pelaksana"), max_length=150, help_text=_("mis. TPK Desa Tungkap, Dinas PUPR, CV …"))
    tahap = models.CharField(_("tahap"), max_length=10, choices=TahapProgram.choices, default=TahapProgram.RENCANA, db_index=True)
    alasan_tahap = models.TextField(_("alasan ditunda/batal"), blank=True)
    progres = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    dokumen = models.FileField(_("dokumen (PDF)"), upload_to=UploadTo("publik/program/%Y"), blank=True)
    dokumen_keterangan = models.CharField(
        _("keterangan dokumen"), max_length=200, blank=True, help_text=_("mis. APBDes 2026 halaman 4, RKPDes 2026.")
    )
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True, db_index=True)
    # The day its owners were last reminded of questions waiting for an official answer (once a day at most).
    tanggapan_diingatkan_pada = models.DateField(null=True, blank=True, editable=False)
    demo = models.BooleanField(default=False)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("program pembangunan")
        verbose_name_plural = _("program pembangunan")
        ordering = ["-tahun", "-diubah"]
        indexes = [models.Index(fields=["tahun", "tahap"])]
        constraints = [models.CheckConstraint(condition=Q(progres__lte=100), name="suarawarga_program_progres_maks")]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("suarawarga:program_detail", args=[self.pk, self.slug])

    def batas_tanggapan(self) -> datetime:
        return batas_tanggapan()

    def klaim_pengingat_tanggapan(self, hari: date) -> bool:
        """Claim today's reminder about this program's waiting questions: True once a day, False to a second run
        (or a concurrent one) that day, which then sends nothing about it."""
        return bool(
            Program.objects.filter(pk=self.pk).exclude(tanggapan_diingatkan_pada=hari).update(tanggapan_diingatkan_pada=hari)
        )

    @property
    def teks_anggaran(self) -> str:
        return rupiah(self.anggaran) if self.anggaran is not None else ""

    @property
    def ringkasan(self) -> str:
        teks = to_text(self.deskripsi)
        return teks[:200].rsplit(" ", 1)[0] + "…" if len(teks) > 200 else teks

    @property
    def tahap_berikut(self) -> tuple[str, ...]:
        return TAHAP_BERIKUT[self.tahap]

    @property
    def daftar_desa(self) -> list[Wilayah]:
        """The villages it covers, its main village first (prefetch `desa` for lists)."""
        lain = sorted((w for w in self.desa.all() if w.pk != self.wilayah_id), key=lambda w: w.nama)
        return [self.wilayah, *lain] if self.wilayah.level == Level.DESA else lain

    @property
    def desa_lain(self) -> list[Wilayah]:
        return self.daftar_desa[1:] if self.wilayah.level == Level.DESA else []

    def kode_desa(self) -> list[str]:
        return sorted(self.desa.values_list("pk", flat=True))

    def _cakupan_baru(self, desa_lain: list[Wilayah] | None) -> set[str]:
        """The village codes the program will cover after this save. A village program covers its main village
        and `desa_lain` (None on an edit: the others it covered so far); a program of a kecamatan or of the
        regency covers all of it and names no villages."""
        dipilih = desa_lain is not None
        if desa_lain is None:
            desa_lain = list(self.desa.all()) if self.pk is not None else []
        lain = {w.pk for w in desa_lain} - {self.wilayah_id}
        if self.wilayah.level != Level.DESA:
            if lain and dipilih:
                raise DomainError(
                    _(
                        "Program kecamatan atau kabupaten mencakup seluruh wilayahnya. Untuk beberapa desa, pilih "
                        "satu desa sebagai wilayah utama lalu tambahkan desa lainnya."
                    ),
                    field="desa_lain",
                )
            return set()
        if any(w.level != Level.DESA or w.kabupaten_kode != self.wilayah.kabupaten_kode for w in desa_lain):
            raise DomainError(_("Desa tambahan harus desa/kelurahan di kabupaten ini."), field="desa_lain")
        return {self.wilayah_id, *lain}

    def simpan(self, *, oleh, versi: int, desa_lain: list[Wilayah] | None = None) -> None:
        """Save a new program, or an edit (the form's values already set) unless someone changed it since the
        form was opened; audited with what changed. `desa_lain`: the other villages a village program is
        carried out in (None on an edit: unchanged)."""
        cakupan = self._cakupan_baru(desa_lain)
        with transaction.atomic():
            self.slug = slugify(self.nama)[:110] or "program"
            if self.pk is None:
                self.bump_version(0)
                self.dibuat_oleh = oleh
                self.save()
                self.desa.set(Wilayah.objects.filter(pk__in=cakupan))
                catat(oleh, AksiSuara.PROGRAM_BUAT, self, f"Program dibuat: {self.nama[:100]}", wilayah=self.wilayah)
            else:
                lama = Program.objects.select_for_update().get(pk=self.pk)
                self.bump_version(versi)
                self.tahap, self.progres, self.alasan_tahap = lama.tahap, lama.progres, lama.alasan_tahap
                self.save()
                sebelum = {**potret(lama, KOLOM_PROGRAM), "desa": lama.kode_desa()}
                self.desa.set(Wilayah.objects.filter(pk__in=cakupan))
                catat(
                    oleh,
                    AksiSuara.PROGRAM_UBAH,
                    self,
                    f"Program diubah: {self.nama[:100]}",
                    wilayah=self.wilayah,
                    sebelum=sebelum,
                    sesudah={**potret(self, KOLOM_PROGRAM), "desa": sorted(cakupan)},
                )
            invalidate()

    def ubah_tahap(self, tahap: str, *, oleh, versi: int, alasan: str = "") -> None:
        """Move the program to a stage that may follow its current one; ditunda and batal need a reason the
        public reads, selesai sets the progress to 100 %."""
        alasan = alasan.strip()
        if tahap in (TahapProgram.DITUNDA, TahapProgram.BATAL) and not alasan:
            raise DomainError(
                _("Tuliskan alasan program ditunda atau dibatalkan; alasan tampil di halaman program."), field="alasan"
            )
        with transaction.atomic():
            lama = Program.objects.select_for_update().get(pk=self.pk)
            if tahap not in TAHAP_BERIKUT[lama.tahap]:
                raise DomainError(
                    _("Program yang %(dari)s tidak dapat diubah menjadi %(ke)s.")
                    % {
                        "dari": TahapProgram(lama.tahap).label.lower(),
                        "ke": TahapProgram(tahap).label.lower() if tahap in TahapProgram.values else tahap,
                    },
                    field="tahap",
                )
            self.bump_version(versi)
            self.tahap = tahap
            self.alasan_tahap = alasan if tahap in (TahapProgram.DITUNDA, TahapProgram.BATAL) else ""
            # Progress is recorded without the version check: take the stored figure, not the one read earlier.
            self.progres = 100 if tahap == TahapProgram.SELESAI else lama.progres
            self.save(update_fields=["tahap", "alasan_tahap", "progres", "diubah"])
            catat(
                oleh,
                AksiSuara.PROGRAM_TAHAP,
                self,
                f"{self.nama[:100]}: {TahapProgram(tahap).label}",
                wilayah=self.wilayah,
                sebelum=potret(lama, ["tahap", "alasan_tahap", "progres"]),
            )
            invalidate()

    def catat_progres(self, *, oleh, persen: int, tanggal: date, catatan: str) -> ProgresProgram:
        """A dated progress update of a running program. Progress does not go back (a correction is a new
        note), and the date is not in the future."""
        if not catatan.strip():
            raise DomainError(_("Tuliskan apa yang sudah dikerjakan."), field="catatan")
        if tanggal > hari_ini():
            raise DomainError(_("Tanggal kemajuan tidak boleh di masa depan."), field="tanggal")
        with transaction.atomic():
            lama = Program.objects.select_for_update().get(pk=self.pk)
            if lama.tahap != TahapProgram.BERJALAN:
                raise DomainError(_("Kemajuan hanya dicatat untuk program yang sedang berjalan."))
            if not lama.progres <= persen <= 100:
                raise DomainError(
                    _("Kemajuan antara %(min)s%% dan 100%% (tidak kurang dari yang sudah dicatat).") % {"min": lama.progres},
                    field="persen",
                )
            self.progres = persen
            Program.objects.filter(pk=self.pk).update(progres=persen, diubah=timezone.now())
            progres = ProgresProgram.objects.create(
                program=self, persen=persen, tanggal=tanggal, catatan=catatan.strip(), oleh=oleh
            )
            catat(
                oleh,
                AksiSuara.PROGRAM_PROGRES,
                self,
                f"{self.nama[:100]}: {persen}%",
                wilayah=self.wilayah,
                sebelum={"progres": lama.progres},
                sesudah={"progres": persen},
            )
            invalidate()
        return progres


class ProgresProgram(models.Model):
    """A dated progress update, with its photos."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kemajuan")
    tanggal = models.DateField(_("tanggal"))
    persen = models.PositiveSmallIntegerField(_("kemajuan (%)"))
    catatan = models.TextField(_("catatan"))
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = _("kemajuan program")
        verbose_name_plural = _("kemajuan program")

    def __str__(self) -> str:
        return f"{self.program} {self.persen}%"


class FotoProgres(PhotoVariants):
    progres = models.ForeignKey(ProgresProgram, on_delete=models.CASCADE, related_name="foto")

    class Meta(PhotoVariants.Meta):
        verbose_name = _("foto kemajuan program")
        verbose_name_plural = _("foto kemajuan program")


# --- Jajak pendapat ------------------------------------------------------------------------------------

OPSI_MIN, OPSI_MAKS = 2, 10


class Pemilih(models.TextChoices):
    SEMUA = "semua", _("Siapa saja, tanpa masuk (tidak ilmiah — hanya gambaran)")
    AKUN = "akun", _("Hanya akun yang masuk, dari wilayah ini")


@dataclass
class HasilOpsi:
    opsi: Opsi
    jumlah: int
    persen: float


class JajakQuerySet(models.QuerySet["Jajak", "Jajak"]):
    def dibuka(self, pada=None):
        sekarang = pada or timezone.now()
        return self.filter(buka_pada__lte=sekarang, tutup_pada__gt=sekarang)


class Jajak(models.Model):
    """A poll of a village or the whole regency. Votes are rows (one per voter and option), counted when
    shown, so concurrent voters never overwrite one another's count."""

    pertanyaan = models.CharField(_("pertanyaan"), max_length=300)
    keterangan = models.TextField(_("keterangan"), blank=True)
    wilayah = models.ForeignKey(Wilayah, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+")
    ganda = models.BooleanField(_("boleh memilih lebih dari satu"), default=False)
    maks_pilihan = models.PositiveSmallIntegerField(_("paling banyak dipilih"), default=1)
    buka_pada = models.DateTimeField(_("dibuka"))
    tutup_pada = models.DateTimeField(_("ditutup"))
    pemilih = models.CharField(_("yang boleh memilih"), max_length=5, choices=Pemilih.choices, default=Pemilih.SEMUA)
    hasil_sebelum_tutup = models.BooleanField(_("hasil tampil sebelum ditutup"), default=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    demo = models.BooleanField(default=False)

    objects = JajakQuerySet.as_manager()

    class Meta:
        verbose_name = _("jajak pendapat")
        verbose_name_plural = _("jajak pendapat")
        ordering = ["-buka_pada"]
        constraints = [
            models.CheckConstraint(condition=Q(tutup_pada__gt=F("buka_pada")), name="suarawarga_jajak_tutup_setelah_buka")
        ]

    def __str__(self) -> str:
        return self.pertanyaan

    def get_absolute_url(self) -> str:
        return reverse("suarawarga:jajak_detail", args=[self.pk])

    def dibuka(self, pada=None) -> bool:
        sekarang = pada or timezone.now()
        return self.buka_pada <= sekarang < self.tutup_pada

    def selesai(self, pada=None) -> bool:
        return (pada or timezone.now()) >= self.tutup_pada

    @property
    def tidak_ilmiah(self) -> bool:
        """Anyone may vote without an account: one vote per browser and a limit per address, no more."""
        return self.pemilih == Pemilih.SEMUA

    def hasil_terlihat(self, pada=None) -> bool:
        return self.hasil_sebelum_tutup or self.selesai(pada)

    def boleh_memilih(self, user) -> bool:
        """Whether this user may vote at all: anyone for an open poll; for an account poll, an active account
        whose region is the poll's (or inside it; any account for a regency poll)."""
        if self.pemilih == Pemilih.SEMUA:
            return True
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if self.wilayah.level == Level.KABUPATEN:
            return True
        return user.wilayah_id is not None and (
            user.wilayah_id == self.wilayah_id or user.wilayah_id.startswith(self.wilayah_id + ".")
        )

    @classmethod
    def buat(cls, *, oleh, opsi: list[str], **fields) -> Jajak:
        """Create a poll with its 2–10 options (blank lines dropped, duplicates refused)."""
        teks = [t.strip() for t in opsi if t.strip()]
        if not OPSI_MIN <= len(teks) <= OPSI_MAKS:
            raise DomainError(_("Tuliskan 2 sampai 10 pilihan, satu per baris."), field="opsi")
        if len({t.casefold() for t in teks}) != len(teks):
            raise DomainError(_("Ada pilihan yang sama; setiap pilihan harus berbeda."), field="opsi")
        if fields["tutup_pada"] <= fields["buka_pada"]:
            raise DomainError(_("Waktu tutup harus setelah waktu buka."), field="tutup_pada")
        maks = fields.get("maks_pilihan") or 1
        if fields.get("ganda") and not 2 <= maks <= len(teks):
            raise DomainError(_("Batas pilihan antara 2 dan jumlah pilihan."), field="maks_pilihan")
        if not fields.get("ganda"):
            fields["maks_pilihan"] = 1
        with transaction.atomic():
            jajak = cls.objects.create(dibuat_oleh=oleh, **fields)
            Opsi.objects.bulk_create(Opsi(jajak=jajak, teks=t[:200], urutan=i) for i, t in enumerate(teks))
            catat(oleh, AksiSuara.JAJAK_BUAT, jajak, f"Jajak pendapat: {jajak.pertanyaan[:100]}", wilayah=jajak.wilayah)
            invalidate()
        return jajak

    def pilih(self, *, pemilih: str, opsi_ids: list[int], klien: str = "", batas_per_klien: int | None = None) -> None:
        """Record (or replace, until the close) the votes of one voter (`pemilih`: see `Pemilihan`).

        Refused after the close, for an option not of this poll or closed, for too many options, and for a new
        voter from an address that already brought `batas_per_klien` voters to this poll."""
        if not self.dibuka():
            raise DomainError(_("Jajak pendapat ini sudah ditutup.") if self.selesai() else _("Jajak pendapat ini belum dibuka."))
        pilihan = set(opsi_ids)
        if not pilihan:
            raise DomainError(_("Pilih salah satu jawaban."), field="opsi")
        if len(pilihan) > self.maks_pilihan:
            raise DomainError(
                _("Paling banyak %(n)s pilihan.") % {"n": self.maks_pilihan} if self.ganda else _("Pilih satu jawaban saja."),
                field="opsi",
            )
        sah = set(self.opsi.filter(pk__in=pilihan, ditutup=False).values_list("pk", flat=True))
        if sah != pilihan:
            raise DomainError(_("Pilihan ini sudah ditutup atau tidak ada; muat ulang halaman."), field="opsi")
        with transaction.atomic():
            # One row per voter, locked while their votes change: two requests of the same voter queue up
            # (on PostgreSQL), other voters never wait for each other.
            pemilihan = Pemilihan.objects.filter(jajak=self, pemilih=pemilih).select_for_update().first()
            if pemilihan is None:
                penuh = batas_per_klien is not None and klien
                if penuh and Pemilihan.objects.filter(jajak=self, klien=klien).count() >= (batas_per_klien or 0):
                    raise DomainError(
                        _(
                            "Terlalu banyak suara dari alamat jaringan ini untuk jajak pendapat ini. "
                            "Coba dari jaringan lain, atau masuk dengan akun."
                        )
                    )
                try:
                    with transaction.atomic():
                        pemilihan = Pemilihan.objects.create(jajak=self, pemilih=pemilih, klien=klien)
                except IntegrityError as e:  # the same voter's other request created it first: theirs stands
                    raise DomainError(_("Suara Anda baru saja tercatat dari permintaan lain; muat ulang halaman.")) from e
            pemilihan.suara.all().delete()
            Suara.objects.bulk_create(Suara(jajak=self, opsi_id=pk, pemilihan=pemilihan) for pk in sorted(pilihan))
            Pemilihan.objects.filter(pk=pemilihan.pk).update(diubah=timezone.now())
        invalidate()

    def pilihan_pemilih(self, pemilih: str) -> set[int]:
        return set(Suara.objects.filter(jajak=self, pemilihan__pemilih=pemilih).values_list("opsi_id", flat=True))

    def hasil(self) -> tuple[list[HasilOpsi], int]:
        """Each option with its votes and its share of voters (of those who voted, for multiple choice), and
        how many voted."""
        jumlah = dict(Suara.objects.filter(jajak=self).values_list("opsi").annotate(n=Count("id")).values_list("opsi", "n"))
        total = Pemilihan.objects.filter(jajak=self, suara__isnull=False).distinct().count()
        baris = [HasilOpsi(o, jumlah.get(o.pk, 0), 100 * jumlah.get(o.pk, 0) / total if total else 0.0) for o in self.opsi.all()]
        return baris, total


class Opsi(models.Model):
    jajak = models.ForeignKey(Jajak, on_delete=models.CASCADE, related_name="opsi")
    teks = models.CharField(_("pilihan"), max_length=200)
    urutan = models.PositiveSmallIntegerField(default=0)
    ditutup = models.BooleanField(_("ditutup"), default=False)

    class Meta:
        ordering = ["urutan", "id"]
        verbose_name = _("pilihan jajak pendapat")
        verbose_name_plural = _("pilihan jajak pendapat")

    def __str__(self) -> str:
        return self.teks

    def tutup(self, *, oleh) -> None:
        """Withdraw an option (it keeps its votes; no new ones)."""
        with transaction.atomic():
            Opsi.objects.filter(pk=self.pk).update(ditutup=True)
            self.ditutup = True
            catat(oleh, AksiSuara.JAJAK_TUTUP_OPSI, self.jajak, f"Pilihan ditutup: {self.teks[:100]}", wilayah=self.jajak.wilayah)
            invalidate()


class Pemilihan(models.Model):
    """One voter of a poll. `pemilih` is "u<user id>" or "t<keyed hash of a browser token>"; `klien` a keyed
    hash of the address they first voted from (never the address)."""

    jajak = models.ForeignKey(Jajak, on_delete=models.CASCADE, related_name="pemilihan")
    pemilih = models.CharField(max_length=40)
    klien = models.CharField(max_length=32, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pemilih")
        verbose_name_plural = _("pemilih")
        constraints = [models.UniqueConstraint(fields=["jajak", "pemilih"], name="suarawarga_pemilih_sekali")]
        indexes = [models.Index(fields=["jajak", "klien"])]

    def __str__(self) -> str:
        return f"{self.jajak_id}:{self.pemilih}"


class Suara(models.Model):
    """One voter's vote for one option."""

    jajak = models.ForeignKey(Jajak, on_delete=models.CASCADE, related_name="suara")
    opsi = models.ForeignKey(Opsi, on_delete=models.CASCADE, related_name="suara")
    pemilihan = models.ForeignKey(Pemilihan, on_delete=models.CASCADE, related_name="suara")

    class Meta:
        verbose_name = _("suara")
        verbose_name_plural = _("suara")
        constraints = [models.UniqueConstraint(fields=["pemilihan", "opsi"], name="suarawarga_suara_sekali")]
        indexes = [models.Index(fields=["jajak", "opsi"])]

    def __str__(self) -> str:
        return f"{self.jajak_id}:{self.opsi_id}"
