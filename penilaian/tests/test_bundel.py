"""The festival evidence bundle: one streamed ZIP with a cover in the order a jury reads, and the photos."""

import io
import zipfile
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from akun.models import Audit
from jembatan.test import DESA_A, make_pengurus
from jembatan.tests.contoh_berkas import png
from penilaian.models import FotoKegiatan, Kandidat, NilaiIndikator, Penghargaan, PenilaianAksi, Skema, SkorBulanan
from penilaian.tests.bantu import make_kegiatan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_hari_ini")]


@pytest.fixture
def _hari_ini():
    with time_machine.travel("2026-06-10 10:00 +08:00", tick=False):
        yield


def _isi(cast):
    make_pengurus(cast.kim_a, "Siti Rahmah", "ketua")
    g = make_kegiatan(cast, tanggal=date(2026, 3, 14), judul="Sosialisasi cek fakta")
    for i in range(2):
        FotoKegiatan.add_upload(SimpleUploadedFile(f"f{i}.png", png(640, 480)), f"Foto {i + 1}", "kegiatan", kegiatan=g)
    make_kegiatan(cast, tanggal=date(2025, 3, 1), judul="Terlalu lama")
    skema = Skema.objects.get(nama="Skema awal")
    skor = SkorBulanan.objects.create(
        kim=cast.kim_a, bulan=date(2026, 3, 1), skema=skema, total=55, tingkat="Madya", per_sumbu={"informasi": 60.0}
    )
    for kode, sumbu, bukti in (
        ("informasi.berita", "informasi", [{"label": "Panen raya Tungkap", "url": "/warta/1-panen/"}]),
        ("diseminasi.siaran_diteruskan", "diseminasi", [{"label": "Waspada banjir — Diteruskan", "url": "/kelola/siaran/3/"}]),
        ("informasi.potensi", "informasi", [{"label": "Gula aren Tungkap", "url": "/potensi/2-gula-aren/"}]),
    ):
        NilaiIndikator.objects.create(
            skor=skor, indikator=kode, sumbu=sumbu, label=kode, mentah=1, target=1, bobot=5, nilai=100, bukti=bukti
        )
    Penghargaan.objects.create(kim=cast.kim_a, nama="Juara II KIM Festival Provinsi", tanggal=date(2026, 2, 20))
    return g


def test_the_bundle_holds_the_cover_in_jury_order_and_the_photos(client, cast):
    g = _isi(cast)
    client.force_login(cast.editor)
    response = client.get(f"/kelola/penilaian/kim/{DESA_A}/bukti.zip?dari=2026-01&sampai=2026-05")
    assert response.streaming and response["Content-Disposition"] == (
        'attachment; filename="bukti-kim-tungkap-bersinar-2026-01-2026-05.zip"'
    )
    zf = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert zf.namelist() == ["00-sampul.html", f"foto/2026-03-14-{g.pk}-1.jpg", f"foto/2026-03-14-{g.pk}-2.jpg"]
    assert zf.read(f"foto/2026-03-14-{g.pk}-1.jpg")[:3] == b"\xff\xd8\xff"
    sampul = zf.read("00-sampul.html").decode()
    urutan = [
        "1. Profil",
        "141/01/2025",
        "Siti Rahmah",
        "2. Skor ADINDA-P",
        "Madya",
        "3. Kegiatan",
        "Sosialisasi cek fakta",
        f'src="foto/2026-03-14-{g.pk}-1.jpg"',
        "4. Berita",
        "http://testserver/warta/1-panen/",
        "5. Siaran",
        "Waspada banjir — Diteruskan",
        "6. Potensi",
        "Gula aren Tungkap",
        "7. Penghargaan",
        "Juara II KIM Festival Provinsi",
    ]
    posisi = [sampul.index(t) for t in urutan]
    assert posisi == sorted(posisi)
    assert "Terlalu lama" not in sampul


def test_the_bundle_of_another_villages_kim_is_not_found(client, cast):
    client.force_login(cast.editor_lain)
    assert client.get(f"/kelola/penilaian/kim/{DESA_A}/bukti.zip").status_code == 404


def test_diskominfo_picks_and_drops_a_candidate_from_the_regency_page(client, cast):
    client.force_login(cast.admin)
    client.post("/kelola/penilaian/kandidat/", {"pilih": DESA_A, "bulan": "2026-05"})
    assert list(Kandidat.objects.values_list("kim", "tahun")) == [(cast.kim_a.pk, 2026)]
    html = client.get("/kelola/penilaian/?bulan=2026-05").content.decode()
    assert "<strong>Kandidat</strong>" in html
    client.post("/kelola/penilaian/kandidat/", {"batal": DESA_A})
    assert not Kandidat.objects.exists()
    assert Audit.objects.filter(aksi__in=[PenilaianAksi.PILIH_KANDIDAT, PenilaianAksi.BATAL_KANDIDAT]).count() == 2
