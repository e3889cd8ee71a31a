"""Suara warga: citizens' aspirations tracked to an answer on a working-day clock, the development programs
of villages, kecamatan and the regency, and polls."""

from __future__ import annotations

import re
import secrets
from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, daftarkan_aksi
from akun.models import Peran
from jembatan.lib.domain import DomainError
from jembatan.lib.pagecache import invalidate
from jembatan.lib.photos import PhotoVariants
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


# --- Aspirasi ---------------------------------------------------------------------------------------


class Topik(models.TextChoices):
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
    topik = models.CharField(_("topik"), max_length=20, choices=Topik.choices)
    isi = models.TextField(_("isi aspirasi"), max_length=ISI_MAKS)
    wilayah = models.ForeignKey(Wilayah, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, related_name="+")
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
        indexes = [models.Index(fields=["wilayah", "status"]), models.Index(fields=["boleh_publik", "status"])]

    def __str__(self) -> str:
        return f"{self.kode} {self.get_topik_display()}"

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
        akhir = self.ditindaklanjuti_pada or (self.selesai_pada if self.status == StatusAspirasi.DITOLAK else None)
        if akhir is None:
            return None
        kalender = HariKhusus.objects.kalender()
        return kalender.working_days_between(timezone.localdate(self.diterima_pada), timezone.localdate(akhir))

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
            self.save()
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


class FotoAspirasi(PhotoVariants):
    """The photo a sender attached (resized, location and camera data removed)."""

    aspirasi = models.ForeignKey(Aspirasi, on_delete=models.CASCADE, related_name="foto")

    class Meta(PhotoVariants.Meta):
        verbose_name = _("foto aspirasi")
        verbose_name_plural = _("foto aspirasi")
