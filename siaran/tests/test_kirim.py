"""Sending a siaran (/kelola/siaran/kirim/): targeting, empty targets, attachments, who may send."""

import re
import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from akun.models import Audit
from jembatan.test import DESA_A, DESA_B, KEC_BINUANG, make_kim
from jembatan.tests.contoh_berkas import pdf_sah, poliglot
from siaran.models import Penerimaan, Siaran

pytestmark = pytest.mark.django_db

PDF = pdf_sah()


def kim_tertuju(siaran):
    return set(Penerimaan.objects.filter(siaran=siaran).values_list("kim__wilayah_id", flat=True))


@pytest.fixture
def kim_lain(cast):
    """More KIM in Binuang at every interesting stage."""
    return {
        "sosialisasi": make_kim("63.05.01.2006", "sosialisasi"),
        "tidak_aktif": make_kim("63.05.01.2007", "tidak_aktif"),
        "dibubarkan": make_kim("63.05.01.2008", "dibubarkan"),
        "belum_ada": make_kim("63.05.01.2009", "belum_ada"),
        "kecamatan": make_kim(KEC_BINUANG, "aktif", nama="KIM Kecamatan Binuang"),
    }


def test_admin_sends_to_all_kim_of_the_kabupaten_except_dissolved_and_unformed(kirim_lewat_form, cast, kim_lain):
    """GIVEN KIM at every stage
    WHEN Diskominfo sends a siaran to all KIM
    THEN every KIM that exists and is not dissolved gets it, and the admin lands on its live table."""
    response = kirim_lewat_form(cakupan="semua")
    siaran = Siaran.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kelola/siaran/{siaran.pk}/"
    assert kim_tertuju(siaran) == {DESA_A, DESA_B, "63.05.01.2006", "63.05.01.2007", KEC_BINUANG}
    assert (
        siaran.jumlah_kim == 5
        and siaran.dikirim_oleh == cast.admin
        and siaran.tautan == f"http://testserver/kelola/siaran/{siaran.pk}/"
    )
    assert set(Penerimaan.objects.values_list("status", flat=True)) == {"belum"}


def test_kecamatan_target_reaches_its_villages_and_its_kecamatan_kim_only(kirim_lewat_form, kim_lain):
    kirim_lewat_form(cakupan="kecamatan", kecamatan=[KEC_BINUANG])
    siaran = Siaran.objects.get()
    assert kim_tertuju(siaran) == {DESA_A, "63.05.01.2006", "63.05.01.2007", KEC_BINUANG}
    assert list(siaran.wilayah_sasaran.values_list("kode", flat=True)) == [KEC_BINUANG]


def test_village_target_reaches_only_the_chosen_villages(kirim_lewat_form, kim_lain):
    kirim_lewat_form(cakupan="desa", desa=[DESA_B, "63.05.01.2008"])  # the second KIM is dissolved
    assert kim_tertuju(Siaran.objects.get()) == {DESA_B}


def test_empty_target_is_refused_with_a_clear_message_and_the_input_kept(kirim_lewat_form, kim_lain):
    """GIVEN villages whose KIM is dissolved or not formed
    WHEN Diskominfo sends a siaran to just those villages
    THEN nothing is sent and the form says why, with what was typed still there."""
    response = kirim_lewat_form(cakupan="desa", desa=["63.05.01.2008", "63.05.01.2009", "63.05.01.2012"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "Siaran ke sasaran kosong ditolak" in html
    assert 'value="Waspada banjir di bantaran Sungai Tapin"' in html and "Air sungai **naik**" in html
    assert re.search(r'name="desa" value="63.05.01.2008" id="[^"]+" checked', html)
    assert re.search(r'name="cakupan" value="desa" required id="[^"]+" checked', html)
    assert not Siaran.objects.exists() and not Penerimaan.objects.exists() and not mail.outbox


def test_choosing_kecamatan_target_without_a_kecamatan_is_an_error(kirim_lewat_form):
    html = kirim_lewat_form(cakupan="kecamatan").content.decode()
    assert "Pilih sedikitnya satu kecamatan." in html
    assert not Siaran.objects.exists()


def test_sending_mails_every_targeted_pengurus_once_and_is_audited(kirim_lewat_form, cast):
    kirim_lewat_form()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.editor.email, cast.editor_lain.email])  # not the anggota
    audit = Audit.objects.get(aksi="kirim_siaran")
    assert audit.user == cast.admin and "2 KIM" in audit.ringkasan


def test_a_double_submitted_form_sends_one_siaran(kirim_lewat_form, cast):
    kunci = str(uuid.uuid4())
    kirim_lewat_form(kunci=kunci)
    response = kirim_lewat_form(kunci=kunci)
    assert Siaran.objects.count() == 1 and response.status_code == 302
    assert len(mail.outbox) == 2


def test_attachments_are_checked_by_content(kirim_lewat_form, client):
    palsu = SimpleUploadedFile("surat.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    html = kirim_lewat_form(lampiran=[palsu]).content.decode()
    assert "surat.pdf: Berkas harus PDF, JPEG atau PNG yang sah" in html
    assert "Waspada banjir di bantaran Sungai Tapin" in html and not Siaran.objects.exists()

    asli = SimpleUploadedFile("edaran.pdf", PDF, content_type="application/pdf")
    kirim_lewat_form(lampiran=[asli])
    lampiran = Siaran.objects.get().lampiran.get()
    with lampiran.berkas.open("rb") as f:
        assert lampiran.nama == "edaran.pdf" and f.read().startswith(b"%PDF-")


def test_an_attachment_is_stored_rewritten_under_a_random_name_with_its_real_type(kirim_lewat_form):
    poli = SimpleUploadedFile("edaran.html", poliglot(), content_type="text/html")
    kirim_lewat_form(lampiran=[poli])
    lampiran = Siaran.objects.get().lampiran.get()
    assert re.fullmatch(r"siaran/20\d\d/\d\d/[0-9a-f]{32}\.pdf", lampiran.berkas.name)
    assert lampiran.nama == "edaran.pdf"
    with lampiran.berkas.open("rb") as f:
        assert b"<script" not in f.read()


@pytest.mark.parametrize("peran", ["verifikator", "operator", "pemdes", "editor", "anggota", "editor_lain", "warga"])
def test_only_diskominfo_may_send(client, cast, peran, kirim_lewat_form):
    client.force_login(getattr(cast, peran))
    assert client.get("/kelola/siaran/kirim/").status_code == 404
    assert kirim_lewat_form(oleh=getattr(cast, peran)).status_code == 404
    assert not Siaran.objects.exists()


def test_anonymous_is_sent_to_login(client):
    assert client.get("/kelola/siaran/kirim/")["Location"].startswith("/akun/masuk/")


def test_the_form_works_without_javascript(client, cast):
    client.force_login(cast.admin)
    html = client.get("/kelola/siaran/kirim/").content.decode()
    assert 'type="radio" name="cakupan" value="kecamatan"' in html
    assert 'type="checkbox" name="kecamatan" value="63.05.01"' in html and 'name="desa" value="63.05.03.2001"' in html
    assert 'enctype="multipart/form-data"' in html and "<script" not in html.split("<main", 1)[1].split("</main>")[0]


def test_sending_writes_one_audit_entry_with_the_target(kirim_lewat_form, cast, kim_lain):
    """GIVEN KIM in Binuang
    WHEN Diskominfo sends a penting siaran to kecamatan Binuang
    THEN one audit entry names the admin and records priority, target, the places chosen and the KIM reached."""
    kirim_lewat_form(cakupan="kecamatan", kecamatan=[KEC_BINUANG], prioritas="penting")
    siaran = Siaran.objects.get()
    [audit] = Audit.objects.filter(objek_tipe="siaran", objek_id=str(siaran.pk))
    assert (audit.aksi, audit.user) == ("kirim_siaran", cast.admin)
    assert audit.perubahan == {
        "prioritas": [None, "penting"],
        "cakupan": [None, "kecamatan"],
        "wilayah": [None, [KEC_BINUANG]],
        "jumlah_kim": [None, 4],
    }
    assert audit.ringkasan == "Siaran Penting ke 4 KIM: Waspada banjir di bantaran Sungai Tapin"


def test_a_failed_audit_write_sends_nothing(kirim_lewat_form, cast):
    """GIVEN Diskominfo's send form filled in
    WHEN it is sent and writing the audit entry fails
    THEN no siaran, no copy and no delivery is stored, and no e-mail goes out."""
    from unittest import mock

    from siaran.models import Kiriman

    with (
        mock.patch("akun.audit.Audit.objects.create", side_effect=RuntimeError("disk penuh")),
        pytest.raises(RuntimeError, match="disk penuh"),
    ):
        kirim_lewat_form()
    assert not Siaran.objects.exists() and not Penerimaan.objects.exists() and not Kiriman.objects.exists()
    assert not mail.outbox


def test_an_empty_target_is_refused_by_the_model_when_the_last_kim_went_away(buat_siaran, kim_lain):
    """GIVEN a form whose target was a village with a KIM, and that KIM dissolved while the form was open
    WHEN the siaran is sent
    THEN it is refused with the empty-target message and nothing is stored."""
    from jembatan.lib.domain import DomainError
    from wilayah.models import Wilayah

    desa = Wilayah.objects.get(kode="63.05.01.2008")  # its KIM is dissolved
    with pytest.raises(DomainError, match="Siaran ke sasaran kosong ditolak"):
        buat_siaran(cakupan="desa", wilayah=[desa])
    assert not Siaran.objects.exists() and not Audit.objects.exists()
