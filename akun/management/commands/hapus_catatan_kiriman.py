"""Forget the record of form deliveries (akun.sekali) once no second delivery of them can still come."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from akun.models import DeliveryRecord

# A phone sends its queued forms as soon as it has signal again, and once more only when it lost the answer;
# three months covers a phone left without signal for a long time.
SIMPAN_HARI = 90


class Command(BaseCommand):
    help = f"Hapus catatan kiriman formulir (kunci idempoten) yang lebih tua dari {SIMPAN_HARI} hari."

    def handle(self, **options):
        batas = timezone.now() - timedelta(days=SIMPAN_HARI)
        jumlah, _ = DeliveryRecord.objects.filter(created_at__lt=batas).delete()
        self.stdout.write(f"{jumlah} catatan kiriman dihapus (lebih tua dari {batas:%Y-%m-%d}).")
