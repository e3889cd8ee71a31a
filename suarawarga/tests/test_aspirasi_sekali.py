"""An aspiration delivered twice (a queued offline one sent again, a resubmitted page) is stored once."""

import pytest

from akun.sekali import FIELD
from suarawarga.models import Aspirasi
from suarawarga.tests.test_aspirasi_kirim import ISIAN

pytestmark = pytest.mark.django_db


def test_a_second_delivery_with_the_same_key_stores_nothing_and_leads_to_the_same_aspiration(client, cast):
    assert f'name="{FIELD}"' in client.get("/aspirasi/kirim/").content.decode()
    data = {**ISIAN, FIELD: "d" * 32}
    pertama = client.post("/aspirasi/kirim/", data)
    kedua = client.post("/aspirasi/kirim/", data)
    a = Aspirasi.objects.get()
    assert pertama["Location"] == kedua["Location"] == f"/aspirasi/lacak/{a.kode}/?baru=1"
    assert kedua.status_code == 303


def test_a_new_key_is_a_new_aspiration(client, cast):
    client.post("/aspirasi/kirim/", {**ISIAN, FIELD: "d" * 32})
    client.post("/aspirasi/kirim/", {**ISIAN, FIELD: "e" * 32})
    assert Aspirasi.objects.count() == 2
