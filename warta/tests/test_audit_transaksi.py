"""Publishing and its audit entry are written together: when the audit entry cannot be written, nothing is published."""

from unittest import mock

import pytest

from akun.models import Aksi, Audit
from warta.models import Berita, Status
from warta.tests.test_alur import terbitkan, tulis

pytestmark = pytest.mark.django_db


def test_news_whose_audit_entry_fails_is_not_published(client, cast):
    """GIVEN a submitted item
    WHEN the editor publishes it and writing the audit entry fails
    THEN the item is still waiting, unpublished, and nobody can read it."""
    berita = tulis(client, cast.anggota)
    berita.ajukan(oleh=cast.anggota, versi=berita.versi)
    berita.refresh_from_db()
    with mock.patch("akun.audit.Audit.objects.create", side_effect=RuntimeError("disk penuh")), pytest.raises(RuntimeError):
        terbitkan(client, cast.admin, berita)
    berita.refresh_from_db()
    assert berita.status == Status.DIAJUKAN and berita.terbit_pada is None
    assert not Berita.objects.terbit().exists()
    assert not Audit.objects.filter(aksi=Aksi.TERBIT_BERITA).exists()


def test_publishing_writes_exactly_one_audit_entry_naming_the_editor(client, cast):
    berita = tulis(client, cast.anggota)
    berita.ajukan(oleh=cast.anggota, versi=berita.versi)
    berita.refresh_from_db()
    assert terbitkan(client, cast.admin, berita).status_code == 302
    assert list(Audit.objects.filter(aksi=Aksi.TERBIT_BERITA).values_list("user", flat=True)) == [cast.admin.pk]
