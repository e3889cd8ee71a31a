"""The siaran page (/kelola/siaran/<pk>/): the text, WhatsApp-ready copy, and the live table per scope."""

import html as htmllib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jembatan.test import make_kim, make_pengurus
from siaran.models import Kiriman, ke_whatsapp

pytestmark = pytest.mark.django_db

DESA_BINUANG = [
    "63.05.01.1017",
    "63.05.01.1018",
    "63.05.01.2006",
    "63.05.01.2007",
    "63.05.01.2008",
    "63.05.01.2009",
    "63.05.01.2012",
    "63.05.01.2016",
    "63.05.01.2019",
    "63.05.01.1001",
]
DESA_TAPIN_TENGAH = [f"63.05.03.20{n:02d}" for n in range(2, 18)]


@pytest.mark.parametrize(
    ("peran", "status"),
    [
        ("admin", 200),
        ("operator", 200),
        ("editor", 200),
        ("anggota", 200),
        ("editor_lain", 404),
        ("pemdes", 404),
        ("verifikator", 404),
        ("warga", 404),
    ],
)
def test_a_siaran_to_village_a_opens_only_inside_its_scope(client, cast, buat_siaran, peran, status):
    siaran = buat_siaran(cakupan="desa", wilayah=[cast.kim_a.wilayah])
    client.force_login(getattr(cast, peran))
    assert client.get(f"/kelola/siaran/{siaran.pk}/").status_code == status


def test_pengurus_reads_the_text_and_gets_the_marking_forms_but_no_table(client, cast, buat_siaran):
    siaran = buat_siaran()
    client.force_login(cast.editor)
    html = client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()
    assert "<strong>naik</strong>" in html and "Tandai diterima" in html and "Grup WhatsApp" in html
    assert "Keadaan setiap KIM" not in html and "KIM Pandulangan" not in html


def test_anggota_reads_but_cannot_mark(client, cast, buat_siaran):
    siaran = buat_siaran()
    client.force_login(cast.anggota)
    html = client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()
    assert "<strong>naik</strong>" in html and "Tandai diterima" not in html
    assert "Pengurus KIM yang menandai siaran ini" in html


def test_whatsapp_text_has_a_bold_title_line_breaks_and_the_link(client, cast, buat_siaran):
    siaran = buat_siaran()
    client.force_login(cast.editor)
    html = client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()
    teks = htmllib.unescape(html.split('id="teks-wa"')[1].split(">", 1)[1].split("</textarea>")[0])
    assert teks.startswith("🚨 *DARURAT* *Waspada banjir di bantaran Sungai Tapin*\n\nAir sungai *naik* sejak pagi.\n\n")
    assert "- pantau info BPBD (https://bpbd.example/tapin)" in teks
    assert teks.endswith(f"\n\nhttp://testserver/kelola/siaran/{siaran.pk}/")
    assert "data-salin-dari" in html and "https://wa.me/?text=" in html


def test_whatsapp_formatting_of_markdown():
    assert ke_whatsapp("**Tebal** dan *miring* dan __juga tebal__") == "*Tebal* dan _miring_ dan *juga tebal*"
    assert ke_whatsapp("### Judul\nlihat [di sini](https://a.example/x)") == "*Judul*\nlihat di sini (https://a.example/x)"
    assert ke_whatsapp("- satu\n- dua") == "- satu\n- dua"


def test_admin_sees_every_kim_with_state_place_and_email_delivery(client, cast, buat_siaran):
    siaran = buat_siaran()
    a = siaran.penerimaan.get(kim=cast.kim_a)
    a.tandai_diteruskan(cast.editor, ["whatsapp", "masjid"], "Grup RT 03")
    Kiriman.objects.filter(penerimaan__kim=cast.kim_b).update(status="gagal", galat="ConnectionRefusedError")
    client.force_login(cast.admin)
    html = client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()
    assert "2 KIM: 1 belum dibaca, 0 diterima, 1 diteruskan." in html
    baris_a = html.split("KIM Tungkap Bersinar")[1].split("</tr>")[0]
    assert "Binuang" in baris_a and "Diteruskan" in baris_a and "Grup WhatsApp, Pengumuman masjid/musala" in baris_a
    assert "Grup RT 03" in baris_a and "terkirim (1)" in baris_a
    baris_b = html.split("KIM Pandulangan")[1].split("</tr>")[0]
    assert "Tapin Tengah" in baris_b and "Belum dibaca" in baris_b and "belum terkirim (0 dari 1 terkirim)" in baris_b
    assert "1 surel belum terkirim" in html and "Ingatkan yang belum" in html


def test_operator_table_is_filtered_to_their_kecamatan_and_read_only(client, cast, buat_siaran):
    siaran = buat_siaran()
    client.force_login(cast.operator)
    html = client.get(f"/kelola/siaran/{siaran.pk}/").content.decode()
    assert "KIM Tungkap Bersinar" in html and "KIM Pandulangan" not in html and "1 KIM: 1 belum dibaca" in html
    assert "Ingatkan yang belum" not in html and "Tandai diterima" not in html


def test_table_filters_by_state(client, cast, buat_siaran):
    siaran = buat_siaran()
    siaran.penerimaan.get(kim=cast.kim_a).tandai_diterima(cast.editor)
    client.force_login(cast.admin)
    html = client.get(f"/kelola/siaran/{siaran.pk}/?status=belum").content.decode()
    assert "KIM Pandulangan" in html and "KIM Tungkap Bersinar</th>" not in html.split("<tbody>")[1]


def _kim_dengan_pengurus(kode):
    from jembatan.test import make_user

    kim = make_kim(kode, "aktif")
    make_pengurus(kim, f"Ketua {kode}", user=make_user(f"ketua.{kode}@uji.example", "pengurus", kode))
    return kim


def test_live_table_query_count_does_not_grow_with_the_kim(client, cast, buat_siaran):
    for kode in DESA_BINUANG[:2]:
        _kim_dengan_pengurus(kode)
    sedikit = buat_siaran()
    for kode in DESA_BINUANG[2:] + DESA_TAPIN_TENGAH:
        _kim_dengan_pengurus(kode)
    banyak = buat_siaran()
    assert banyak.jumlah_kim == sedikit.jumlah_kim + 24
    client.force_login(cast.admin)
    client.get(f"/kelola/siaran/{sedikit.pk}/")  # warm the session and the deployment cache
    counts = []
    for siaran in (sedikit, banyak):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/kelola/siaran/{siaran.pk}/")
        assert response.status_code == 200 and f"{siaran.jumlah_kim} KIM:" in response.content.decode()
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
