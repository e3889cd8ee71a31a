"""Files: the information attached to an answer (for the requester and the PPID only, never public) and the file of
a DIP entry (public, except for an excluded entry's)."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from jembatan.test import DESA_A
from jembatan.tests.contoh_berkas import SKRIP, pdf_sah, png, poliglot
from ppid.models import Informasi, Lampiran, Status
from ppid.tests.bantu import berkas_pdf, make_permohonan
from ppid.tests.test_dip import DIKECUALIKAN

pytestmark = pytest.mark.django_db

SEKARANG = "2026-11-27 09:00 +08:00"


def _jawab(client, p, berkas, keputusan="dikabulkan", **extra):
    data = {
        "keputusan": keputusan,
        "isi": "Salinan APBDes terlampir.",
        "penandatangan": "Rahmadi",
        "biaya": 0,
        "tanggal": "2026-11-27",
        "lampiran": berkas,
        **extra,
    }
    return client.post(f"/kelola/ppid/permohonan/{p.pk}/jawab/", data)


@time_machine.travel(SEKARANG, tick=False)
def test_the_answer_carries_the_information_as_files_only_the_requester_and_the_ppid_open(client, cast):
    """GIVEN a request to village A
    WHEN its PPID answers it as granted with two files (a PDF and a photo)
    THEN the files are stored outside the public folder under server-made names, the requester's tracking page
    links them through the tracking code and each file's secret, and nobody opens them without both."""
    unduhan = []  # closed last: closing a file response ends its request, and with it the database connection
    p = make_permohonan()
    client.force_login(cast.pemdes)
    r = _jawab(
        client,
        p,
        [
            SimpleUploadedFile("APBDes 2026.pdf", pdf_sah(), content_type="application/pdf"),
            SimpleUploadedFile("foto papan.png", png(40, 30)),
        ],
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == Status.SELESAI
    pdf, foto = Lampiran.objects.filter(permohonan=p)
    assert pdf.nama == "APBDes 2026.pdf" and foto.nama == "foto papan.png"
    for x in (pdf, foto):
        assert x.berkas.name.startswith("ppid/jawaban/2026/11/") and "publik" not in x.berkas.name
        assert "APBDes" not in x.berkas.name and len(x.rahasia) >= 22
    assert pdf.berkas.name.endswith(".pdf") and foto.berkas.name.endswith(".png")
    # At the desk.
    desk = client.get(f"/kelola/ppid/permohonan/{p.pk}/").content.decode()
    assert f"/kelola/ppid/permohonan/{p.pk}/berkas/{pdf.pk}/" in desk
    r = client.get(f"/kelola/ppid/permohonan/{p.pk}/berkas/{pdf.pk}/")
    unduhan.append(r)
    assert r.status_code == 200
    client.logout()
    # The requester.
    lacak = client.get(f"/ppid/lacak/{p.kode}/").content.decode()
    url = f"/ppid/lacak/{p.kode}/berkas/{pdf.rahasia}/"
    assert url in lacak and "APBDes 2026.pdf" in lacak
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment") and 'filename="APBDes 2026.pdf"' in r["Content-Disposition"]
    assert b"".join(r.streaming_content).startswith(b"%PDF-")
    unduhan.append(r)
    # Neither half alone, nor the desk's address without signing in.
    lain = make_permohonan()
    assert client.get(f"/ppid/lacak/{lain.kode}/berkas/{pdf.rahasia}/").status_code == 404
    assert client.get(f"/ppid/lacak/{p.kode}/berkas/{foto.rahasia[:-1]}x/").status_code == 404
    assert client.get(f"/kelola/ppid/permohonan/{p.pk}/berkas/{pdf.pk}/").status_code == 302
    assert client.get(f"/media/{pdf.berkas.name}").status_code == 404
    for r in unduhan:
        r.close()


@time_machine.travel(SEKARANG, tick=False)
def test_a_file_that_is_not_what_it_claims_is_refused_beside_the_field_and_the_answer_waits(client, cast):
    p = make_permohonan()
    client.force_login(cast.pemdes)
    r = _jawab(client, p, [SimpleUploadedFile("apbdes.pdf", SKRIP, content_type="application/pdf")])
    html = r.content.decode()
    assert r.status_code == 400 and 'id="id_lampiran_galat"' in html and "apbdes.pdf: Berkas harus PDF" in html
    assert "Salinan APBDes terlampir." in html  # the notice typed is kept
    p.refresh_from_db()
    assert p.status == Status.DIPROSES and not Lampiran.objects.exists()


@time_machine.travel(SEKARANG, tick=False)
def test_a_refusal_carries_no_files(client, cast):
    p = make_permohonan()
    client.force_login(cast.pemdes)
    r = _jawab(
        client,
        p,
        [SimpleUploadedFile("a.pdf", pdf_sah())],
        keputusan="ditolak",
        alasan_pengecualian="h",
        uji_konsekuensi="Data pribadi penerima.",
    )
    assert r.status_code == 400 and "hanya dilampirkan bila permohonan dikabulkan" in r.content.decode()
    assert not Lampiran.objects.exists()


@time_machine.travel(SEKARANG, tick=False)
def test_a_pdf_with_a_page_hidden_inside_is_rewritten_before_it_is_stored(cast):
    p = make_permohonan()
    f = berkas_pdf()
    assert f.read().startswith(b"%PDF-")
    from jembatan.lib.uploads import clean_upload

    bersih = clean_upload(SimpleUploadedFile("x.pdf", poliglot()))
    p.jawab(oleh=cast.pemdes, keputusan="dikabulkan", isi="Terlampir.", penandatangan="R", lampiran=[bersih])
    with p.lampiran.get().berkas.open("rb") as disimpan:
        assert b"<script>" not in disimpan.read()


@time_machine.travel(SEKARANG, tick=False)
def test_a_dip_entry_file_is_public_unless_the_entry_is_excluded(client, cast):
    """GIVEN village A's PPID adds a periodic entry and an excluded one, each with a PDF
    THEN anyone downloads the periodic entry's file from the public list, and only the PPID the excluded one's."""
    unduhan = []  # closed last, as above
    client.force_login(cast.pemdes)
    berkala = {
        **DIKECUALIKAN,
        "kategori": "berkala",
        "judul": "APBDes Tungkap 2026",
        "berkas": SimpleUploadedFile("apbdes.pdf", pdf_sah()),
    }
    assert client.post(f"/kelola/ppid/{DESA_A}/dip/tambah/", berkala).status_code == 302
    rahasia = {**DIKECUALIKAN, "berkas": SimpleUploadedFile("penerima.pdf", pdf_sah())}
    assert client.post(f"/kelola/ppid/{DESA_A}/dip/tambah/", rahasia).status_code == 302
    buka = Informasi.objects.get(kategori="berkala")
    tutup = Informasi.objects.get(kategori="dikecualikan")
    assert buka.berkas.name.startswith("ppid/dip/2026/") and buka.berkas.name.endswith(".pdf")
    r = client.get(f"/ppid/informasi/{tutup.pk}/berkas/")  # its PPID
    unduhan.append(r)
    assert r.status_code == 200
    client.logout()
    html = client.get(f"/ppid/{DESA_A}/").content.decode()
    assert f"/ppid/informasi/{buka.pk}/berkas/" in html and f"/ppid/informasi/{tutup.pk}/berkas/" not in html
    r = client.get(f"/ppid/informasi/{buka.pk}/berkas/")
    unduhan.append(r)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert client.get(f"/ppid/informasi/{tutup.pk}/berkas/").status_code == 404
    client.force_login(cast.operator)  # follows the village, is not its PPID
    assert client.get(f"/ppid/informasi/{tutup.pk}/berkas/").status_code == 404
    for r in unduhan:
        r.close()
