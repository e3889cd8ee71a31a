"""The daily housekeeping of form-delivery records (akun.sekali)."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from akun.management.commands.hapus_catatan_kiriman import SIMPAN_HARI
from akun.models import DeliveryRecord

pytestmark = pytest.mark.django_db


def test_records_older_than_the_retention_go_and_recent_ones_stay():
    now = timezone.now()
    DeliveryRecord.objects.create(fingerprint="a" * 64, location="/lama/", created_at=now - timedelta(days=SIMPAN_HARI + 1))
    DeliveryRecord.objects.create(fingerprint="b" * 64, location="/baru/", created_at=now - timedelta(days=SIMPAN_HARI - 1))
    call_command("hapus_catatan_kiriman", stdout=io.StringIO())
    assert list(DeliveryRecord.objects.values_list("location", flat=True)) == ["/baru/"]
