import uuid

import pytest

from siaran.models import Siaran

JUDUL = "Waspada banjir di bantaran Sungai Tapin"
ISI = "Air sungai **naik** sejak pagi.\n\n- siapkan tas siaga\n- pantau [info BPBD](https://bpbd.example/tapin)"


@pytest.fixture
def kirim_lewat_form(client, cast, django_capture_on_commit_callbacks):
    """POST the send form as Diskominfo's admin; delivery tasks run (immediate backend) after commit."""

    def kirim(**extra):
        client.force_login(extra.pop("oleh", cast.admin))
        data = {"kunci": str(uuid.uuid4()), "judul": JUDUL, "isi": ISI, "prioritas": "darurat", "cakupan": "semua", **extra}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/kelola/siaran/kirim/", data)

    return kirim


@pytest.fixture
def buat_siaran(cast, django_capture_on_commit_callbacks):
    """A sent siaran made through Siaran.objects.kirim (no view): buat_siaran(cakupan=..., wilayah=[...])."""

    def buat(*, kirim_surel: bool = True, **fields) -> Siaran:
        fields = {
            "judul": JUDUL,
            "isi": ISI,
            "prioritas": "darurat",
            "cakupan": "semua",
            "wilayah": [],
            "lampiran": [],
            "oleh": cast.admin,
            "kunci": uuid.uuid4(),
            "dasar_url": "http://testserver",
            **fields,
        }
        with django_capture_on_commit_callbacks(execute=kirim_surel):
            siaran, _ = Siaran.objects.kirim(**fields)
        return siaran

    return buat
