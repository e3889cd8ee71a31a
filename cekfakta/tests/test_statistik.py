"""The verification desk's statistics page and its CSV export."""

import csv
import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cekfakta.models import Hasil, JenisSalah, Klaim, Laporan, Saluran, Status, Topik
from cekfakta.statistik import kelas_batas, rentang_tanggal
from jembatan.test import DESA_A, DESA_B, KEL_BINUANG

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
HARI_INI = datetime(2025, 6, 18, 10, 0, tzinfo=WITA)  # a Wednesday, ISO week 25
URL = "/kelola/cek-fakta/statistik/"
CSV_URL = "/kelola/cek-fakta/statistik.csv"

_nomor = iter(range(10**6))


def make_klaim(topik=Topik.LAINNYA, dilihat=HARI_INI, **fields):
    return Klaim.objects.create(judul=f"Klaim uji {next(_nomor)}", topik=topik, pertama_dilihat=dilihat, **fields)


def make_laporan(klaim, dibuat=HARI_INI, wilayah=None, saluran=Saluran.WEB, **fields):
    return Laporan.objects.create(
        klaim=klaim,
        kode=f"K{next(_nomor):07d}",
        teks=fields.pop("teks", "Pesan uji yang beredar"),
        dibuat=dibuat,
        wilayah_id=wilayah,
        saluran=saluran,
        **fields,
    )


def terbit(klaim, hasil, jenis="", pada=HARI_INI):
    Klaim.objects.filter(pk=klaim.pk).update(status=Status.SELESAI, hasil=hasil, jenis_salah=jenis, diterbitkan=pada)


def baris(html: str, label: str) -> list[str]:
    """The numbers of the table row headed `label`, as a user reads them."""
    m = re.search(
        rf'<th scope="row">(?:<span class="sr">[^<]*</span>)?(?:<span[^>]*>)?{re.escape(label)}(?:</span>)?</th>((?:<td class="angka">\d+</td>)+)',
        html,
    )
    assert m, f"no row {label!r}"
    return re.findall(r"<td class=\"angka\">(\d+)</td>", m.group(1))


@pytest.fixture
def data(db):
    """Five reports in the last 90 days, one older; two claims published."""
    penipuan = make_klaim(Topik.PENIPUAN)
    kesehatan = make_klaim(Topik.KESEHATAN, dilihat=HARI_INI - timedelta(days=9))
    make_laporan(
        penipuan,
        wilayah=DESA_A,
        saluran=Saluran.WHATSAPP,
        email="rahasia@uji.example",
        kontak_saluran="6281234567890",
        teks="SELAMAT anda pemenang undian rahasia",
    )
    make_laporan(penipuan, wilayah=DESA_A, saluran=Saluran.WHATSAPP)
    make_laporan(penipuan, wilayah=KEL_BINUANG, saluran=Saluran.TELEGRAM)
    make_laporan(kesehatan, dibuat=HARI_INI - timedelta(days=9), wilayah=DESA_B)
    make_laporan(kesehatan, dibuat=HARI_INI - timedelta(days=9))  # no village given
    make_laporan(kesehatan, dibuat=HARI_INI - timedelta(days=120), wilayah=DESA_B)  # outside the default range
    terbit(penipuan, Hasil.SALAH, JenisSalah.TIRUAN)
    terbit(kesehatan, Hasil.BENAR, pada=HARI_INI - timedelta(days=2))
    return penipuan, kesehatan


@pytest.mark.parametrize("peran", ["admin", "verifikator"])
def test_admin_and_verifikator_see_the_statistics(client, cast, peran):
    client.force_login(getattr(cast, peran))
    assert client.get(URL).status_code == 200
    assert client.get(CSV_URL).status_code == 200


@pytest.mark.parametrize("peran", ["operator", "pemdes", "editor", "anggota", "editor_lain", "warga"])
def test_other_roles_get_404(client, cast, peran):
    client.force_login(getattr(cast, peran))
    assert client.get(URL).status_code == 404
    assert client.get(CSV_URL).status_code == 404


def test_anonymous_visitors_are_asked_to_log_in(client, db):
    for url in (URL, CSV_URL):
        response = client.get(url)
        assert response.status_code == 302 and "/masuk" in response["Location"]


def test_the_queue_links_to_the_statistics(client, cast):
    client.force_login(cast.verifikator)
    assert URL in client.get("/kelola/cek-fakta/").content.decode()


@time_machine.travel(HARI_INI, tick=False)
def test_breakdowns_count_the_reports_of_the_last_90_days(client, cast, data):
    client.force_login(cast.admin)
    html = client.get(URL).content.decode()
    assert "<strong>5</strong> laporan masuk, <strong>2</strong> klaim baru, <strong>2</strong> putusan diterbitkan" in html
    # By kecamatan: Tungkap and Kelurahan Binuang are both in Binuang; one report gave no village.
    assert baris(html, "Binuang") == ["3"]
    assert baris(html, "Tapin Tengah") == ["1"]
    assert baris(html, "Tidak diketahui") == ["1"]
    assert baris(html, "Lokpaikat") == ["0"]
    # By channel, topic (claims, then their reports) and outcome with Mafindo's type.
    assert baris(html, "WhatsApp") == ["2"] and baris(html, "Telegram") == ["1"] and baris(html, "Situs web") == ["2"]
    assert baris(html, "Penipuan") == ["1", "3"] and baris(html, "Kesehatan") == ["1", "2"]
    assert baris(html, "Salah") == ["1"] and baris(html, "Konten tiruan") == ["1"] and baris(html, "Konten palsu") == ["0"]
    assert baris(html, "Benar") == ["1"] and baris(html, "Bukan klaim") == ["0"]
    assert "rahasia@uji.example" not in html and "6281234567890" not in html and "pemenang undian rahasia" not in html


@time_machine.travel(HARI_INI, tick=False)
def test_weeks_are_iso_weeks_in_local_time_with_empty_weeks_shown(client, cast):
    k = make_klaim()
    make_laporan(k, dibuat=datetime(2025, 6, 16, 0, 30, tzinfo=WITA))  # Monday 00:30 WITA: still Sunday in UTC
    make_laporan(k, dibuat=datetime(2025, 6, 15, 23, 30, tzinfo=WITA))  # Sunday night: the week before
    make_laporan(k, dibuat=datetime(2025, 4, 1, 12, 0, tzinfo=WITA))
    client.force_login(cast.verifikator)
    html = client.get(URL).content.decode()
    minggu = re.findall(r'<span class="oleh">(\d{4}-W\d\d)</span></th><td class="angka">(\d+)</td>', html)
    assert [w for w, _ in minggu] == [f"2025-W{n}" for n in range(14, 26)]
    assert dict(minggu) == {**{f"2025-W{n}": "0" for n in range(14, 26)}, "2025-W25": "1", "2025-W24": "1", "2025-W14": "1"}


@time_machine.travel(HARI_INI, tick=False)
def test_the_date_range_filters_every_breakdown(client, cast, data):
    client.force_login(cast.admin)
    html = client.get(URL, {"dari": "2025-01-01", "sampai": "2025-06-10"}).content.decode()
    assert "<strong>3</strong> laporan masuk" in html  # the two of 9 June and the one of 18 February
    assert baris(html, "Tapin Tengah") == ["2"] and baris(html, "Binuang") == ["0"]
    assert 'value="2025-01-01"' in html and 'value="2025-06-10"' in html
    assert "statistik.csv?dari=2025-01-01&amp;sampai=2025-06-10" in html


@time_machine.travel(HARI_INI, tick=False)
@pytest.mark.parametrize(
    ("params", "pesan"),
    [
        ({"dari": "kemarin"}, "tidak dapat dibaca"),
        ({"dari": "2025-02-30"}, "tidak dapat dibaca"),
        ({"dari": "0001-01-01", "sampai": "9999-12-31"}, "tidak dapat dibaca"),
        ({"dari": "2025-06-10", "sampai": "2025-06-01"}, "sesudah tanggal akhir"),
    ],
)
def test_unreadable_dates_fall_back_to_the_last_90_days_with_a_message(client, cast, data, params, pesan):
    client.force_login(cast.admin)
    html = client.get(URL, params).content.decode()
    assert pesan in html and "Ditampilkan 90 hari terakhir" in html
    assert 'value="2025-03-21"' in html and 'value="2025-06-18"' in html
    assert "<strong>5</strong> laporan masuk" in html


def test_range_defaults():
    assert rentang_tanggal({}, date(2025, 6, 18)).dari == date(2025, 3, 21)
    r = rentang_tanggal({"sampai": "2025-01-31"}, date(2025, 6, 18))
    assert (r.dari, r.sampai, r.pesan) == (date(2024, 11, 3), date(2025, 1, 31), "")


@time_machine.travel(HARI_INI, tick=False)
def test_the_map_shades_villages_by_their_reports(client, cast, data):
    client.force_login(cast.admin)
    html = client.get(URL).content.decode()
    assert (
        '<svg class="peta peta-hoaks"' in html
        and "<script" not in html.split('<svg class="peta peta-hoaks"')[1].split("</svg>")[0]
    )
    # Two reports at most: class 1 is one report, class 2 two.
    assert re.search(r'<path class="lapor-2" d="[^"]+"><title>Desa Tungkap — 2 laporan</title>', html)
    assert re.search(r'<path class="lapor-1" d="[^"]+"><title>Kelurahan Binuang — 1 laporan</title>', html)
    assert re.search(r'<path class="lapor-0" d="[^"]+"><title>Desa Lokpaikat — 0 laporan</title>', html)
    assert html.count('<path class="lapor-') == 135
    legenda = re.findall(r'<span class="kotak lapor-(\d)" aria-hidden="true"></span>([^<]+)</li>', html)
    assert legenda == [("0", "Tidak ada laporan"), ("1", "1"), ("2", "2")]


def test_map_classes_are_equal_steps_up_to_the_largest_count():
    assert kelas_batas(0) == []
    assert kelas_batas(1) == [(1, 1)]
    assert kelas_batas(10) == [(1, 3), (4, 5), (6, 8), (9, 10)]
    assert kelas_batas(100) == [(1, 25), (26, 50), (51, 75), (76, 100)]


@time_machine.travel(HARI_INI, tick=False)
def test_csv_has_a_section_per_breakdown_and_no_private_data(client, cast, data):
    client.force_login(cast.verifikator)
    response = client.get(CSV_URL, {"dari": "2025-05-01", "sampai": "2025-06-18"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="statistik-cek-fakta-2025-05-01-2025-06-18.csv"' in response["Content-Disposition"]
    teks = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(teks)))
    assert ["Periode", "2025-05-01", "2025-06-18"] in rows and ["Jumlah laporan", "5"] in rows
    for judul in ("Per minggu (ISO)", "Per topik", "Per saluran", "Per hasil putusan", "Per kecamatan"):
        assert [judul] in rows
    assert ["2025-W25", "2025-06-16", "2025-06-22", "3", "1", "2"] in rows
    assert ["Penipuan", "1", "3"] in rows and ["WhatsApp", "2"] in rows
    assert ["Salah", "Konten tiruan", "1"] in rows and ["Benar", "", "1"] in rows
    assert ["63.05.01", "Binuang", "3"] in rows and ["", "Tidak diketahui", "1"] in rows
    for rahasia in ("rahasia@uji.example", "6281234567890", "pemenang undian", "Pesan uji yang beredar"):
        assert rahasia not in teks


@time_machine.travel(HARI_INI, tick=False)
def test_the_number_of_queries_does_not_grow_with_the_data(client, cast, data):
    client.force_login(cast.admin)
    client.get(URL)  # warm up: session, translations
    with CaptureQueriesContext(connection) as sedikit:
        client.get(URL)
    desa = [DESA_A, DESA_B, KEL_BINUANG, None]
    for i in range(60):
        k = make_klaim(list(Topik)[i % 7], dilihat=HARI_INI - timedelta(days=i))
        for j in range(4):
            make_laporan(k, dibuat=HARI_INI - timedelta(days=i, hours=j), wilayah=desa[j], saluran=list(Saluran)[j])
        if i % 3 == 0:
            terbit(k, Hasil.SALAH, list(JenisSalah)[i % 7], pada=HARI_INI - timedelta(days=i))
    with CaptureQueriesContext(connection) as banyak:
        html = client.get(URL).content.decode()
    assert "<strong>245</strong> laporan masuk" in html
    assert len(banyak) == len(sedikit) <= 15
    with CaptureQueriesContext(connection) as csv_banyak:
        client.get(CSV_URL)
    assert len(csv_banyak) <= len(sedikit)


def test_imported_and_demo_verdicts_are_not_counted_as_the_desks_work(client, cast):
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from cekfakta.models import Hasil, Klaim, Status

    call_command("muat_demo_cekfakta", stdout=io.StringIO())
    Klaim.objects.create(
        judul="Diimpor",
        status=Status.SELESAI,
        hasil=Hasil.SALAH,
        penjelasan="p",
        metode="m",
        diterbitkan=timezone.now(),
        sumber_url="https://cekfakta.example/1",
        sumber_nama="Pemeriksa lain",
    )
    client.force_login(cast.admin)
    html = client.get("/kelola/cek-fakta/statistik/").content.decode()
    assert "<strong>0</strong> putusan diterbitkan" in html
