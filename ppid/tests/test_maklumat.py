"""Maklumat pelayanan: set by the badan publik's own PPID, published on its page, printable, and spoken."""

import datetime as dt
import io

import pytest
import soundfile
import time_machine

from akun.models import Audit
from jembatan.test import DESA_A, KAB
from ppid.models import Maklumat

pytestmark = pytest.mark.django_db

HARI = "2026-11-30 10:00 +08:00"


def _isian(**ubah):
    data = {
        "versi": 0,
        "janji": "Kami sanggup melayani permohonan informasi publik sesuai standar.",
        "jam_layanan": "Senin–Kamis 08.00–15.00 WITA, Jumat 08.00–11.00 WITA",
        "biaya": "salinan",
        "biaya_salinan": "Rp500 per lembar",
        "standar": "Pemberitahuan tertulis paling lambat 10 hari kerja.",
        "alamat": "Kantor Desa Tungkap, Jl. Brigjen H. Hasan Basri",
        "telepon": "",
        "email": "ppid@tungkap.desa.id",
        "penandatangan": "H. Rahmadi",
        "jabatan": "Kepala Desa Tungkap",
        "ditetapkan": "2026-11-02",
    }
    return data | ubah


@time_machine.travel(HARI, tick=False)
def test_the_village_ppid_sets_its_maklumat_and_everyone_reads_and_prints_it(client, cast):
    """GIVEN village A's PPID (its government)
    WHEN it saves a maklumat with a copying fee
    THEN the PPID page shows the pledge, hours and fee, the printable page has it all with the signature,
         and the audit trail says who set it."""
    client.force_login(cast.pemdes)
    assert client.get(f"/ppid/{DESA_A}/maklumat/").status_code == 404
    response = client.post(f"/kelola/ppid/{DESA_A}/maklumat/", _isian())
    assert response.status_code == 302 and response["Location"] == f"/ppid/{DESA_A}/maklumat/"
    m = Maklumat.objects.get(wilayah_id=DESA_A)
    assert m.versi == 1 and m.disimpan_oleh == cast.pemdes
    [jejak] = Audit.objects.filter(aksi="ppid_simpan_maklumat")
    assert jejak.user == cast.pemdes and "ditetapkan" in jejak.ringkasan

    client.logout()
    badan = client.get(f"/ppid/{DESA_A}/").content.decode()
    assert "Kami sanggup melayani permohonan informasi publik" in badan and "Rp500 per lembar" in badan
    cetak = client.get(f"/ppid/{DESA_A}/maklumat/").content.decode()
    assert "Maklumat Pelayanan Informasi Publik" in cetak and "Senin–Kamis 08.00–15.00 WITA" in cetak
    assert "Salinan dibayar sebesar biaya penggandaan: Rp500 per lembar" in cetak
    assert "2 November 2026<br>Kepala Desa Tungkap" in cetak and "H. Rahmadi" in cetak
    assert 'class="maklumat"' in cetak and "data-cetak" in cetak


@time_machine.travel(HARI, tick=False)
@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"biaya_salinan": ""}, "biaya_salinan", "Tuliskan biaya penggandaan"),
        ({"alamat": "", "email": ""}, "alamat", "sedikitnya satu cara menghubungi PPID"),
        ({"ditetapkan": "2026-12-01"}, "ditetapkan", "Tanggal tidak boleh di masa depan."),
        ({"jam_layanan": "   "}, "jam_layanan", "Bidang ini tidak boleh kosong."),
    ],
)
def test_bad_input_is_answered_beside_its_field_and_kept(client, cast, ubah, field, pesan):
    client.force_login(cast.pemdes)
    response = client.post(f"/kelola/ppid/{DESA_A}/maklumat/", _isian(**ubah))
    assert response.status_code == 400
    assert pesan in str(response.context["form"].errors.get(field, "")) or pesan in response.content.decode()
    assert "H. Rahmadi" in response.content.decode() and not Maklumat.objects.exists()


@time_machine.travel(HARI, tick=False)
def test_a_free_service_keeps_no_copying_fee_and_a_stale_form_is_refused(client, cast):
    client.force_login(cast.pemdes)
    client.post(f"/kelola/ppid/{DESA_A}/maklumat/", _isian(biaya="gratis", biaya_salinan="Rp1.000"))
    m = Maklumat.objects.get()
    assert m.biaya_salinan == "" and m.teks_biaya() == "Layanan informasi tidak dipungut biaya."
    assert client.post(f"/kelola/ppid/{DESA_A}/maklumat/", _isian(versi=1, jam_layanan="Setiap hari kerja")).status_code == 302
    response = client.post(f"/kelola/ppid/{DESA_A}/maklumat/", _isian(versi=1, jam_layanan="Senin saja"))
    assert response.status_code == 409
    m.refresh_from_db()
    assert m.jam_layanan == "Setiap hari kerja" and m.versi == 2


def test_only_the_badan_publiks_own_ppid_edits_it(client, cast):
    for peran in ("editor", "operator", "editor_lain", "warga"):
        client.force_login(getattr(cast, peran))
        assert client.get(f"/kelola/ppid/{DESA_A}/maklumat/").status_code == 404
    client.force_login(cast.pemdes)
    assert client.get(f"/kelola/ppid/{KAB}/maklumat/").status_code == 404
    client.force_login(cast.admin)
    assert client.get(f"/kelola/ppid/{KAB}/maklumat/").status_code == 200


@time_machine.travel(HARI, tick=False)
def test_the_maklumat_is_spoken_for_those_who_cannot_read_it_and_again_when_it_changes(
    client, cast, pakai_espeak, django_capture_on_commit_callbacks
):
    """GIVEN a server with espeak-ng
    WHEN the PPID saves its maklumat, and later changes the hours
    THEN the public page offers its audio (public files) with the download link, and the change replaces it."""
    client.force_login(cast.pemdes)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/ppid/{DESA_A}/maklumat/", _isian())
    m = Maklumat.objects.get()
    assert m.audio_terkini and m.audio_ogg.name.startswith("publik/ppid/maklumat/")
    assert "Rp500" not in m.audio_digest  # a digest, not the text
    client.logout()
    page = client.get(f"/ppid/{DESA_A}/maklumat/").content.decode()
    assert f'<source src="/media/{m.audio_ogg.name}" type="audio/ogg; codecs=opus">' in page
    assert "Unduh audio — untuk diputar di masjid atau radio komunitas" in page
    lama = m.audio_ogg.name
    client.force_login(cast.pemdes)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/ppid/{DESA_A}/maklumat/", _isian(versi=1, jam_layanan="Senin–Jumat 08.00–16.00 WITA"))
    m.refresh_from_db()
    assert m.audio_terkini and m.audio_ogg.name != lama and not m.audio_ogg.storage.exists(lama)
    # Last: closing a streamed response ends the request, which closes the test's database connection.
    response = client.get(f"/media/{m.audio_mp3.name}")
    assert response.status_code == 200
    assert soundfile.info(io.BytesIO(b"".join(response.streaming_content))).format == "MP3"
    response.close()


def test_the_spoken_maklumat_reads_the_fee_and_the_date_in_words_espeak_can_say():
    m = Maklumat(
        wilayah_id=DESA_A,
        jam_layanan="Senin–Jumat 08.00–15.00 WITA",
        biaya="salinan",
        biaya_salinan="Rp500 per lembar",
        telepon="0517-31234",
        penandatangan="H. Rahmadi",
        jabatan="Kepala Desa Tungkap",
        ditetapkan=dt.date(2026, 11, 2),
    )
    teks = m.teks_audio()
    assert teks.startswith("Maklumat pelayanan informasi publik, PPID Desa Tungkap.")
    assert "Salinan dibayar sebesar biaya penggandaan: Rp500 per lembar." in teks
    assert "Ditetapkan 2 November 2026 oleh H. Rahmadi, Kepala Desa Tungkap." in teks
