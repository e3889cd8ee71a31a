"""The indicators a KIM's health score is made of: the interface, the registry, and this module's own.

An indicator reads real records for one month and gives, per KIM, a raw value and the items that made it
(each with a link), so every number on the score page leads to its evidence. Modules do not import the
modules beside them, so the indicators over news, siaran, comments and potensi are registered by `beranda`
(`beranda/indikator.py`, loaded when its app is ready); the ones below read only this module and `kim`.
A scheme (`Skema`) names indicators by `kode`; an indicator no scheme weighs is computed but counts for nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import quote

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kim.models import Jabatan, Kim, Pengurus
from penilaian.models import Kegiatan, Penghargaan, Sumbu, bulan_berikut


@dataclass(frozen=True)
class Periode:
    """One month: `awal` is its first day, `akhir` the first day of the next; the `waktu_` bounds are the same
    moments in the deployment's time zone, for DateTimeField filters."""

    awal: date

    @property
    def akhir(self) -> date:
        return bulan_berikut(self.awal)

    @property
    def waktu_awal(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.awal, time.min))

    @property
    def waktu_akhir(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.akhir, time.min))


@dataclass(frozen=True)
class Bukti:
    label: str
    url: str


@dataclass
class Hasil:
    """A KIM's raw value on one indicator (None: does not apply this month) and its evidence."""

    mentah: float | None
    bukti: list[Bukti] = field(default_factory=list)
    keterangan: str = ""


Hitung = Callable[[Sequence[Kim], Periode], dict[int, Hasil]]


@dataclass(frozen=True)
class Indikator:
    """`hitung(kims, periode)` returns a Hasil per KIM id (a KIM left out has raw value 0 and no evidence);
    it must cost a few queries whatever the number of KIM."""

    kode: str
    sumbu: str
    label: str | Promise
    target_bawaan: float
    hitung: Hitung


_REGISTRI: dict[str, Indikator] = {}


def daftarkan(indikator: Indikator) -> Indikator:
    if _REGISTRI.get(indikator.kode, indikator) != indikator:
        raise ValueError(f"indicator {indikator.kode!r} is registered twice")
    _REGISTRI[indikator.kode] = indikator
    return indikator


def semua() -> list[Indikator]:
    urutan = list(Sumbu.values)
    return sorted(_REGISTRI.values(), key=lambda i: (urutan.index(i.sumbu), i.kode))


def cari(kode: str) -> Indikator | None:
    return _REGISTRI.get(kode)


def pilihan() -> list[tuple[str, str]]:
    """For the scheme's admin form."""
    return [(i.kode, f"{Sumbu(i.sumbu).label} — {i.label} ({i.kode})") for i in semua()]


def kelompokkan(baris, kunci: Callable, bukti: Callable[..., Bukti]) -> dict[int, list[Bukti]]:
    """Group rows into evidence lists per KIM id (`kunci(row)` gives the KIM id, or several)."""
    out: dict[int, list[Bukti]] = defaultdict(list)
    for row in baris:
        ids = kunci(row)
        for kim_id in ids if isinstance(ids, list | tuple | set) else [ids]:
            out[kim_id].append(bukti(row))
    return out


class PolaUrl:
    """A URL reversed once and filled in for each item: `reverse()` for thousands of evidence items costs
    seconds. `contoh` are placeholders that cannot occur in the URL otherwise (e.g. 918273645, "zzslugzz").
    The reversed URL is cut at the placeholders once, so each item costs a join (and a quote for text)."""

    def __init__(self, nama: str, *contoh: object) -> None:
        self.nama, self.contoh = nama, [str(c) for c in contoh]
        self._potongan: list[str] | None = None

    def _potong(self) -> list[str]:
        sisa, potongan = reverse(self.nama, args=self.contoh), []
        for contoh in self.contoh:
            depan, sisa = sisa.split(contoh, 1)
            potongan.append(depan)
        potongan.append(sisa)
        self._potongan = potongan
        return potongan

    def __call__(self, *args: object) -> str:
        potongan = self._potongan or self._potong()
        if len(args) != len(self.contoh):
            raise TypeError(f"{self.nama} takes {len(self.contoh)} values, {len(args)} given")
        out = [potongan[0]]
        for nilai, berikut in zip(args, potongan[1:], strict=True):
            out.append(str(nilai) if type(nilai) is int else quote(str(nilai), safe=""))
            out.append(berikut)
        return "".join(out)


def dari_bukti(kims: Sequence[Kim], per_kim: dict[int, list[Bukti]]) -> dict[int, Hasil]:
    """The count of evidence items as the raw value."""
    return {k.pk: Hasil(len(per_kim.get(k.pk, [])), per_kim.get(k.pk, [])) for k in kims}


# --- This module's own indicators ------------------------------------------------------------------


_URL_KEGIATAN = PolaUrl("penilaian:lihat", 918273645)
_URL_KIM = PolaUrl("kim:kelola", "zzkodezz")


def tanggal(d: date) -> str:
    """dd-mm-yyyy, as the evidence shows dates (strftime costs more, thousands of times per round)."""
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def _bukti_kegiatan(k) -> Bukti:
    """`k`: a row with id, tanggal and judul."""
    return Bukti(f"{tanggal(k.tanggal)} · {k.judul}", _URL_KEGIATAN(k.id))


# The indicators read plain rows (`values_list(named=True)`), not model objects: a nationwide round reads
# hundreds of thousands of them, and building a model object costs several times a row.
def _kegiatan_sumbu(sumbu: str) -> Hitung:
    def hitung(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
        qs = (
            Kegiatan.objects.pada_bulan(periode.awal)
            .filter(kim__in=kims, jenis__sumbu=sumbu)
            .order_by("tanggal", "id")
            .values_list("id", "kim_id", "tanggal", "judul", named=True)
        )
        return dari_bukti(kims, kelompokkan(qs, lambda k: k.kim_id, _bukti_kegiatan))

    return hitung


for _sumbu in (Sumbu.INFORMASI, Sumbu.DISEMINASI, Sumbu.DISKUSI, Sumbu.ASPIRASI, Sumbu.AKSES):
    daftarkan(
        Indikator(
            f"kegiatan.{_sumbu}",
            _sumbu,
            _("Kegiatan yang dilaporkan"),
            2,
            _kegiatan_sumbu(_sumbu),
        )
    )


def _bersama(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    """Activities held with another KIM, counted for the reporting KIM and for each partner."""
    baris = list(
        Kegiatan.objects.pada_bulan(periode.awal)
        .filter(Q(kim__in=kims) | Q(kim_mitra__in=kims))
        .filter(Q(kim_mitra__isnull=False) | Q(jenis__sumbu=Sumbu.NETWORKING))
        .distinct()
        .order_by("tanggal", "id")
        .values_list("id", "kim_id", "tanggal", "judul", named=True)
    )
    mitra: dict[int, set[int]] = defaultdict(set)
    Mitra = Kegiatan.kim_mitra.through
    for kegiatan_id, kim_id in Mitra.objects.filter(kegiatan_id__in=[k.id for k in baris]).values_list("kegiatan_id", "kim_id"):
        mitra[kegiatan_id].add(kim_id)
    return dari_bukti(kims, kelompokkan(baris, lambda k: {k.kim_id, *mitra.get(k.id, ())}, _bukti_kegiatan))


daftarkan(Indikator("networking.bersama", Sumbu.NETWORKING, _("Kegiatan bersama KIM lain dan forum yang dihadiri"), 1, _bersama))


def _anggota(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    """Pengurus and members serving on the month's last day."""
    akhir = periode.akhir.toordinal() - 1
    qs = (
        Pengurus.objects.menjabat(date.fromordinal(akhir))
        .filter(kim__in=kims)
        .order_by("jabatan", "nama")
        .values_list("kim_id", "nama", "jabatan", "nama_seksi", named=True)
    )
    desa = {k.pk: k.wilayah_id for k in kims}

    jabatan = {v: str(label) for v, label in Jabatan.choices}  # translated once, not per row

    def bukti(p) -> Bukti:
        # As Pengurus.jabatan_lengkap.
        if p.jabatan == Jabatan.SEKSI and p.nama_seksi:
            peran = str(_("Seksi %(nama)s") % {"nama": p.nama_seksi})
        else:
            peran = jabatan.get(p.jabatan, p.jabatan)
        return Bukti(f"{p.nama} ({peran})", _URL_KIM(desa[p.kim_id]))

    return dari_bukti(kims, kelompokkan(qs, lambda p: p.kim_id, bukti))


daftarkan(Indikator("akses.anggota", Sumbu.AKSES, _("Pengurus dan anggota yang menjabat"), 10, _anggota))

# The profile fields a complete profile has filled in.
KOLOM_PROFIL_LENGKAP = ["profil", "alamat", "email_kontak", "telepon_kontak", "tanggal_berdiri", "nomor_sk", "logo"]


def _profil(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    """Share of the profile filled in, and a contact (phone or e-mail) the public can use."""
    out = {}
    profil, ada, belum = str(_("Profil KIM")), str(_("ada")), str(_("belum ada"))
    for k in kims:
        terisi = [f for f in KOLOM_PROFIL_LENGKAP if getattr(k, f)]
        ada_kontak = bool(k.kontak_publik and (k.telepon_kontak or k.email_kontak))
        nilai = len(terisi) / len(KOLOM_PROFIL_LENGKAP) * (1 if ada_kontak else 0.5)
        ket = _("%(n)s dari %(m)s isian profil terisi; kontak publik %(kontak)s") % {
            "n": len(terisi),
            "m": len(KOLOM_PROFIL_LENGKAP),
            "kontak": ada if ada_kontak else belum,
        }
        out[k.pk] = Hasil(round(nilai, 3), [Bukti(profil, _URL_KIM(k.wilayah_id))], str(ket))
    return out


daftarkan(Indikator("akses.profil", Sumbu.AKSES, _("Profil lengkap dengan kontak publik (0–1)"), 1, _profil))


def _penghargaan(kims: Sequence[Kim], periode: Periode) -> dict[int, Hasil]:
    """Awards recorded in the twelve months up to the month's end."""
    akhir = periode.akhir
    desa = {k.pk: k.wilayah_id for k in kims}
    qs = (
        Penghargaan.objects.filter(kim__in=kims, tanggal__lt=akhir, tanggal__gte=akhir.replace(year=akhir.year - 1))
        .order_by("-tanggal", "id")
        .values_list("kim_id", "tanggal", "nama", named=True)
    )
    return dari_bukti(
        kims,
        kelompokkan(qs, lambda p: p.kim_id, lambda p: Bukti(f"{tanggal(p.tanggal)} · {p.nama}", _URL_KIM(desa[p.kim_id]))),
    )


daftarkan(Indikator("prestasi.penghargaan", Sumbu.PRESTASI, _("Penghargaan dalam 12 bulan terakhir"), 1, _penghargaan))
