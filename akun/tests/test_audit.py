"""The audit trail knows each module's own actions without a migration of akun."""

import pytest
from django.db import models

from akun import audit
from akun.models import Aksi, Audit
from jembatan.test import make_user


class _AksiContoh(models.TextChoices):
    UJI = "uji_contoh", "Contoh diuji"


def test_a_module_declares_its_actions_and_the_trail_names_them():
    audit.daftarkan_aksi(_AksiContoh)
    assert audit.label_aksi("uji_contoh") == "Contoh diuji"
    assert audit.label_aksi(Aksi.UNDANG) == "Undangan dikirim"
    assert audit.label_aksi("tidak_ada_lagi") == "tidak_ada_lagi"


def test_one_value_declared_with_two_meanings_is_refused():
    class Bentrok(models.TextChoices):
        UNDANG = "undang", "Sesuatu yang lain"

    with pytest.raises(ValueError, match="declared twice"):
        audit.daftarkan_aksi(Bentrok)


@pytest.mark.django_db
def test_an_undeclared_action_is_refused_and_nothing_is_written():
    user = make_user("audit@contoh.id", "admin")
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.catat(user, "tak_dikenal", user, "x")
    assert not Audit.objects.filter(aksi="tak_dikenal").exists()
