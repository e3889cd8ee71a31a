"""The aspirations' working-day clock, run once a day: close follow-ups the sender did not answer, and remind
whoever holds an overdue aspiration."""

from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q

from akun.models import Peran, User
from jembatan.lib.domain import DomainError
from jembatan.lib.mail import send
from suarawarga.models import Aspirasi, hari_ini


class Command(BaseCommand):
    help = "Tutup aspirasi yang tidak ditanggapi pengirim dan ingatkan pemegang aspirasi yang terlambat."

    def handle(self, **options):
        hari = hari_ini()
        ditutup = 0
        for aspirasi in Aspirasi.objects.jatuh_tutup(hari).select_related("wilayah__parent"):
            try:
                langkah = aspirasi.tutup_otomatis()
            except DomainError:  # a run going at the same time closed it first (and told the sender)
                continue
            aspirasi.kabari(langkah, settings.SITE_URL + aspirasi.get_absolute_url())
            ditutup += 1
        # Each overdue item is claimed for the day before anyone is mailed about it: a second run the same day,
        # or one going at the same time, mails nothing twice.
        terlambat = Aspirasi.objects.terlambat(hari).exclude(diingatkan_pada=hari).select_related("wilayah__parent")
        per_orang: dict[str, list[Aspirasi]] = defaultdict(list)
        for aspirasi in [a for a in terlambat if a.klaim_pengingat(hari)]:
            for email in pemegang(aspirasi):
                per_orang[email].append(aspirasi)
        for email, daftar in per_orang.items():
            send("aspirasi_pengingat", [email], {"daftar": daftar, "situs": settings.SITE_URL})
        self.stdout.write(f"{ditutup} aspirasi ditutup otomatis; {len(per_orang)} pengingat terkirim.")


def pemegang(aspirasi: Aspirasi) -> list[str]:
    """Who holds an aspiration of a village: its government and its KIM's pengurus, and the operator of its
    kecamatan (Diskominfo sees every overdue item on its desk)."""
    desa = aspirasi.wilayah
    qs = User.objects.filter(is_active=True).filter(
        Q(peran__in=[Peran.PEMDES, Peran.PENGURUS], wilayah_id=desa.kode) | Q(peran=Peran.OPERATOR, wilayah_id=desa.parent_id)
    )
    return list(qs.values_list("email", flat=True))
