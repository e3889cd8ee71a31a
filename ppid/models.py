"""PPID: public information service (UU 14/2008 on Keterbukaan Informasi Publik) for the regency and every
village government.

A badan publik is a region: a village (its government's PPID Desa answers; the kepala desa is atasan PPID,
Perki 1/2018) or the regency itself (PPID Utama at Diskominfo). Every clock is counted in working days with
the deployment's calendar (`wilayah.models.HariKhusus.objects.kalender()`), and each deadline is stored on
the row when it starts, so lists and reminders filter on a date:

- a request is answered with a written notice within 10 working days of receipt (Ps. 22(7)), extendable
  once by at most 7 working days with a written reason (Ps. 22(8));
- an objection is filed within 30 working days of its cause (Ps. 35(1), 36(1)): the notice, or the day the
  answer became overdue; the atasan PPID answers within 30 working days (Ps. 36(2));
- after the atasan's answer (or its deadline) the requester may take the dispute to the Komisi Informasi
  within 14 working days (Ps. 37(2)).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.core.files.base import File
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, daftarkan_aksi, potret
from jembatan.lib.domain import DomainError, Versioned
from jembatan.lib.uploads import UploadTo
from jembatan.lib.workdays import Calendar
from wilayah.models import HariKhusus, Level, Tipe, Wilayah

BATAS_JAWAB = 10  # working days, Ps. 22(7)
PERPANJANGAN_MAKS = 7  # working days, once, Ps. 22(8)
BATAS_KEBERATAN = 30  # working days to file, Ps. 35(1) jo. 36(1)
BATAS_TANGGAPAN_ATASAN = 30  # working days, Ps. 36(2)
BATAS_SENGKETA = 14  # working days to go to the Komisi Informasi, Ps. 37(2)

BULAN_ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
KODE_HURUF = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud and typed from paper
MAKS_LAMPIRAN = 5  # files carrying the information in one answer


@daftarkan_aksi
class AksiPpid(models.TextChoices):
    TERIMA_PERMOHONAN = "ppid_terima_permohonan", _("Permohonan informasi diterima")
    PERPANJANG = "ppid_perpanjang", _("Jangka waktu permohonan diperpanjang")
    JAWAB = "ppid_jawab", _("Permohonan informasi dijawab")
    TERIMA_KEBERATAN = "ppid_terima_keberatan", _("Keberatan diterima")
    TANGGAPI_KEBERATAN = "ppid_tanggapi_keberatan", _("Keberatan ditanggapi atasan PPID")
    CATAT_SENGKETA = "ppid_catat_sengketa", _("Sengketa informasi dicatat")
    SIMPAN_INFORMASI = "ppid_simpan_informasi", _("Daftar informasi publik disimpan")
    HAPUS_INFORMASI = "ppid_hapus_informasi", _("Entri daftar informasi publik dihapus")
    SUSUN_LAPORAN = "ppid_susun_laporan", _("Laporan tahunan PPID disusun")
    TERUSKAN = "ppid_teruskan", _("Permohonan diteruskan ke PPID Pembantu")
    SUSUN_LAPORAN_PEMBANTU = "ppid_susun_laporan_pembantu", _("Uraian laporan tahunan PPID Pembantu disusun")


class CaraMemperoleh(models.TextChoices):
    MELIHAT = "melihat", _("Melihat, membaca, mendengarkan atau mencatat")
    SALINAN = "salinan", _("Mendapatkan salinan")


class CaraSalinan(models.TextChoices):
    LANGSUNG = "langsung", _("Mengambil langsung")
    POS = "pos", _("Pos atau kurir")
    EMAIL = "email", _("E-mail")


class Status(models.TextChoices):
    DIPROSES = "diproses", _("Sedang diproses")
    SELESAI = "selesai", _("Sudah dijawab")


class Keputusan(models.TextChoices):
    """What the written notice (pemberitahuan tertulis, Ps. 22(7)) decides."""

    DIKABULKAN = "dikabulkan", _("Dikabulkan seluruhnya")
    SEBAGIAN = "sebagian", _("Dikabulkan sebagian")
    DITOLAK = "ditolak", _("Ditolak (informasi dikecualikan)")
    TIDAK_DIKUASAI = "tidak_dikuasai", _("Informasi tidak dikuasai")
    BELUM_DIDOKUMENTASIKAN = "belum_didokumentasikan", _("Informasi belum didokumentasikan")


# Decisions that withhold information: they need the Ps. 17 ground and the uji konsekuensi (Ps. 19).
KEPUTUSAN_MENGECUALIKAN = (Keputusan.SEBAGIAN, Keputusan.DITOLAK)


class AlasanPengecualian(models.TextChoices):
    """UU 14/2008 Ps. 17: the grounds on which information is excluded."""

    A = "a", _("a. menghambat proses penegakan hukum")
    B = "b", _("b. mengganggu perlindungan hak kekayaan intelektual dan persaingan usaha yang sehat")
    C = "c", _("c. membahayakan pertahanan dan keamanan negara")
    D = "d", _("d. mengungkapkan kekayaan alam Indonesia")
    E = "e", _("e. merugikan ketahanan ekonomi nasional")
    F = "f", _("f. merugikan kepentingan hubungan luar negeri")
    G = "g", _("g. mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir atau wasiat")
    H = "h", _("h. mengungkap rahasia pribadi")
    I = "i", _("i. memorandum atau surat antar/intra badan publik yang menurut sifatnya dirahasiakan")  # noqa: E741
    J = "j", _("j. informasi yang tidak boleh diungkapkan berdasarkan undang-undang")


class AlasanKeberatan(models.TextChoices):
    """UU 14/2008 Ps. 35(1): the grounds of an objection."""

    A = "a", _("a. permohonan ditolak dengan alasan pengecualian Pasal 17")
    B = "b", _("b. informasi berkala (Pasal 9) tidak disediakan")
    C = "c", _("c. permohonan informasi tidak ditanggapi")
    D = "d", _("d. permohonan ditanggapi tidak sebagaimana yang diminta")
    E = "e", _("e. permohonan informasi tidak dipenuhi")
    F = "f", _("f. biaya yang dikenakan tidak wajar")
    G = "g", _("g. informasi disampaikan melebihi jangka waktu yang diatur")


class KeputusanAtasan(models.TextChoices):
    DITERIMA = "diterima", _("Keberatan diterima: informasi diberikan")
    SEBAGIAN = "sebagian", _("Keberatan diterima sebagian")
    DITOLAK = "ditolak", _("Keberatan ditolak: keputusan PPID dikuatkan")


class TahapSengketa(models.TextChoices):
    DIDAFTARKAN = "didaftarkan", _("Didaftarkan di Komisi Informasi")
    MEDIASI = "mediasi", _("Mediasi")
    AJUDIKASI = "ajudikasi", _("Ajudikasi")
    SELESAI = "selesai", _("Selesai")


# --- the badan publik, the calendar and the numbers --------------------------------------------------


def is_badan_publik(wilayah: Wilayah | None) -> bool:
    """The regency itself (PPID Utama) or one of its villages (PPID Desa)."""
    if wilayah is None or wilayah.kabupaten_kode != settings.JEMBATAN_KABUPATEN:
        return False
    return wilayah.level == Level.DESA or wilayah.kode == settings.JEMBATAN_KABUPATEN


def is_kabupaten(wilayah: Wilayah) -> bool:
    return wilayah.kode == settings.JEMBATAN_KABUPATEN


def nama_badan(wilayah: Wilayah) -> str:
    """How the office is named on notices and registers ("Pemerintah Desa Tungkap", "Pemerintah Kabupaten Tapin")."""
    return str(_("Pemerintah %(wilayah)s") % {"wilayah": wilayah.nama_lengkap})


def nama_ppid(wilayah: Wilayah) -> str:
    if is_kabupaten(wilayah):
        return str(_("PPID Utama %(wilayah)s") % {"wilayah": wilayah.nama_lengkap})
    return str(_("PPID %(wilayah)s") % {"wilayah": wilayah.nama_lengkap})


def kalender() -> Calendar:
    return HariKhusus.objects.kalender()


def hari_ini() -> dt.date:
    return timezone.localdate()


def _kode_badan(wilayah: Wilayah) -> str:
    if is_kabupaten(wilayah):
        return wilayah.kode
    return f"{'KEL' if wilayah.tipe == Tipe.KELURAHAN else 'DESA'}-{wilayah.kode}"


def nomor_registrasi(jenis: str, urut: int, wilayah: Wilayah, tanggal: dt.date) -> str:
    """The number in the configured format (JEMBATAN_PPID_FORMAT_NOMOR), e.g. 017/PPID-DESA-63.05.01.2003/XI/2026."""
    return settings.JEMBATAN_PPID_FORMAT_NOMOR.format(
        urut=urut, jenis=jenis, badan=_kode_badan(wilayah), bulan=BULAN_ROMAWI[tanggal.month - 1], tahun=tanggal.year
    )


def kode_lacak_baru() -> str:
    return "".join(secrets.choice(KODE_HURUF) for _ in range(10))


def _simpan_bernomor(obj, badan: Wilayah, jenis: str, tanggal: dt.date) -> None:
    """Save a new request or objection with the next number of its badan publik and year; a number two
    people took at once is taken again (the unique constraint decides)."""
    model = type(obj)
    filter_badan = {"wilayah": badan} if model is Permohonan else {"permohonan__wilayah": badan}
    for _percobaan in range(5):
        urut = (model.objects.filter(tahun=tanggal.year, **filter_badan).aggregate(m=Max("urut"))["m"] or 0) + 1
        obj.urut, obj.tahun = urut, tanggal.year
        obj.nomor = nomor_registrasi(jenis, urut, badan, tanggal)
        try:
            with transaction.atomic():
                obj.save()
            return
        except IntegrityError:
            if model is Permohonan:
                obj.kode = kode_lacak_baru()
            continue
    raise DomainError(_("Nomor registrasi sedang dipakai permohonan lain. Silakan kirim sekali lagi."))


def _kabari(permohonan_id: int, langkah: str) -> None:
    """Mail the requester about this step once the change is committed."""
    from ppid.tasks import kabari_pemohon  # late: the task module imports these models

    transaction.on_commit(lambda: kabari_pemohon.enqueue(permohonan_id, langkah))


def _periksa_tanggal(tanggal: dt.date, sejak: dt.date, field: str, sejak_apa) -> None:
    if tanggal > hari_ini():
        raise DomainError(_("Tanggal tidak boleh di masa depan."), field=field)
    if tanggal < sejak:
        raise DomainError(sejak_apa, field=field)


# --- PPID Pembantu ---------------------------------------------------------------------------------------


class PpidPembantuQuerySet(models.QuerySet["PpidPembantu", "PpidPembantu"]):
    def aktif(self):
        return self.filter(aktif=True)

    def menerima(self):
        """The active units someone will hear of a request from: at least one active PPID Pembantu account with an
        e-mail address. Only these are offered to requesters, so no request waits in a queue nobody reads."""
        from akun.models import Peran  # late: akun's models are ready before this app's

        return self.aktif().filter(
            pk__in=self.model.petugas.through.objects.filter(user__is_active=True, user__peran=Peran.PPID_PEMBANTU)
            .exclude(user__email="")
            .values("ppidpembantu_id")
        )


class PpidPembantu(models.Model):
    """A PPID Pembantu: an office of the regency (an OPD) answering, under PPID Utama, the requests PPID Utama
    forwards to it, with its own registers and yearly figures. Configured by Diskominfo in the admin, where it
    also names the accounts (role PPID Pembantu) that serve it."""

    nama = models.CharField(_("nama perangkat daerah"), max_length=150, unique=True, help_text=_("mis. Dinas Kesehatan"))
    petugas = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        blank=True,
        related_name="ppid_pembantu",
        limit_choices_to={"peran": "pembantu"},
    )
    keterangan = models.CharField(
        _("keterangan singkat"),
        max_length=300,
        blank=True,
        help_text=_("Informasi apa yang dikuasai unit ini; ditampilkan kepada pemohon di formulir permohonan."),
    )
    aktif = models.BooleanField(_("aktif"), default=True, help_text=_("Unit nonaktif tidak menerima permohonan baru."))
    demo = models.BooleanField(default=False)

    objects = PpidPembantuQuerySet.as_manager()

    class Meta:
        verbose_name = _("PPID Pembantu")
        verbose_name_plural = _("PPID Pembantu")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def nama_ppid(self) -> str:
        return str(_("PPID Pembantu %(nama)s") % {"nama": self.nama})


# --- Permohonan ------------------------------------------------------------------------------------------


class PermohonanQuerySet(models.QuerySet["Permohonan", "Permohonan"]):
    def terbuka(self):
        return self.filter(status=Status.DIPROSES)

    def terlambat(self, tanggal: dt.date | None = None):
        """Open requests whose deadline (with any extension) has passed: the law's clock has run out."""
        return self.terbuka().filter(batas_jawab__lt=tanggal or hari_ini())

    def tahun(self, tahun: int):
        return self.filter(diterima__year=tahun)


class Permohonan(models.Model):
    """A request for public information (Ps. 22), with its registration number and tracking code."""

    wilayah = models.ForeignKey("wilayah.Wilayah", verbose_name=_("badan publik"), on_delete=models.PROTECT, related_name="+")
    nomor = models.CharField(_("nomor pendaftaran"), max_length=80, unique=True)
    urut = models.PositiveIntegerField()
    tahun = models.PositiveSmallIntegerField()
    # The requester's key to the tracking page and the objection form: never shown to anyone else.
    kode = models.CharField(_("kode pelacakan"), max_length=12, unique=True)

    nama = models.CharField(_("nama lengkap"), max_length=150)
    nomor_identitas = models.CharField(
        _("nomor identitas (NIK/KTP)"),
        max_length=30,
        help_text=_("Hanya dilihat PPID. Tidak pernah tampil di halaman publik."),
    )
    alamat = models.TextField(_("alamat"), blank=True)
    telepon = models.CharField(_("nomor telepon/WhatsApp"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    rincian = models.TextField(_("rincian informasi yang dibutuhkan"))
    tujuan = models.TextField(_("tujuan penggunaan informasi"))
    cara_memperoleh = models.CharField(
        _("cara memperoleh informasi"), max_length=10, choices=CaraMemperoleh.choices, default=CaraMemperoleh.SALINAN
    )
    cara_salinan = models.CharField(
        _("cara mendapatkan salinan"), max_length=10, choices=CaraSalinan.choices, blank=True, default=CaraSalinan.EMAIL
    )
    # A KIM member who entered the request for a villager (assisted request).
    dibantu_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    diterima = models.DateField(_("tanggal diterima"), db_index=True)
    batas_jawab = models.DateField(_("batas waktu pemberitahuan"), db_index=True)
    perpanjangan_hari = models.PositiveSmallIntegerField(_("perpanjangan (hari kerja)"), null=True, blank=True)
    alasan_perpanjangan = models.TextField(_("alasan perpanjangan"), blank=True)
    diperpanjang_pada = models.DateField(null=True, blank=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIPROSES, db_index=True)
    keputusan = models.CharField(_("keputusan"), max_length=25, choices=Keputusan.choices, blank=True)
    isi_jawaban = models.TextField(_("isi pemberitahuan"), blank=True)
    alasan_pengecualian = models.CharField(
        _("dasar pengecualian (Pasal 17)"), max_length=1, choices=AlasanPengecualian.choices, blank=True
    )
    uji_konsekuensi = models.TextField(_("uji konsekuensi"), blank=True)
    penguasa_informasi = models.CharField(_("badan publik yang menguasai informasi"), max_length=200, blank=True)
    tautan_informasi = models.URLField(_("tautan informasi"), max_length=500, blank=True)
    biaya = models.PositiveIntegerField(_("biaya penggandaan (Rp)"), default=0)
    penandatangan = models.CharField(_("nama PPID penanda tangan"), max_length=150, blank=True)
    dijawab = models.DateField(_("tanggal pemberitahuan tertulis"), null=True, blank=True)
    dijawab_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lama_jawab = models.PositiveSmallIntegerField(_("lama menjawab (hari kerja)"), null=True, blank=True)

    # A request to the regency that PPID Utama forwarded to one of its PPID Pembantu, which answers it.
    pembantu = models.ForeignKey(
        PpidPembantu,
        verbose_name=_("PPID Pembantu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="permohonan",
    )
    # The last reminder sent about this request ("h3", "h1", "lewat"), so the daily run sends each once.
    pengingat = models.CharField(max_length=5, blank=True)
    demo = models.BooleanField(default=False)
    dibuat = models.DateTimeField(default=timezone.now)

    objects = PermohonanQuerySet.as_manager()

    class Meta:
        verbose_name = _("permohonan informasi")
        verbose_name_plural = _("permohonan informasi")
        ordering = ["-diterima", "-urut"]
        constraints = [models.UniqueConstraint(fields=["wilayah", "tahun", "urut"], name="ppid_permohonan_urut")]

    def __str__(self) -> str:
        return self.nomor

    def get_absolute_url(self) -> str:
        return reverse("ppid:permohonan", args=[self.pk])

    def get_tracking_url(self) -> str:
        return reverse("ppid:lacak", args=[self.kode])

    # -- shown on pages --------------------------------------------------------------------------------

    @property
    def batas_awal(self) -> dt.date:
        """The deadline before any extension (10 working days after receipt)."""
        return kalender().add_working_days(self.diterima, BATAS_JAWAB)

    @property
    def is_terbuka(self) -> bool:
        return self.status == Status.DIPROSES

    def is_terlambat(self, tanggal: dt.date | None = None) -> bool:
        return self.is_terbuka and self.batas_jawab < (tanggal or hari_ini())

    @property
    def tepat_waktu(self) -> bool | None:
        return None if self.dijawab is None else self.dijawab <= self.batas_jawab

    def sisa_hari_kerja(self, tanggal: dt.date | None = None, kal: Calendar | None = None) -> int:
        """Working days left until the deadline (0 on the day itself, negative once overdue)."""
        return (kal or kalender()).working_days_between(tanggal or hari_ini(), self.batas_jawab)

    @property
    def mengecualikan(self) -> bool:
        return self.keputusan in KEPUTUSAN_MENGECUALIKAN

    # -- domain changes ----------------------------------------------------------------------------------

    @classmethod
    def ajukan(
        cls,
        permohonan: Permohonan,
        *,
        oleh=None,
        tanggal: dt.date | None = None,
        ditujukan: PpidPembantu | None = None,
    ) -> Permohonan:
        """Register a new request (its fields already set): the number, the tracking code and the deadline.

        A request needs a way to answer it: an address, a phone number or an e-mail. A request to the regency
        that the requester addressed to an active PPID Pembantu (`ditujukan`) is forwarded to it on receipt,
        recorded like PPID Utama's forward; PPID Utama may still take it back or send it elsewhere."""
        if not (permohonan.alamat.strip() or permohonan.telepon.strip() or permohonan.email.strip()):
            raise DomainError(_("Isi alamat, nomor telepon atau e-mail agar jawaban PPID dapat disampaikan kepada Anda."))
        if not is_badan_publik(permohonan.wilayah):
            raise DomainError(_("Badan publik ini tidak dilayani di sini."))
        if permohonan.cara_memperoleh == CaraMemperoleh.MELIHAT:
            permohonan.cara_salinan = ""
        elif not permohonan.cara_salinan:
            raise DomainError(_("Pilih cara mendapatkan salinan."), field="cara_salinan")
        elif permohonan.cara_salinan == CaraSalinan.EMAIL and not permohonan.email.strip():
            raise DomainError(_("Isi alamat e-mail untuk menerima salinan lewat e-mail."), field="email")
        if ditujukan is not None:
            if not is_kabupaten(permohonan.wilayah):
                raise DomainError(_("Hanya permohonan kepada PPID Utama yang dapat ditujukan ke PPID Pembantu."))
            if not PpidPembantu.objects.aktif().filter(pk=ditujukan.pk).exists():
                raise DomainError(_("PPID Pembantu ini tidak lagi menerima permohonan. Pilih yang lain."), field="ditujukan")
        tanggal = tanggal or hari_ini()
        if tanggal > hari_ini():
            raise DomainError(_("Tanggal tidak boleh di masa depan."), field="diterima")
        permohonan.diterima = tanggal
        permohonan.batas_jawab = kalender().add_working_days(tanggal, BATAS_JAWAB)
        permohonan.kode = kode_lacak_baru()
        with transaction.atomic():
            _simpan_bernomor(permohonan, permohonan.wilayah, "PPID", tanggal)
            catat(
                oleh,
                AksiPpid.TERIMA_PERMOHONAN,
                permohonan,
                f"Permohonan {permohonan.nomor}" + (" (dibantu KIM)" if permohonan.dibantu_oleh_id else ""),
                wilayah=permohonan.wilayah,
            )
            if ditujukan is not None:
                permohonan._pindahkan(oleh, ditujukan, JenisKabar.DITUJUKAN)
            _kabari(permohonan.pk, "diterima")
        return permohonan

    def _kunci(self) -> Permohonan:
        lama = Permohonan.objects.select_for_update().get(pk=self.pk)
        if lama.status != Status.DIPROSES:
            raise DomainError(_("Permohonan ini sudah dijawab."))
        return lama

    def teruskan(self, *, oleh, pembantu: PpidPembantu | None) -> None:
        """PPID Utama forwards an open request of the regency to one of its PPID Pembantu (or takes it back).
        The legal clock is the regency's and keeps running from receipt. The unit it leaves and the unit it goes
        to are told by e-mail once the change is committed."""
        if not is_kabupaten(self.wilayah):
            raise DomainError(_("Hanya permohonan kepada PPID Utama yang dapat diteruskan ke PPID Pembantu."))
        if pembantu is not None and not pembantu.aktif:
            raise DomainError(_("PPID Pembantu ini tidak aktif."), field="pembantu")
        with transaction.atomic():
            lama = self._kunci()
            if lama.pembantu_id == (pembantu.pk if pembantu else None):
                raise DomainError(_("Permohonan ini sudah berada di sana."), field="pembantu")
            if lama.pembantu_id is not None:
                KabarPembantu.antrekan(self, lama.pembantu_id, JenisKabar.TARIK)
            self._pindahkan(oleh, pembantu, JenisKabar.TERUSKAN)

    def _pindahkan(self, oleh, pembantu: PpidPembantu | None, jenis: str) -> None:
        """Hand the request to `pembantu` (None: back to PPID Utama), audited, the unit told; inside the caller's
        transaction."""
        self.pembantu = pembantu
        self.save(update_fields=["pembantu"])
        tujuan = pembantu.nama_ppid if pembantu else nama_ppid(self.wilayah)
        asal = " atas pilihan pemohon" if jenis == JenisKabar.DITUJUKAN else ""
        catat(oleh, AksiPpid.TERUSKAN, self, f"Diteruskan ke {tujuan}{asal}: {self.nomor}", wilayah=self.wilayah)
        if pembantu is not None:
            KabarPembantu.antrekan(self, pembantu.pk, jenis)

    def perpanjang(self, *, oleh, hari: int, alasan: str, tanggal: dt.date | None = None) -> None:
        """Extend the deadline once, by at most 7 working days counted from the original deadline, with a
        written reason given before that deadline (Ps. 22(8))."""
        tanggal = tanggal or hari_ini()
        if not 1 <= hari <= PERPANJANGAN_MAKS:
            raise DomainError(_("Perpanjangan paling lama %(n)s hari kerja.") % {"n": PERPANJANGAN_MAKS}, field="hari")
        if not alasan.strip():
            raise DomainError(_("Tuliskan alasan perpanjangan secara tertulis."), field="alasan")
        _periksa_tanggal(tanggal, self.diterima, "tanggal", _("Perpanjangan tidak dapat sebelum permohonan diterima."))
        with transaction.atomic():
            lama = self._kunci()
            if lama.perpanjangan_hari:
                raise DomainError(_("Jangka waktu permohonan ini sudah pernah diperpanjang; perpanjangan hanya sekali."))
            if tanggal > lama.batas_jawab:
                raise DomainError(
                    _("Perpanjangan harus diberitahukan paling lambat %(batas)s, sebelum batas waktu habis.")
                    % {"batas": lama.batas_jawab.strftime("%d-%m-%Y")},
                    field="tanggal",
                )
            self.perpanjangan_hari, self.alasan_perpanjangan, self.diperpanjang_pada = hari, alasan.strip(), tanggal
            self.batas_jawab = kalender().add_working_days(lama.batas_jawab, hari)
            self.pengingat = ""
            self.save()
            catat(
                oleh,
                AksiPpid.PERPANJANG,
                self,
                f"Diperpanjang {hari} hari kerja sampai {self.batas_jawab:%d-%m-%Y}: {self.nomor}",
                wilayah=self.wilayah,
            )
            _kabari(self.pk, "diperpanjang")

    def jawab(
        self,
        *,
        oleh,
        keputusan: str,
        isi: str,
        penandatangan: str,
        tanggal: dt.date | None = None,
        alasan_pengecualian: str = "",
        uji_konsekuensi: str = "",
        penguasa_informasi: str = "",
        tautan_informasi: str = "",
        biaya: int = 0,
        lampiran: Sequence[File] = (),
    ) -> None:
        """Give the written notice (pemberitahuan tertulis, Ps. 22(7)). A refusal, whole or in part, names
        its Ps. 17 ground and the uji konsekuensi; information not held names who holds it, when known.
        Files carrying the information (already cleaned by `jembatan.lib.uploads.clean_upload`) go only with
        information given, whole or in part."""
        tanggal = tanggal or hari_ini()
        if keputusan not in Keputusan.values:
            raise DomainError(_("Pilih keputusan."), field="keputusan")
        if lampiran and keputusan not in (Keputusan.DIKABULKAN, Keputusan.SEBAGIAN):
            raise DomainError(_("Berkas informasi hanya dilampirkan bila permohonan dikabulkan."), field="lampiran")
        if len(lampiran) > MAKS_LAMPIRAN:
            raise DomainError(_("Paling banyak %(n)s lampiran.") % {"n": MAKS_LAMPIRAN}, field="lampiran")
        if keputusan in KEPUTUSAN_MENGECUALIKAN:
            if not alasan_pengecualian:
                raise DomainError(_("Informasi hanya dapat dikecualikan dengan dasar Pasal 17."), field="alasan_pengecualian")
            if not uji_konsekuensi.strip():
                raise DomainError(
                    _(
                        "Tuliskan uji konsekuensi: kerugian bila informasi dibuka dan mengapa menutupnya lebih melindungi kepentingan umum."
                    ),
                    field="uji_konsekuensi",
                )
        else:
            alasan_pengecualian, uji_konsekuensi = "", ""
        if keputusan == Keputusan.TIDAK_DIKUASAI and not penguasa_informasi.strip():
            raise DomainError(
                _("Sebutkan badan publik yang menguasai informasi ini, atau tulis bahwa tidak diketahui."),
                field="penguasa_informasi",
            )
        if not isi.strip():
            raise DomainError(_("Tuliskan isi pemberitahuan kepada pemohon."), field="isi")
        if not penandatangan.strip():
            raise DomainError(_("Tuliskan nama PPID yang menandatangani."), field="penandatangan")
        _periksa_tanggal(tanggal, self.diterima, "tanggal", _("Jawaban tidak dapat bertanggal sebelum permohonan diterima."))
        with transaction.atomic():
            self._kunci()
            self.status, self.keputusan, self.dijawab, self.dijawab_oleh = Status.SELESAI, keputusan, tanggal, oleh
            self.isi_jawaban, self.penandatangan = isi.strip(), penandatangan.strip()
            self.alasan_pengecualian, self.uji_konsekuensi = alasan_pengecualian, uji_konsekuensi.strip()
            self.penguasa_informasi = penguasa_informasi.strip() if keputusan == Keputusan.TIDAK_DIKUASAI else ""
            self.tautan_informasi, self.biaya = tautan_informasi, biaya
            self.lama_jawab = max(kalender().working_days_between(self.diterima, tanggal), 0)
            self.save()
            for f in lampiran:
                Lampiran.objects.create(permohonan=self, berkas=f, nama=(f.name or "")[:200], ukuran=f.size or 0)
            catat(
                oleh,
                AksiPpid.JAWAB,
                self,
                f"Dijawab ({self.get_keputusan_display()}): {self.nomor}"
                + (f", {len(lampiran)} berkas dilampirkan" if lampiran else ""),
                wilayah=self.wilayah,
            )
            _kabari(self.pk, "dijawab")

    # -- the objection clock ----------------------------------------------------------------------------

    def sebab_keberatan(self, tanggal: dt.date | None = None) -> dt.date | None:
        """The day the cause of an objection arose: the notice, or the deadline passing unanswered."""
        if self.dijawab is not None:
            return self.dijawab
        if self.is_terlambat(tanggal):
            return self.batas_jawab
        return None

    def batas_keberatan(self, tanggal: dt.date | None = None) -> dt.date | None:
        sebab = self.sebab_keberatan(tanggal)
        return None if sebab is None else kalender().add_working_days(sebab, BATAS_KEBERATAN)


def rahasia_baru() -> str:
    return secrets.token_urlsafe(16)


class JenisKabar(models.TextChoices):
    TERUSKAN = "teruskan", _("Diteruskan PPID Utama")
    DITUJUKAN = "ditujukan", _("Ditujukan pemohon")
    TARIK = "tarik", _("Ditarik kembali")


class KabarPembantu(models.Model):
    """One e-mail owed to a PPID Pembantu's accounts: a request forwarded to the unit (by PPID Utama, or by the
    requester's choice) or taken away from it. Written in the transaction of the change; the task that sends it
    claims the row first (`terkirim`), so a task run twice mails once."""

    permohonan = models.ForeignKey("Permohonan", on_delete=models.CASCADE, related_name="+")
    pembantu = models.ForeignKey(PpidPembantu, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=10, choices=JenisKabar.choices)
    dibuat = models.DateTimeField(default=timezone.now)
    terkirim = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kabar ke PPID Pembantu")
        verbose_name_plural = _("kabar ke PPID Pembantu")

    def __str__(self) -> str:
        return f"{self.jenis} {self.permohonan_id} → {self.pembantu_id}"

    @classmethod
    def antrekan(cls, permohonan: Permohonan, pembantu_id: int, jenis: str) -> None:
        """Owe the unit this e-mail, and send it once the change is committed."""
        from ppid.tasks import kabari_pembantu  # late: the task module imports these models

        kabar = cls.objects.create(permohonan=permohonan, pembantu_id=pembantu_id, jenis=jenis)
        transaction.on_commit(lambda: kabari_pembantu.enqueue(kabar.pk))


class Lampiran(models.Model):
    """A file carrying the information given in answer to a request. Stored outside the public folder under a
    name the server made; served only to the requester (the tracking code and this file's own secret, 128
    random bits, in the address) and to those who follow the request at the PPID desk."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.CASCADE, related_name="lampiran")
    berkas = models.FileField(upload_to=UploadTo("ppid/jawaban/%Y/%m"))
    nama = models.CharField(_("nama berkas"), max_length=200)
    ukuran = models.PositiveIntegerField(default=0)
    rahasia = models.CharField(max_length=32, unique=True, default=rahasia_baru)

    class Meta:
        verbose_name = _("lampiran jawaban")
        verbose_name_plural = _("lampiran jawaban")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        """The PPID desk's address for the file."""
        return reverse("ppid:lampiran", args=[self.permohonan_id, self.pk])

    def get_tracking_url(self) -> str:
        """The requester's address for the file (their tracking page links it)."""
        return reverse("ppid:lampiran_lacak", args=[self.permohonan.kode, self.rahasia])


# --- Keberatan -------------------------------------------------------------------------------------------


class KeberatanQuerySet(models.QuerySet["Keberatan", "Keberatan"]):
    def terbuka(self):
        return self.filter(tanggal_tanggapan__isnull=True)

    def terlambat(self, tanggal: dt.date | None = None):
        return self.terbuka().filter(batas_tanggapan__lt=tanggal or hari_ini())


class Keberatan(models.Model):
    """An objection to the atasan PPID (Ps. 35–36), with the columns of the register keberatan."""

    permohonan = models.OneToOneField(Permohonan, on_delete=models.PROTECT, related_name="keberatan")
    nomor = models.CharField(_("nomor registrasi keberatan"), max_length=80, unique=True)
    urut = models.PositiveIntegerField()
    tahun = models.PositiveSmallIntegerField()
    alasan = models.CharField(_("alasan keberatan (Pasal 35 ayat 1)"), max_length=1, choices=AlasanKeberatan.choices)
    uraian = models.TextField(_("uraian keberatan"))
    diterima = models.DateField(_("tanggal diterima"), db_index=True)
    batas_tanggapan = models.DateField(_("batas waktu tanggapan atasan PPID"), db_index=True)

    keputusan = models.CharField(_("keputusan atasan PPID"), max_length=10, choices=KeputusanAtasan.choices, blank=True)
    tanggapan = models.TextField(_("tanggapan atasan PPID"), blank=True)
    tanggal_tanggapan = models.DateField(_("tanggal tanggapan"), null=True, blank=True)
    nama_atasan = models.CharField(_("nama atasan PPID"), max_length=150, blank=True)
    jabatan_atasan = models.CharField(_("jabatan atasan PPID"), max_length=150, blank=True)
    ditanggapi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tanggapan_pemohon = models.CharField(_("tanggapan pemohon"), max_length=200, blank=True)

    # The dispute at the Komisi Informasi, when the requester takes it there (Ps. 37).
    nomor_sengketa = models.CharField(_("nomor register sengketa"), max_length=80, blank=True)
    tanggal_sengketa = models.DateField(_("tanggal didaftarkan di Komisi Informasi"), null=True, blank=True)
    tahap_sengketa = models.CharField(_("tahap sengketa"), max_length=12, choices=TahapSengketa.choices, blank=True)
    hasil_sengketa = models.TextField(_("hasil mediasi/putusan ajudikasi"), blank=True)

    pengingat = models.CharField(max_length=5, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)

    objects = KeberatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-diterima", "-urut"]

    def __str__(self) -> str:
        return self.nomor

    @property
    def wilayah(self) -> Wilayah:
        return self.permohonan.wilayah

    @property
    def is_terbuka(self) -> bool:
        return self.tanggal_tanggapan is None

    def is_terlambat(self, tanggal: dt.date | None = None) -> bool:
        return self.is_terbuka and self.batas_tanggapan < (tanggal or hari_ini())

    def batas_sengketa(self, tanggal: dt.date | None = None) -> dt.date | None:
        """The last day to take the dispute to the Komisi Informasi: 14 working days after the atasan's answer,
        or after the day that answer was due, once it is overdue."""
        if self.tanggal_tanggapan is not None:
            sebab = self.tanggal_tanggapan
        elif self.is_terlambat(tanggal):
            sebab = self.batas_tanggapan
        else:
            return None
        return kalender().add_working_days(sebab, BATAS_SENGKETA)

    @classmethod
    def ajukan(cls, permohonan: Permohonan, *, alasan: str, uraian: str, oleh=None, tanggal: dt.date | None = None) -> Keberatan:
        """The requester objects, on a Ps. 35(1) ground, within 30 working days of the cause."""
        tanggal = tanggal or hari_ini()
        if alasan not in AlasanKeberatan.values:
            raise DomainError(_("Pilih alasan keberatan menurut Pasal 35 ayat (1)."), field="alasan")
        if not uraian.strip():
            raise DomainError(_("Uraikan keberatan Anda."), field="uraian")
        with transaction.atomic():
            p = Permohonan.objects.select_for_update().get(pk=permohonan.pk)
            if Keberatan.objects.filter(permohonan=p).exists():
                raise DomainError(_("Keberatan atas permohonan ini sudah diajukan."))
            sebab = p.sebab_keberatan(tanggal)
            if sebab is None:
                raise DomainError(
                    _("Keberatan dapat diajukan setelah PPID menjawab, atau bila batas waktu %(batas)s terlewati tanpa jawaban.")
                    % {"batas": p.batas_jawab.strftime("%d-%m-%Y")}
                )
            batas = kalender().add_working_days(sebab, BATAS_KEBERATAN)
            if tanggal > batas:
                raise DomainError(
                    _("Batas waktu mengajukan keberatan (30 hari kerja) berakhir pada %(batas)s.")
                    % {"batas": batas.strftime("%d-%m-%Y")}
                )
            if alasan == AlasanKeberatan.A and p.keputusan not in KEPUTUSAN_MENGECUALIKAN:
                raise DomainError(_("Permohonan ini tidak ditolak dengan alasan pengecualian."), field="alasan")
            if alasan == AlasanKeberatan.C and p.dijawab is not None:
                raise DomainError(_("Permohonan ini sudah ditanggapi; pilih alasan lain."), field="alasan")
            keberatan = cls(
                permohonan=p,
                alasan=alasan,
                uraian=uraian.strip(),
                diterima=tanggal,
                batas_tanggapan=kalender().add_working_days(tanggal, BATAS_TANGGAPAN_ATASAN),
            )
            _simpan_bernomor(keberatan, p.wilayah, "KEBERATAN", tanggal)
            catat(oleh, AksiPpid.TERIMA_KEBERATAN, keberatan, f"Keberatan {keberatan.nomor} atas {p.nomor}", wilayah=p.wilayah)
            _kabari(p.pk, "keberatan")
        return keberatan

    def tanggapi(
        self,
        *,
        oleh,
        keputusan: str,
        tanggapan: str,
        nama_atasan: str,
        jabatan_atasan: str,
        tanggal: dt.date | None = None,
    ) -> None:
        """The atasan PPID answers in writing (Ps. 36(2)), named with their office."""
        tanggal = tanggal or hari_ini()
        if keputusan not in KeputusanAtasan.values:
            raise DomainError(_("Pilih keputusan atasan PPID."), field="keputusan")
        if not tanggapan.strip():
            raise DomainError(_("Tuliskan tanggapan atas keberatan."), field="tanggapan")
        if not nama_atasan.strip() or not jabatan_atasan.strip():
            raise DomainError(_("Tuliskan nama dan jabatan atasan PPID."), field="nama_atasan")
        _periksa_tanggal(tanggal, self.diterima, "tanggal", _("Tanggapan tidak dapat bertanggal sebelum keberatan diterima."))
        with transaction.atomic():
            lama = Keberatan.objects.select_for_update().get(pk=self.pk)
            if lama.tanggal_tanggapan is not None:
                raise DomainError(_("Keberatan ini sudah ditanggapi."))
            self.keputusan, self.tanggapan, self.tanggal_tanggapan = keputusan, tanggapan.strip(), tanggal
            self.nama_atasan, self.jabatan_atasan, self.ditanggapi_oleh = nama_atasan.strip(), jabatan_atasan.strip(), oleh
            self.save()
            catat(
                oleh,
                AksiPpid.TANGGAPI_KEBERATAN,
                self,
                f"Keberatan {self.nomor} ditanggapi ({self.get_keputusan_display()})",
                wilayah=self.wilayah,
            )
            _kabari(self.permohonan_id, "tanggapan")

    def catat_sengketa(
        self, *, oleh, nomor: str, tanggal: dt.date, tahap: str, hasil: str = "", tanggapan_pemohon: str = ""
    ) -> None:
        """Record the dispute the requester took to the Komisi Informasi, and how it stands."""
        if not nomor.strip():
            raise DomainError(_("Tuliskan nomor register sengketa dari Komisi Informasi."), field="nomor")
        if tahap not in TahapSengketa.values:
            raise DomainError(_("Pilih tahap sengketa."), field="tahap")
        if tahap == TahapSengketa.SELESAI and not hasil.strip():
            raise DomainError(_("Tuliskan hasil mediasi atau putusan ajudikasi."), field="hasil")
        _periksa_tanggal(tanggal, self.diterima, "tanggal", _("Sengketa tidak dapat didaftarkan sebelum keberatan diajukan."))
        with transaction.atomic():
            Keberatan.objects.select_for_update().get(pk=self.pk)
            self.nomor_sengketa, self.tanggal_sengketa, self.tahap_sengketa = nomor.strip(), tanggal, tahap
            self.hasil_sengketa = hasil.strip()
            self.tanggapan_pemohon = tanggapan_pemohon.strip() or str(_("Mengajukan sengketa ke Komisi Informasi"))
            self.save()
            catat(
                oleh,
                AksiPpid.CATAT_SENGKETA,
                self,
                f"Sengketa {self.nomor_sengketa} ({self.get_tahap_sengketa_display()}) atas keberatan {self.nomor}",
                wilayah=self.wilayah,
            )


def badan_publik_qs() -> models.QuerySet[Wilayah]:
    """Every badan publik served here: the regency, then its villages."""
    return Wilayah.objects.filter(
        Q(kode=settings.JEMBATAN_KABUPATEN) | Q(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level=Level.DESA, berlaku=True)
    )


# --- Daftar Informasi Publik -----------------------------------------------------------------------------


class Kategori(models.TextChoices):
    """The four legal categories of the Daftar Informasi Publik."""

    BERKALA = "berkala", _("Berkala (Pasal 9)")
    SERTA_MERTA = "serta_merta", _("Serta-merta (Pasal 10)")
    SETIAP_SAAT = "setiap_saat", _("Tersedia setiap saat (Pasal 11)")
    DIKECUALIKAN = "dikecualikan", _("Dikecualikan (Pasal 17)")


class BentukInformasi(models.TextChoices):
    CETAK = "cetak", _("Cetak (hardcopy)")
    ELEKTRONIK = "elektronik", _("Elektronik (softcopy)")
    KEDUANYA = "keduanya", _("Cetak dan elektronik")


# Periodic information is published at least every six months (Ps. 9(4)); an entry older than that is flagged.
UMUR_BERKALA = dt.timedelta(days=183)

KOLOM_INFORMASI = [
    "kategori",
    "judul",
    "ringkasan",
    "penanggung_jawab",
    "bentuk",
    "retensi",
    "tanggal",
    "tautan",
    "berkas",
    "alasan_pengecualian",
    "konsekuensi",
    "kepentingan_umum",
    "diputuskan_oleh",
    "tanggal_uji",
    "dikecualikan_sampai",
]


class InformasiQuerySet(models.QuerySet["Informasi", "Informasi"]):
    def perlu_diperbarui(self, tanggal: dt.date | None = None):
        """Periodic entries not updated for six months."""
        return self.filter(kategori=Kategori.BERKALA, diperbarui__lt=(tanggal or hari_ini()) - UMUR_BERKALA)

    def cari(self, q: str):
        q = q.strip()
        if not q:
            return self
        return self.filter(Q(judul__icontains=q) | Q(ringkasan__icontains=q) | Q(penanggung_jawab__icontains=q))


class Informasi(Versioned):
    """One entry of a badan publik's Daftar Informasi Publik (DIP)."""

    wilayah = models.ForeignKey("wilayah.Wilayah", verbose_name=_("badan publik"), on_delete=models.PROTECT, related_name="+")
    kategori = models.CharField(_("kategori"), max_length=15, choices=Kategori.choices)
    judul = models.CharField(_("judul informasi"), max_length=250)
    ringkasan = models.TextField(_("ringkasan isi informasi"))
    penanggung_jawab = models.CharField(
        _("pejabat/unit yang menguasai informasi"), max_length=200, help_text=_("mis. Sekretaris Desa, Kaur Keuangan.")
    )
    bentuk = models.CharField(
        _("bentuk informasi"), max_length=12, choices=BentukInformasi.choices, default=BentukInformasi.KEDUANYA
    )
    retensi = models.CharField(_("jangka waktu penyimpanan"), max_length=100, help_text=_("mis. 5 tahun, selama berlaku."))
    tanggal = models.DateField(_("tanggal/tahun pembuatan informasi"))
    tautan = models.URLField(_("tautan ke informasi"), max_length=500, blank=True)
    # Served by a view (`ppid.views.informasi_berkas`): to anyone for the public categories, to the PPID only
    # for an excluded entry.
    berkas = models.FileField(
        _("berkas informasi"),
        upload_to=UploadTo("ppid/dip/%Y"),
        blank=True,
        help_text=_("PDF, JPEG atau PNG. Untuk informasi yang dikecualikan, berkas hanya dapat dibuka PPID."),
    )
    # The uji konsekuensi of an excluded entry (Ps. 19; Perki 1/2021): the ground, the harm, the public-interest
    # test, who decided, when and until when.
    alasan_pengecualian = models.CharField(
        _("dasar pengecualian (Pasal 17)"), max_length=1, choices=AlasanPengecualian.choices, blank=True
    )
    konsekuensi = models.TextField(_("konsekuensi bila informasi dibuka"), blank=True)
    kepentingan_umum = models.TextField(_("uji kepentingan publik"), blank=True)
    diputuskan_oleh = models.CharField(_("diputuskan oleh"), max_length=200, blank=True)
    tanggal_uji = models.DateField(_("tanggal uji konsekuensi"), null=True, blank=True)
    dikecualikan_sampai = models.DateField(_("dikecualikan sampai"), null=True, blank=True)
    diperbarui = models.DateField(_("terakhir diperbarui"))
    dibuat = models.DateTimeField(default=timezone.now)

    objects = InformasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("informasi publik")
        verbose_name_plural = _("daftar informasi publik")
        ordering = ["kategori", "-tanggal", "judul"]

    def __str__(self) -> str:
        return self.judul

    @property
    def perlu_diperbarui(self) -> bool:
        return self.kategori == Kategori.BERKALA and self.diperbarui < hari_ini() - UMUR_BERKALA

    @property
    def berkas_publik(self) -> bool:
        """Its file may be opened by anyone: any category but the excluded one."""
        return bool(self.berkas) and self.kategori != Kategori.DIKECUALIKAN

    def simpan(self, *, oleh, versi: int) -> None:
        """Save a new or edited entry (the form's values already set). An excluded entry needs its whole uji
        konsekuensi, decided no later than today and excluded for a set time; other entries keep none."""
        if self.kategori == Kategori.DIKECUALIKAN:
            if not self.alasan_pengecualian:
                raise DomainError(_("Informasi hanya dapat dikecualikan dengan dasar Pasal 17."), field="alasan_pengecualian")
            for field, pesan in (
                ("konsekuensi", _("Tuliskan konsekuensi yang timbul bila informasi ini dibuka.")),
                ("kepentingan_umum", _("Tuliskan mengapa menutup informasi ini lebih melindungi kepentingan yang lebih besar.")),
                ("diputuskan_oleh", _("Tuliskan siapa yang memutuskan uji konsekuensi.")),
            ):
                if not getattr(self, field).strip():
                    raise DomainError(pesan, field=field)
            if self.tanggal_uji is None:
                raise DomainError(_("Isi tanggal uji konsekuensi."), field="tanggal_uji")
            if self.tanggal_uji > hari_ini():
                raise DomainError(_("Tanggal tidak boleh di masa depan."), field="tanggal_uji")
            if self.dikecualikan_sampai is None or self.dikecualikan_sampai <= self.tanggal_uji:
                raise DomainError(
                    _("Isi sampai kapan informasi ini dikecualikan (setelah tanggal uji)."), field="dikecualikan_sampai"
                )
        else:
            self.alasan_pengecualian, self.konsekuensi, self.kepentingan_umum, self.diputuskan_oleh = "", "", "", ""
            self.tanggal_uji = self.dikecualikan_sampai = None
        if self.tanggal > hari_ini():
            raise DomainError(_("Tanggal tidak boleh di masa depan."), field="tanggal")
        with transaction.atomic():
            baru = self.pk is None
            sebelum = None if baru else potret(Informasi.objects.select_for_update().get(pk=self.pk), KOLOM_INFORMASI)
            self.bump_version(versi)
            self.diperbarui = hari_ini()
            self.save()
            catat(
                oleh,
                AksiPpid.SIMPAN_INFORMASI,
                self,
                f"DIP {'ditambah' if baru else 'diubah'} ({self.get_kategori_display()}): {self.judul[:120]}",
                wilayah=self.wilayah,
                sebelum=sebelum,
            )

    def hapus(self, *, oleh) -> None:
        with transaction.atomic():
            catat(oleh, AksiPpid.HAPUS_INFORMASI, self, f"DIP dihapus: {self.judul[:120]}", wilayah=self.wilayah)
            self.delete()


# --- Laporan tahunan -------------------------------------------------------------------------------------


def batas_laporan(tahun: int) -> dt.date:
    """The report on a year is due by 31 March of the next (Perki 1/2021)."""
    return dt.date(tahun + 1, 3, 31)


class NarasiLaporan(Versioned):
    """The PPID's own words in a yearly Laporan Layanan Informasi Publik (Perki 1/2021 Ps. 56); the figures
    come from the registers (`ppid.laporan.hitung`)."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    kebijakan = models.TextField(
        _("gambaran umum kebijakan pelayanan informasi publik"),
        help_text=_("SK PPID, standar layanan, maklumat, sarana dan anggaran layanan."),
    )
    pelaksanaan = models.TextField(_("gambaran umum pelaksanaan pelayanan"), blank=True)
    kendala = models.TextField(_("kendala internal dan eksternal"), blank=True)
    rekomendasi = models.TextField(_("rekomendasi dan rencana tindak lanjut"), blank=True)
    disusun_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    disusun_pada = models.DateField(_("tanggal disusun"))

    AKSI = AksiPpid.SUSUN_LAPORAN

    class Meta:
        abstract = True

    def _jejak(self) -> tuple[str, Wilayah]:
        """The audit summary and the badan publik it is filed under."""
        raise NotImplementedError

    def simpan(self, *, oleh, versi: int) -> None:
        """Save the report's narrative; only for a year that has ended."""
        if self.tahun >= hari_ini().year:
            raise DomainError(_("Laporan tahunan disusun setelah tahunnya berakhir."))
        if not self.kebijakan.strip():
            raise DomainError(_("Tuliskan gambaran umum kebijakan pelayanan informasi publik."), field="kebijakan")
        with transaction.atomic():
            sebelum = None if self.pk is None else potret(type(self)._default_manager.get(pk=self.pk), KOLOM_NARASI)
            self.bump_version(versi)
            self.disusun_oleh, self.disusun_pada = oleh, hari_ini()
            self.save()
            ringkasan, wilayah = self._jejak()
            catat(oleh, self.AKSI, self, ringkasan, wilayah=wilayah, sebelum=sebelum)


KOLOM_NARASI = ["kebijakan", "pelaksanaan", "kendala", "rekomendasi"]


class LaporanTahunan(NarasiLaporan):
    """A badan publik's words in its yearly report. Saved means produced: Diskominfo sees which village PPID
    have not."""

    wilayah = models.ForeignKey("wilayah.Wilayah", verbose_name=_("badan publik"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("laporan tahunan PPID")
        verbose_name_plural = _("laporan tahunan PPID")
        constraints = [models.UniqueConstraint(fields=["wilayah", "tahun"], name="ppid_laporan_satu_per_tahun")]

    def __str__(self) -> str:
        return f"{self.wilayah_id} {self.tahun}"

    def _jejak(self) -> tuple[str, Wilayah]:
        return f"Laporan tahunan {self.tahun} disusun", self.wilayah


class LaporanPembantu(NarasiLaporan):
    """A PPID Pembantu's words in its own part of the regency's yearly report, written by the unit's accounts or
    PPID Utama; its figures are the requests forwarded to the unit."""

    pembantu = models.ForeignKey(PpidPembantu, verbose_name=_("PPID Pembantu"), on_delete=models.PROTECT, related_name="laporan")

    AKSI = AksiPpid.SUSUN_LAPORAN_PEMBANTU

    class Meta:
        verbose_name = _("laporan tahunan PPID Pembantu")
        verbose_name_plural = _("laporan tahunan PPID Pembantu")
        constraints = [models.UniqueConstraint(fields=["pembantu", "tahun"], name="ppid_laporan_pembantu_satu_per_tahun")]

    def __str__(self) -> str:
        return f"{self.pembantu} {self.tahun}"

    def _jejak(self) -> tuple[str, Wilayah]:
        return f"Laporan tahunan {self.tahun} {self.pembantu.nama_ppid} disusun", Wilayah.objects.get(
            pk=settings.JEMBATAN_KABUPATEN
        )


from ppid.models_maklumat import Maklumat  # noqa: E402, F401  (a model in a file of its own, found by Django here)
