"""Reminders on the legal clock: to the PPID three and one working days before a deadline, and to the atasan
PPID once it has passed (Perki 1/2021 asks the atasan to oversee the PPID); to the atasan PPID, too, once the
30 working days to answer an objection have passed. Each is sent once per request or objection."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from akun.models import Peran, User
from jembatan.lib.mail import send
from ppid.models import Keberatan, Permohonan, hari_ini, is_kabupaten, kalender, nama_ppid

# (reminder, the reminders it follows, working days left when it is due)
URUTAN = (("h3", ("",), (2, 3)), ("h1", ("", "h3"), (0, 1)), ("lewat", ("", "h3", "h1"), None))


def penerima(p: Permohonan) -> list[str]:  # the same people for an objection: the village PPID is its atasan too
    """Who answers for this badan publik (and, for a village, is its atasan PPID too): its government's
    accounts, or Diskominfo for the regency."""
    users = User.objects.filter(is_active=True).exclude(email="")
    if is_kabupaten(p.wilayah):
        users = users.filter(peran=Peran.ADMIN)
    else:
        users = users.filter(peran=Peran.PEMDES, wilayah_id=p.wilayah_id)
    return list(users.values_list("email", flat=True))


def _jenis(sisa: int, sudah: str) -> str | None:
    for jenis, setelah, rentang in URUTAN:
        if sudah not in setelah:
            continue
        if (rentang is None and sisa < 0) or (rentang is not None and rentang[0] <= sisa <= rentang[1]):
            return jenis
    return None


def kirim_pengingat(tanggal: dt.date | None = None) -> int:
    """Send the reminders due today; each request is claimed before its mail goes, so two runs never send
    the same reminder twice. Returns how many were sent."""
    tanggal = tanggal or hari_ini()
    kal = kalender()
    batas_lihat = kal.add_working_days(tanggal, 3)
    terkirim = 0
    for p in (
        Permohonan.objects.terbuka().filter(batas_jawab__lte=batas_lihat).exclude(pengingat="lewat").select_related("wilayah")
    ):
        jenis = _jenis(p.sisa_hari_kerja(tanggal, kal), p.pengingat)
        if jenis is None or not Permohonan.objects.filter(pk=p.pk, pengingat=p.pengingat).update(pengingat=jenis):
            continue
        kepada = penerima(p)
        if kepada:
            konteks = {"p": p, "jenis": jenis, "ppid": nama_ppid(p.wilayah), "tautan": settings.SITE_URL + p.get_absolute_url()}
            send("ppid_pengingat", kepada, konteks)
            terkirim += 1
    for k in Keberatan.objects.terlambat(tanggal).exclude(pengingat="lewat").select_related("permohonan__wilayah"):
        if not Keberatan.objects.filter(pk=k.pk, pengingat=k.pengingat).update(pengingat="lewat"):
            continue
        kepada = penerima(k.permohonan)
        if kepada:
            tautan = settings.SITE_URL + reverse("ppid:keberatan", args=[k.pk])
            konteks = {"p": k.permohonan, "k": k, "jenis": "keberatan", "ppid": nama_ppid(k.wilayah), "tautan": tautan}
            send("ppid_pengingat", kepada, konteks)
            terkirim += 1
    return terkirim
