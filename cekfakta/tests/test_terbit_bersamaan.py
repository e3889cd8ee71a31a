"""Two verifikators publishing the same claim at once: one verdict is published, once; the other is refused."""

import re
import threading

import pytest
from django.core import mail
from django.db import connections
from django.test import Client
from django_tasks.signals import task_enqueued

from akun.models import Aksi, Audit, Peran, User
from cekfakta import layanan
from cekfakta.models import Hasil, Klaim, Laporan, Referensi
from jembatan.lib.domain import DomainError, StaleVersion
from jembatan.test import di_thread, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def tugas_kabar():
    """The claim ids of every 'tell the reporters' task queued during the test."""
    antre = []

    def dicatat(sender, task_result, **kwargs):
        if task_result.task.module_path == "cekfakta.tasks.kabari_klaim":
            antre.append(task_result.args[0])

    task_enqueued.connect(dicatat)
    yield antre
    task_enqueued.disconnect(dicatat)


def _buka(client, klaim) -> int:
    """Open the verdict form as a verifikator's browser does; the version it carries."""
    html = client.get(f"/kelola/cek-fakta/{klaim.pk}/").content.decode()
    cocok = re.search(r'name="versi" value="(\d+)"', html)
    assert cocok, "the verdict form carries no version"
    return int(cocok.group(1))


def _putusan(versi, hasil, jenis, penjelasan, ref_judul, ref_url):
    return {
        "versi": versi,
        "judul": "PDAM menghentikan aliran air selama seminggu",
        "topik": "lainnya",
        "hasil": hasil,
        "jenis_salah": jenis,
        "penjelasan": penjelasan,
        "metode": "Konfirmasi ke PDAM.",
        "referensi-TOTAL_FORMS": "1",
        "referensi-INITIAL_FORMS": "0",
        "referensi-0-judul": ref_judul,
        "referensi-0-url": ref_url,
        "terbitkan": "1",
    }


def test_the_second_of_two_verifikators_publishing_one_claim_gets_a_conflict_and_saves_nothing(
    client, cast, tugas_kabar, django_capture_on_commit_callbacks
):
    """
    GIVEN a claim reported by two people who left an e-mail address, and two verifikators who both opened
          its verdict form
    WHEN the first publishes it as SALAH with one reference, then the second, from the form they opened
         earlier, publishes it as BENAR with another reference
    THEN the second gets a 409 with the conflict message and nothing of theirs is stored: the verdict is
         the first's label with the first's reference, the audit trail records one publication, by the
         first, and each reporter is told once
    """
    for email in ("satu@uji.example", "dua@uji.example"):
        layanan.periksa("PDAM hentikan aliran air seminggu penuh mulai besok", email=email)
    klaim = Klaim.objects.get()
    pertama = client
    pertama.force_login(cast.verifikator)
    kedua = Client()
    kedua.force_login(make_user("verifikator.dua@uji.example", Peran.VERIFIKATOR))
    versi_pertama, versi_kedua = _buka(pertama, klaim), _buka(kedua, klaim)
    assert versi_pertama == versi_kedua == 1

    with django_capture_on_commit_callbacks(execute=True):
        a = pertama.post(
            f"/kelola/cek-fakta/{klaim.pk}/",
            _putusan(versi_pertama, "salah", "palsu", "PDAM tidak menghentikan aliran.", "Siaran PDAM", "https://pdam.example/a"),
        )
        b = kedua.post(
            f"/kelola/cek-fakta/{klaim.pk}/",
            _putusan(versi_kedua, "benar", "", "Aliran memang dihentikan.", "Berita lain", "https://berita.example/b"),
        )

    assert a.status_code == 302
    assert b.status_code == 409
    assert "baru saja diubah oleh pengguna lain" in b.content.decode()
    klaim.refresh_from_db()
    assert klaim.is_terbit and klaim.hasil == Hasil.SALAH and klaim.penjelasan == "PDAM tidak menghentikan aliran."
    assert list(Referensi.objects.filter(klaim=klaim).values_list("url", flat=True)) == ["https://pdam.example/a"]
    jejak = Audit.objects.filter(objek_tipe="klaim", objek_id=str(klaim.pk))
    assert [(j.aksi, j.user) for j in jejak] == [(Aksi.TERBIT_PUTUSAN, cast.verifikator)]
    assert tugas_kabar == [klaim.pk]
    assert sorted(m.to[0] for m in mail.outbox) == ["dua@uji.example", "satu@uji.example"]


def _klaim_siap_terbit():
    """Committed on another connection, so the publishing threads see it: a complete verdict, one reporter."""
    satu = make_user("bersamaan.satu@uji.example", Peran.VERIFIKATOR)
    dua = make_user("bersamaan.dua@uji.example", Peran.VERIFIKATOR)
    klaim = Klaim.objects.create(
        judul="Sekolah diliburkan sebulan",
        hasil=Hasil.SALAH,
        jenis_salah="palsu",
        penjelasan="Dinas Pendidikan membantah.",
        metode="Konfirmasi ke dinas.",
    )
    Referensi.objects.create(klaim=klaim, judul="Siaran dinas", url="https://disdik.example/bantah")
    Laporan.objects.create(klaim=klaim, kode="BERSAMA2", teks="Sekolah libur sebulan", email="pelapor@uji.example")
    return klaim.pk, satu.pk, dua.pk


def _hapus(klaim_id, user_ids):
    Audit.objects.filter(objek_tipe="klaim", objek_id=str(klaim_id)).delete()
    Laporan.objects.filter(klaim_id=klaim_id).delete()
    Klaim.objects.filter(pk=klaim_id).delete()
    User.objects.filter(pk__in=user_ids).delete()


def test_two_verifikators_publishing_at_the_same_instant_publish_once(pakai_postgres, tugas_kabar):
    """
    GIVEN a complete verdict at version 1, committed
    WHEN two verifikators publish it from version 1 at the same instant, each on its own connection
    THEN exactly one publication goes through; the other waits for the row lock and is refused as stale;
         one audit entry, one task and one e-mail follow
    """
    klaim_id, *user_ids = di_thread(_klaim_siap_terbit)
    barrier = threading.Barrier(2)
    results = []

    def publish(user_id):
        try:
            klaim = Klaim.objects.get(pk=klaim_id)
            oleh = User.objects.get(pk=user_id)
            barrier.wait(10)
            results.append("terbit" if klaim.terbitkan(oleh=oleh, versi=1) else "diajukan")
        except StaleVersion:
            results.append("usang")
        except DomainError as e:
            results.append(f"ditolak: {e}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(u,)) for u in user_ids]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(results) == ["terbit", "usang"]
        stored = di_thread(
            lambda: (
                Klaim.objects.get(pk=klaim_id).versi,
                Klaim.objects.get(pk=klaim_id).is_terbit,
                Audit.objects.filter(objek_tipe="klaim", objek_id=str(klaim_id), aksi=Aksi.TERBIT_PUTUSAN).count(),
            )
        )
        assert stored == (2, True, 1)
        assert tugas_kabar == [klaim_id]
        assert [m.to for m in mail.outbox] == [["pelapor@uji.example"]]
    finally:
        di_thread(lambda: _hapus(klaim_id, user_ids))
