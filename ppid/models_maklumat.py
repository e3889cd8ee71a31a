"""Maklumat pelayanan: each badan publik's public service pledge (Perki 1/2021 on public information service
standards): the pledge, the service hours, the fees (free, or the cost of copies), the standards it keeps and
where to reach the PPID, signed by the head of the office. Edited by that PPID, shown on its public page,
printable on A4, and spoken (jembatan.lib.speech) for people who cannot read it.

Imported by `ppid.models`, so Django finds the model there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from akun.audit import catat, daftarkan_aksi, potret
from jembatan.lib import speech
from jembatan.lib.domain import DomainError, Versioned
from jembatan.lib.pagecache import invalidate
from ppid.models import BATAS_JAWAB, BATAS_KEBERATAN, PERPANJANGAN_MAKS, hari_ini, nama_ppid

# The pledge as badan publik usually word it; the PPID may change it.
JANJI_BAKU = (
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan informasi publik sesuai dengan standar "
    "pelayanan yang telah ditetapkan, dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai "
    "dengan peraturan perundang-undangan yang berlaku."
)
STANDAR_BAKU = (
    f"Permohonan informasi dijawab dengan pemberitahuan tertulis paling lambat {BATAS_JAWAB} hari kerja sejak "
    f"diterima, dan dapat diperpanjang satu kali paling lama {PERPANJANGAN_MAKS} hari kerja dengan alasan tertulis.\n"
    f"Pemohon yang tidak puas dapat mengajukan keberatan kepada atasan PPID paling lambat {BATAS_KEBERATAN} hari "
    "kerja.\nInformasi yang tersedia setiap saat dapat dilihat langsung di kantor atau di laman PPID."
)


@daftarkan_aksi
class AksiMaklumat(models.TextChoices):
    SIMPAN = "ppid_simpan_maklumat", _("Maklumat pelayanan PPID disimpan")


class Biaya(models.TextChoices):
    GRATIS = "gratis", _("Gratis")
    SALINAN = "salinan", _("Gratis; salinan dibayar sebesar biaya penggandaan")


KOLOM_MAKLUMAT = [
    "janji",
    "jam_layanan",
    "biaya",
    "biaya_salinan",
    "standar",
    "alamat",
    "telepon",
    "email",
    "penandatangan",
    "jabatan",
    "ditetapkan",
]


class Maklumat(Versioned):
    """The service pledge of one badan publik; saving it publishes it."""

    wilayah = models.OneToOneField("wilayah.Wilayah", verbose_name=_("badan publik"), on_delete=models.PROTECT, related_name="+")
    janji = models.TextField(_("maklumat (janji layanan)"), default=JANJI_BAKU)
    jam_layanan = models.TextField(
        _("jam layanan"), help_text=_("mis. Senin–Kamis 08.00–15.00 WITA, Jumat 08.00–11.00 WITA. Istirahat 12.00–13.00.")
    )
    biaya = models.CharField(_("biaya layanan"), max_length=8, choices=Biaya.choices, default=Biaya.GRATIS)
    biaya_salinan = models.CharField(
        _("biaya penggandaan"),
        max_length=200,
        blank=True,
        help_text=_("mis. Rp500 per lembar fotokopi; wajib bila salinan dibayar."),
    )
    standar = models.TextField(_("standar layanan"), default=STANDAR_BAKU)
    alamat = models.CharField(_("alamat kantor layanan"), max_length=300, blank=True)
    telepon = models.CharField(_("telepon/WhatsApp kantor"), max_length=30, blank=True)
    email = models.EmailField(_("surel PPID"), blank=True)
    penandatangan = models.CharField(_("nama yang menetapkan"), max_length=150)
    jabatan = models.CharField(_("jabatan"), max_length=150, help_text=_("mis. Kepala Desa Tungkap (atasan PPID)."))
    ditetapkan = models.DateField(_("tanggal ditetapkan"))
    disimpan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    diperbarui = models.DateTimeField(_("terakhir diperbarui"), auto_now=True)
    # The spoken maklumat (jembatan.lib.speech), public like the maklumat itself.
    audio_ogg = models.FileField(upload_to=speech.named, blank=True, editable=False)
    audio_mp3 = models.FileField(upload_to=speech.named, blank=True, editable=False)
    audio_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("maklumat pelayanan PPID")
        verbose_name_plural = _("maklumat pelayanan PPID")

    def __str__(self) -> str:
        return f"Maklumat {self.wilayah_id}"

    def get_absolute_url(self) -> str:
        return reverse("ppid:maklumat", args=[self.wilayah_id])

    @property
    def ppid(self) -> str:
        return nama_ppid(self.wilayah)

    def teks_biaya(self) -> str:
        if self.biaya == Biaya.SALINAN:
            return f"Layanan informasi tidak dipungut biaya. Salinan dibayar sebesar biaya penggandaan: {self.biaya_salinan}."
        return "Layanan informasi tidak dipungut biaya."

    def teks_audio(self) -> str:
        """The maklumat read aloud, in the order it is printed."""
        kontak = [
            x for x in (f"di {self.alamat}" if self.alamat else "", self.telepon and f"telepon {self.telepon}", self.email) if x
        ]
        bagian = [
            f"Maklumat pelayanan informasi publik, {self.ppid}.",
            self.janji,
            f"Jam layanan: {self.jam_layanan}",
            f"Biaya: {self.teks_biaya()}",
            f"Standar layanan: {self.standar}",
            f"Hubungi kami {', '.join(kontak)}." if kontak else "",
            f"Ditetapkan {formats.date_format(self.ditetapkan, 'j F Y')} oleh {self.penandatangan}, {self.jabatan}.",
        ]
        return "\n".join(b for b in bagian if b)

    @property
    def audio_terkini(self) -> bool:
        return bool(self.audio_ogg) and self.audio_digest == speech.text_digest(self.teks_audio())

    def simpan(self, *, oleh, versi: int) -> None:
        """Save (and so publish) the maklumat with the form's values set. It needs the pledge, the hours, what
        copies cost when they are paid, a way to reach the PPID, and a signing date no later than today."""
        for field, pesan in (
            ("janji", _("Tuliskan janji layanan.")),
            ("jam_layanan", _("Tuliskan hari dan jam layanan.")),
            ("standar", _("Tuliskan standar layanan.")),
        ):
            if not getattr(self, field).strip():
                raise DomainError(pesan, field=field)
        if self.biaya == Biaya.SALINAN and not self.biaya_salinan.strip():
            raise DomainError(_("Tuliskan biaya penggandaan, mis. Rp500 per lembar."), field="biaya_salinan")
        if self.biaya == Biaya.GRATIS:
            self.biaya_salinan = ""
        if not (self.alamat.strip() or self.telepon.strip() or self.email.strip()):
            raise DomainError(_("Isi sedikitnya satu cara menghubungi PPID: alamat, telepon, atau surel."), field="alamat")
        if self.ditetapkan > hari_ini():
            raise DomainError(_("Tanggal tidak boleh di masa depan."), field="ditetapkan")
        with transaction.atomic():
            baru = self.pk is None
            sebelum = None if baru else potret(Maklumat.objects.select_for_update().get(pk=self.pk), KOLOM_MAKLUMAT)
            self.bump_version(versi)
            self.disimpan_oleh = oleh
            self.save()
            catat(
                oleh,
                AksiMaklumat.SIMPAN,
                self,
                f"Maklumat pelayanan {'ditetapkan' if baru else 'diubah'}: {self.ppid}",
                wilayah=self.wilayah,
                sebelum=sebelum,
            )
            transaction.on_commit(invalidate)  # the PPID's cached public pages show it
            _audio_setelah_commit(self.pk)


def _audio_setelah_commit(maklumat_id: int) -> None:
    from ppid.maklumat import antrekan_audio  # late: that module imports this one

    if settings.JEMBATAN_AUDIO:
        transaction.on_commit(lambda: antrekan_audio(maklumat_id))
