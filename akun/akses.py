"""The one place that decides what a user may see and change.

Every management view fetches its object through a function here; anything outside the
user's scope is answered with 404 (never 403), so its existence is not revealed either.

Scope comes from the region tree: an admin or verifikator covers the whole kabupaten, an
operator one kecamatan (its villages and a kecamatan-level KIM), a village government,
pengurus or member one village (or, for a kecamatan-level KIM, that kecamatan).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from akun.models import Peran
from kim.models import Kim, Pengurus, Tahap
from wilayah.models import Level, Wilayah

# Roles that manage KIM (profile, pengurus, documents) inside their scope.
PERAN_PENGELOLA = frozenset({Peran.ADMIN, Peran.OPERATOR, Peran.PEMDES, Peran.PENGURUS})
# Roles that see the management pages of their scope (members read their own KIM).
PERAN_PEMBACA = PERAN_PENGELOLA | {Peran.ANGGOTA}
# Pipeline steps each role may record. Registration at Diskominfo, activation and
# dissolution are Diskominfo's decisions; village governments and kecamatan operators
# record the steps they lead, up to the SK they issue.
TAHAP_PER_PERAN = {
    Peran.ADMIN: frozenset(Tahap.values) - {Tahap.BELUM_ADA},
    Peran.OPERATOR: frozenset({Tahap.SOSIALISASI, Tahap.MUSYAWARAH, Tahap.SK_TERBIT}),
    Peran.PEMDES: frozenset({Tahap.SOSIALISASI, Tahap.MUSYAWARAH, Tahap.SK_TERBIT}),
}


def _aktif(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_admin(user) -> bool:
    return _aktif(user) and user.peran == Peran.ADMIN


def wilayah_dikelola(user) -> QuerySet[Wilayah]:
    """Villages and kecamatan whose KIM pages the user may open in the management area."""
    qs = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, level__in=[Level.KECAMATAN, Level.DESA])
    if not _aktif(user) or user.peran not in PERAN_PEMBACA:
        return qs.none()
    if user.peran == Peran.ADMIN:
        return qs
    if user.wilayah_id is None:
        return qs.none()
    if user.peran == Peran.OPERATOR:
        return qs.filter(Q(kode=user.wilayah_id) | Q(parent_id=user.wilayah_id))
    return qs.filter(kode=user.wilayah_id)


def dalam_cakupan(user, wilayah: Wilayah) -> bool:
    if not _aktif(user) or user.peran not in PERAN_PEMBACA:
        return False
    if wilayah.kabupaten_kode != settings.JEMBATAN_KABUPATEN or wilayah.level not in (Level.KECAMATAN, Level.DESA):
        return False
    if user.peran == Peran.ADMIN:
        return True
    if user.peran == Peran.OPERATOR:
        return user.wilayah_id is not None and user.wilayah_id in (wilayah.kode, wilayah.parent_id)
    return user.wilayah_id == wilayah.kode


def boleh_kelola_kim(user, wilayah: Wilayah) -> bool:
    """Edit the KIM profile, pengurus, members and documents of this region."""
    return dalam_cakupan(user, wilayah) and user.peran in PERAN_PENGELOLA


def tahap_yang_boleh(user, wilayah: Wilayah) -> frozenset[str]:
    if not dalam_cakupan(user, wilayah):
        return frozenset()
    return TAHAP_PER_PERAN.get(user.peran, frozenset())


def boleh_ubah_kimid(user) -> bool:
    """The national KIM.id number is recorded by Diskominfo when it registers the KIM."""
    return is_admin(user)


def boleh_kelola_pengguna(user) -> bool:
    return is_admin(user)


def boleh_atur_target(user) -> bool:
    return is_admin(user)


def boleh_lihat_audit(user) -> bool:
    return is_admin(user)


def boleh_lihat_data_pribadi(user, wilayah: Wilayah) -> bool:
    """NIK, phone and address of pengurus: only for those who manage the KIM."""
    return boleh_kelola_kim(user, wilayah)


# --- Fetch-or-404: the functions views call ---------------------------------------------------


def get_wilayah_untuk_pembaca(request: HttpRequest, kode: str) -> Wilayah:
    wilayah = Wilayah.objects.select_related("parent").filter(kode=kode).first()
    if wilayah is None or not dalam_cakupan(request.user, wilayah):
        raise Http404("Wilayah tidak ditemukan dalam cakupan Anda.")
    return wilayah


def get_wilayah_untuk_pengelola(request: HttpRequest, kode: str) -> Wilayah:
    wilayah = get_wilayah_untuk_pembaca(request, kode)
    if not boleh_kelola_kim(request.user, wilayah):
        raise Http404("Wilayah tidak ditemukan dalam cakupan Anda.")
    return wilayah


def get_kim_untuk_editor(request: HttpRequest, kode: str) -> Kim:
    wilayah = get_wilayah_untuk_pengelola(request, kode)
    kim = Kim.objects.filter(wilayah=wilayah).first()
    if kim is None:
        raise Http404("Belum ada KIM di wilayah ini.")
    kim.wilayah = wilayah
    return kim


def get_pengurus_untuk_editor(request: HttpRequest, pk: int) -> Pengurus:
    pengurus = Pengurus.objects.select_related("kim__wilayah__parent").filter(pk=pk).first()
    if pengurus is None or not boleh_kelola_kim(request.user, pengurus.kim.wilayah):
        raise Http404("Data tidak ditemukan dalam cakupan Anda.")
    return pengurus


def wajib(predikat) -> None:
    """Raise 404 unless `predikat` holds (for whole-regency pages like users and targets)."""
    if not predikat:
        raise Http404("Halaman tidak ditemukan.")


# --- Verification desk ------------------------------------------------------------------------


def boleh_verifikasi(user) -> bool:
    """Work the claim queue and publish verdicts: Diskominfo's admins and the verifikator."""
    return _aktif(user) and user.peran in (Peran.ADMIN, Peran.VERIFIKATOR)


def get_laporan_untuk_verifikator(request: HttpRequest, pk: int):
    from cekfakta.models import Laporan

    laporan = Laporan.objects.filter(pk=pk).first() if boleh_verifikasi(request.user) else None
    if laporan is None:
        raise Http404("Laporan tidak ditemukan.")
    return laporan


def get_klaim_untuk_verifikator(request: HttpRequest, pk: int):
    from cekfakta.models import Klaim

    klaim = Klaim.objects.filter(pk=pk).first() if boleh_verifikasi(request.user) else None
    if klaim is None:
        raise Http404("Klaim tidak ditemukan.")
    return klaim


# --- Warta (news) ---------------------------------------------------------------------------

PERAN_PENULIS = frozenset({Peran.ADMIN, Peran.OPERATOR, Peran.PEMDES, Peran.PENGURUS, Peran.ANGGOTA})


def boleh_menulis(user) -> bool:
    """Write news drafts: Diskominfo and everyone who belongs to a village, kecamatan or KIM."""
    return _aktif(user) and user.peran in PERAN_PENULIS and (user.peran == Peran.ADMIN or user.wilayah_id is not None)


def wilayah_penulisan(user) -> QuerySet[Wilayah]:
    """Regions a writer may write about: the whole kabupaten for Diskominfo, else their own scope."""
    qs = Wilayah.objects.filter(kabupaten_kode=settings.JEMBATAN_KABUPATEN, berlaku=True)
    if not boleh_menulis(user):
        return qs.none()
    if user.peran == Peran.ADMIN:
        return qs | Wilayah.objects.filter(kode=settings.JEMBATAN_KABUPATEN)
    if user.peran == Peran.OPERATOR:
        return qs.filter(Q(kode=user.wilayah_id) | Q(parent_id=user.wilayah_id))
    return qs.filter(kode=user.wilayah_id)


def _kim_terbit_sendiri(user) -> bool:
    """Whether Diskominfo lets the KIM of this user's village publish its own news."""
    return Kim.objects.filter(wilayah_id=user.wilayah_id, boleh_terbit_sendiri=True).exists()


def boleh_terbitkan(user, berita) -> bool:
    """Check and publish an item: Diskominfo everywhere; a KIM's pengurus for their own village's
    items when Diskominfo has allowed that KIM to publish by itself."""
    if is_admin(user):
        return True
    if not _aktif(user) or user.peran != Peran.PENGURUS or user.wilayah_id != berita.wilayah_id:
        return False
    return _kim_terbit_sendiri(user)


def berita_untuk_diperiksa(user):
    """Submitted items this user may check."""
    from warta.models import Berita, Status

    qs = Berita.objects.filter(status=Status.DIAJUKAN)
    if is_admin(user):
        return qs
    if _aktif(user) and user.peran == Peran.PENGURUS and _kim_terbit_sendiri(user):
        return qs.filter(wilayah_id=user.wilayah_id)
    return qs.none()


def get_berita_untuk_penulis(request: HttpRequest, pk: int):
    """An item its author may still edit (draft or returned), or one an editor may edit."""
    from warta.models import Berita, Status

    berita = Berita.objects.select_related("wilayah", "kim").filter(pk=pk).first()
    if berita is None:
        raise Http404("Berita tidak ditemukan.")
    sendiri = berita.penulis_id == request.user.pk and berita.status in (Status.DRAF, Status.DIKEMBALIKAN)
    if not (sendiri and boleh_menulis(request.user)) and not boleh_terbitkan(request.user, berita):
        raise Http404("Berita tidak ditemukan.")
    return berita


def get_berita_untuk_editor(request: HttpRequest, pk: int):
    from warta.models import Berita

    berita = Berita.objects.select_related("wilayah", "kim", "penulis").filter(pk=pk).first()
    if berita is None or not boleh_terbitkan(request.user, berita):
        raise Http404("Berita tidak ditemukan.")
    return berita


# --- Comments (diskusi) -----------------------------------------------------------------------

# Roles that moderate comments on content carrying a region inside their scope.
PERAN_MODERATOR_WILAYAH = frozenset({Peran.OPERATOR, Peran.PEMDES, Peran.PENGURUS})


def wilayah_objek(obj) -> Wilayah | None:
    """The region a commented object belongs to: itself when it is one, else its `wilayah`."""
    if isinstance(obj, Wilayah):
        return obj
    wilayah = getattr(obj, "wilayah", None)
    return wilayah if isinstance(wilayah, Wilayah) else None


def boleh_moderasi(user, obj) -> bool:
    """Moderate comments on `obj`: Diskominfo's admins everywhere; the verifikator on fact-check verdicts;
    a kecamatan operator, village government or KIM pengurus when the object's region is in their scope.
    Verdicts have no region, so only admins and verifikator moderate theirs."""
    if is_admin(user):
        return True
    if obj is None or not _aktif(user):
        return False
    if user.peran == Peran.VERIFIKATOR:
        return obj._meta.label_lower == "cekfakta.klaim"
    wilayah = wilayah_objek(obj)
    return user.peran in PERAN_MODERATOR_WILAYAH and wilayah is not None and dalam_cakupan(user, wilayah)


def boleh_buka_antrean_komentar(user) -> bool:
    return is_admin(user) or (_aktif(user) and user.peran in PERAN_MODERATOR_WILAYAH | {Peran.VERIFIKATOR})


def komentar_untuk_moderator(user) -> QuerySet:
    """The comments `user` may moderate, as one query (the same rule as `boleh_moderasi`, read from the
    region copied onto each comment when it was written)."""
    from django.contrib.contenttypes.models import ContentType

    from diskusi.models import Komentar

    qs = Komentar.objects.all()
    if is_admin(user):
        return qs
    if not boleh_buka_antrean_komentar(user):
        return qs.none()
    if user.peran == Peran.VERIFIKATOR:
        return qs.filter(content_type=ContentType.objects.get_by_natural_key("cekfakta", "klaim"))
    return qs.filter(wilayah__in=wilayah_dikelola(user))


def get_komentar_untuk_moderator(request: HttpRequest, pk: int):
    komentar = komentar_untuk_moderator(request.user).filter(pk=pk).first()
    # Both the listing rule and the live object must agree (the object's region may have changed).
    if komentar is None or not (is_admin(request.user) or boleh_moderasi(request.user, komentar.objek)):
        raise Http404("Komentar tidak ditemukan dalam cakupan Anda.")
    return komentar


# --- Siaran (broadcasts) ----------------------------------------------------------------------

PERAN_KIM = frozenset({Peran.PENGURUS, Peran.ANGGOTA})


def _kim_lewat_pengurus(user, *, tanpa_anggota: bool) -> QuerySet:
    from django.utils import timezone

    from kim.models import Jabatan

    qs = Pengurus.objects.menjabat(timezone.localdate()).filter(user=user)
    return (qs.exclude(jabatan=Jabatan.ANGGOTA) if tanpa_anggota else qs).values("kim_id")


def kim_pengguna(user) -> QuerySet[Kim]:
    """The KIM a user belongs to: the KIM of their village (or kecamatan) for the pengurus and anggota
    roles, and any KIM where a serving pengurus or member row is linked to their account."""
    if not _aktif(user):
        return Kim.objects.none()
    q = Q(pk__in=_kim_lewat_pengurus(user, tanpa_anggota=False))
    if user.peran in PERAN_KIM and user.wilayah_id:
        q |= Q(wilayah_id=user.wilayah_id)
    return Kim.objects.filter(q)


def kim_pengurus(user) -> QuerySet[Kim]:
    """The KIM whose siaran this user may mark received and passed on: pengurus, not plain members."""
    if not _aktif(user):
        return Kim.objects.none()
    q = Q(pk__in=_kim_lewat_pengurus(user, tanpa_anggota=True))
    if user.peran == Peran.PENGURUS and user.wilayah_id:
        q |= Q(wilayah_id=user.wilayah_id)
    return Kim.objects.filter(q)


def boleh_kirim_siaran(user) -> bool:
    """Send siaran and reminders: Diskominfo only."""
    return is_admin(user)


def boleh_lihat_tabel_siaran(user) -> bool:
    """See the state of every targeted KIM: Diskominfo for all, a kecamatan operator for their kecamatan (read-only)."""
    return is_admin(user) or (_aktif(user) and user.peran == Peran.OPERATOR and user.wilayah_id is not None)


def penerimaan_untuk_pembaca(user) -> QuerySet:
    """The per-KIM copies of siaran a user may see: all for Diskominfo, the KIM of their kecamatan for
    an operator, their own KIM for its pengurus and members; nothing for anyone else."""
    from siaran.models import Penerimaan

    qs = Penerimaan.objects.all()
    if is_admin(user):
        return qs
    if not _aktif(user):
        return qs.none()
    if user.peran == Peran.OPERATOR:
        if user.wilayah_id is None:
            return qs.none()
        return qs.filter(Q(kim__wilayah__parent_id=user.wilayah_id) | Q(kim__wilayah_id=user.wilayah_id))
    return qs.filter(kim__in=kim_pengguna(user))


def siaran_untuk_pembaca(user) -> QuerySet:
    from siaran.models import Siaran

    if is_admin(user):
        return Siaran.objects.all()
    return Siaran.objects.filter(pk__in=penerimaan_untuk_pembaca(user).values("siaran_id"))


def get_siaran_untuk_pembaca(request: HttpRequest, pk: int):
    siaran = siaran_untuk_pembaca(request.user).select_related("dikirim_oleh").filter(pk=pk).first()
    if siaran is None:
        raise Http404("Siaran tidak ditemukan.")
    return siaran


def get_penerimaan_untuk_kim(request: HttpRequest, pk: int):
    """A KIM's copy of a siaran, for a pengurus of that KIM to mark received or passed on."""
    from siaran.models import Penerimaan

    penerimaan = (
        Penerimaan.objects.select_related("siaran", "kim__wilayah").filter(pk=pk, kim__in=kim_pengurus(request.user)).first()
    )
    if penerimaan is None:
        raise Http404("Siaran tidak ditemukan.")
    return penerimaan


def get_lampiran_untuk_pembaca(request: HttpRequest, pk: int):
    from siaran.models import Lampiran

    lampiran = Lampiran.objects.filter(pk=pk, siaran__in=siaran_untuk_pembaca(request.user)).first()
    if lampiran is None:
        raise Http404("Lampiran tidak ditemukan.")
    return lampiran
