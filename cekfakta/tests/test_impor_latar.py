"""A ClaimReview file uploaded in the admin: read and checked at once, stored by the background workers in
parts, each part once, with what happened on the import's own admin page."""

import json
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from akun.models import Audit
from cekfakta import claimreview, layanan
from cekfakta.models import ImporClaimReview, Klaim
from cekfakta.tests.test_claimreview import _review
from jembatan.lib.domain import DomainError
from jembatan.test import di_thread

pytestmark = pytest.mark.django_db

SEKARANG = datetime(2026, 5, 1, 10, 0, tzinfo=ZoneInfo("Asia/Makassar"))
IMPOR = "/django-admin/cekfakta/klaim/impor/"


def _unggah(client, isi, *, nama="cr.json", **data):
    berkas = SimpleUploadedFile(nama, isi if isinstance(isi, bytes) else json.dumps(isi).encode())
    return client.post(IMPOR, {"berkas": berkas, **data}, follow=True)


@time_machine.travel(SEKARANG, tick=False)
def test_an_uploaded_file_is_imported_in_parts_and_its_page_tells_the_result(
    admin_client, cast, monkeypatch, django_capture_on_commit_callbacks
):
    """GIVEN an admin uploading five items, the second of them again further down and one with a date in 2099
    WHEN the background workers have stored the parts (at most two items each; the two copies of one URL in one)
    THEN the four distinct verdicts minus the refused one are published and findable, and the import's page says
    3 imported, 1 already there (the repeat), 1 refused with the reason."""
    monkeypatch.setattr(claimreview, "UKURAN_BAGIAN", 2)
    butir = [_review(1), _review(2), _review(3, datePublished="2099-12-31"), _review(4), _review(2)]
    assert "Impor ClaimReview" in admin_client.get("/django-admin/cekfakta/klaim/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _unggah(admin_client, butir, nama="turnbackhoax.json", sumber="Mafindo")
    impor = ImporClaimReview.objects.get()
    assert response.redirect_chain[-1][0] == f"/django-admin/cekfakta/imporclaimreview/{impor.pk}/change/"
    assert (impor.nama_berkas, impor.jumlah_butir, impor.oleh) == ("turnbackhoax.json", 5, cast.admin)
    assert impor.bagian.count() == 3 and not impor.bagian.filter(selesai=False).exists()
    assert (impor.status, impor.dibuat, impor.dilewati) == ("selesai", 3, 1) and impor.selesai_pada is not None
    assert impor.ditolak == ["butir ke-3 (https://cekfakta.example/3): datePublished 2099-12-31 di masa depan"]
    assert sorted(Klaim.objects.values_list("sumber_url", flat=True)) == [f"https://cekfakta.example/{n}" for n in (1, 2, 4)]
    assert all(k.vektor is not None for k in Klaim.objects.all())  # never findable without its meaning
    assert not any(b.butir for b in impor.bagian.all())  # the items are not kept once stored

    html = admin_client.get(f"/django-admin/cekfakta/imporclaimreview/{impor.pk}/change/").content.decode()
    assert "Selesai" in html and "3 / 3" in html and "datePublished 2099-12-31 di masa depan" in html
    assert layanan.cocokkan("vaksin mengandung chip pelacak")[0].klaim.diimpor


def test_a_broken_file_stores_nothing_and_says_why(admin_client):
    for isi, pesan in (
        (b"{rusak", "bukan JSON"),
        (b'{"dataFeedElement": "abc"}', "dataFeedElement harus berupa larik"),
        ([_review(1), _review(2, claimReviewed="")], "butir ke-2: claimReviewed kosong"),
    ):
        response = _unggah(admin_client, isi)
        html = response.content.decode()
        assert response.status_code == 200 and pesan in html and "Tidak ada yang diimpor" in html
    assert not ImporClaimReview.objects.exists() and not Klaim.objects.exists()


def test_a_claimreview_file_past_the_upload_limit_is_imported_up_to_its_own_limit_and_refused_past_it(
    admin_client, cast, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """GIVEN uploads limited to 1 MB everywhere and the ClaimReview import to 2 MB
    WHEN the admin imports a 1.5 MB file (two verdicts in a feed laid out with whitespace), then a 2.5 MB one
    THEN the first is read and queued whole, the second is refused before it is read, saying the limit and the
    command for larger files, and nothing of it is stored; the KIM profile's scan upload still stops at 1 MB."""
    from jembatan.test import DESA_A

    settings.JEMBATAN_MAX_UPLOAD_MB, settings.JEMBATAN_MAX_IMPOR_MB = 1, 2
    antre: list[int] = []
    _tangkap_antrean(monkeypatch, antre)
    mb = 1024 * 1024

    def berkas(ukuran: int) -> bytes:
        isi = json.dumps([_review(1), _review(2)]).encode()
        return isi[:1] + b" " * (ukuran - len(isi)) + isi[1:]

    with django_capture_on_commit_callbacks(execute=True):
        response = _unggah(admin_client, berkas(int(1.5 * mb)))
    impor = ImporClaimReview.objects.get()
    assert response.redirect_chain[-1][0] == f"/django-admin/cekfakta/imporclaimreview/{impor.pk}/change/"
    assert impor.jumlah_butir == 2 and len(antre) == impor.bagian.count() >= 1

    response = _unggah(admin_client, berkas(int(2.5 * mb)), nama="besar.json")
    html = response.content.decode()
    assert response.status_code == 200 and "Berkas lebih dari 2 MB dan tidak dibaca" in html and "import_claimreview" in html
    assert ImporClaimReview.objects.count() == 1 and not ImporClaimReview.objects.filter(nama_berkas="besar.json").exists()

    # Anonymous, with a CSRF cookie of its own making: the form is read before the admin asks who it is, so the
    # larger limit is only for who may add verdicts; anyone else is stopped at the ordinary one.
    anonim = Client(enforce_csrf_checks=True)
    anonim.cookies["csrftoken"] = "a" * 32
    response = anonim.post(
        IMPOR,
        {"csrfmiddlewaretoken": "a" * 32, "berkas": SimpleUploadedFile("cr.json", berkas(int(1.5 * mb)))},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 302 and "/login/" in response["Location"] and response.wsgi_request.upload_terlalu_besar
    assert ImporClaimReview.objects.count() == 1

    admin_client.force_login(cast.editor)
    scan = SimpleUploadedFile("sk.pdf", b"%PDF-1.4\n" + b"0" * int(1.5 * mb), content_type="application/pdf")
    response = admin_client.post(f"/kelola/{DESA_A}/profil/", {"berkas_sk": scan})
    assert response.status_code == 200 and "terlalu besar" in response.content.decode()


def test_a_part_delivered_twice_is_stored_once(cast):
    impor = claimreview.antrekan(json.dumps([_review(1), _review(2)]), nama_berkas="cr.json")
    bagian = impor.bagian.get()
    assert claimreview.kerjakan_bagian(bagian.pk) == "selesai"
    assert claimreview.kerjakan_bagian(bagian.pk) == "lewati"
    assert Klaim.objects.count() == 2
    impor.refresh_from_db()
    assert (impor.status, impor.dibuat, impor.dilewati) == ("selesai", 2, 0)


def test_a_failed_part_is_rolled_back_and_the_admin_continues_it(admin_client, monkeypatch, django_capture_on_commit_callbacks):
    """GIVEN a file of two parts whose second part fails (say, the database went away halfway)
    WHEN the admin continues the import from its page
    THEN the failed part stored nothing, the page said what failed, and continuing stores it once."""
    monkeypatch.setattr(claimreview, "UKURAN_BAGIAN", 1)
    asli = claimreview.tulis_butir

    def tulis_gagal(siap):
        if siap.butir[0][0].endswith("/2"):
            raise OSError("database hilang")
        return asli(siap)

    monkeypatch.setattr(claimreview, "tulis_butir", tulis_gagal)
    with django_capture_on_commit_callbacks(execute=True):
        _unggah(admin_client, [_review(1), _review(2)])
    impor = ImporClaimReview.objects.get()
    assert impor.status == "gagal" and "OSError: database hilang" in impor.galat
    assert list(Klaim.objects.values_list("sumber_url", flat=True)) == ["https://cekfakta.example/1"]
    html = admin_client.get(f"/django-admin/cekfakta/imporclaimreview/{impor.pk}/change/").content.decode()
    assert "Gagal" in html and "database hilang" in html and "1 / 2" in html

    monkeypatch.setattr(claimreview, "tulis_butir", asli)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/django-admin/cekfakta/imporclaimreview/",
            {"action": "lanjutkan", "_selected_action": [impor.pk]},
            follow=True,
        )
    assert "1 bagian diantrekan lagi" in response.content.decode()
    impor.refresh_from_db()
    assert (impor.status, impor.dibuat, impor.galat) == ("selesai", 2, "")
    assert "database hilang" not in impor.bagian.get(nomor=2).galat
    assert Klaim.objects.count() == 2
    with pytest.raises(DomainError, match="sudah selesai"):
        impor.lanjutkan(oleh=impor.oleh)
    assert Audit.objects.filter(aksi="cekfakta_lanjutkan_impor", objek_id=str(impor.pk)).count() == 1


def test_only_who_may_add_verdicts_sees_and_continues_imports(client, cast):
    """GIVEN an import, a staff member without rights on verdicts and one allowed to add verdicts
    THEN the first sees neither the imports nor the upload form; the second sees both and may continue it."""
    from django.contrib.auth.models import Permission

    impor = claimreview.antrekan(json.dumps([_review(1)]), nama_berkas="cr.json")
    cast.editor.is_staff = cast.verifikator.is_staff = True
    cast.editor.save()
    cast.verifikator.save()
    cast.verifikator.user_permissions.add(Permission.objects.get(codename="add_klaim"))
    client.force_login(cast.editor)
    assert client.get("/django-admin/cekfakta/imporclaimreview/").status_code == 403
    assert client.get(f"/django-admin/cekfakta/imporclaimreview/{impor.pk}/change/").status_code in (302, 403)
    assert client.get(IMPOR).status_code in (302, 403)
    aksi = {"action": "lanjutkan", "_selected_action": [impor.pk]}
    assert client.post("/django-admin/cekfakta/imporclaimreview/", aksi).status_code == 403

    client.force_login(cast.verifikator)
    assert "cr.json" in client.get("/django-admin/cekfakta/imporclaimreview/").content.decode()
    assert client.get(IMPOR).status_code == 200
    response = client.post("/django-admin/cekfakta/imporclaimreview/", aksi, follow=True)
    assert "1 bagian diantrekan lagi" in response.content.decode()


def test_a_copy_of_a_url_further_down_is_imported_when_the_first_is_refused(admin_client, django_capture_on_commit_callbacks):
    """The same URL twice in a file, the first with an impossible date: the second is the verdict, as on the
    command line; a third copy counts as already there."""
    butir = [_review(1, datePublished="2099-12-31"), _review(2), _review(1), _review(1)]
    with django_capture_on_commit_callbacks(execute=True):
        _unggah(admin_client, butir)
    impor = ImporClaimReview.objects.get()
    assert (impor.status, impor.dibuat, impor.dilewati, len(impor.ditolak)) == ("selesai", 2, 1, 1)
    assert sorted(Klaim.objects.values_list("sumber_url", flat=True)) == [
        "https://cekfakta.example/1",
        "https://cekfakta.example/2",
    ]


def test_a_copy_that_fails_after_another_stored_the_part_changes_nothing(cast):
    """A part queued twice (continued while it ran): the copy that stored it finishes the import; the other copy
    failing afterwards does not mark it failed, and continuing an import with nothing left finishes it."""
    impor = claimreview.antrekan(json.dumps([_review(1)]), nama_berkas="cr.json")
    bagian = impor.bagian.get()
    assert claimreview.kerjakan_bagian(bagian.pk) == "selesai"
    bagian.catat_gagal("Bagian 1: OperationalError: database is locked")
    impor.refresh_from_db()
    assert (impor.status, impor.galat) == ("selesai", "")

    kedua = claimreview.antrekan(json.dumps([_review(2)]), nama_berkas="cr2.json")
    bagian = kedua.bagian.get()
    bagian.catat_gagal("Bagian 1: OperationalError: database is locked")
    kedua.refresh_from_db()
    assert kedua.status == "gagal"
    assert claimreview.kerjakan_bagian(bagian.pk) == "selesai"  # a copy queued before the failure was seen
    kedua.refresh_from_db()
    assert (kedua.status, kedua.galat, kedua.dibuat) == ("selesai", "", 1)


def test_an_empty_file_is_a_finished_import_of_nothing(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _unggah(admin_client, [])
    impor = ImporClaimReview.objects.get()
    assert (impor.status, impor.jumlah_butir, impor.dibuat) == ("selesai", 0, 0)


def _bagian_bersamaan(bagian: list[int]) -> list[str]:
    """Run these parts at the same instant, each on a thread (a worker) with its own database connection."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(bagian))
    hasil = []

    def kerja(pk):
        try:
            barrier.wait(10)
            hasil.append(claimreview.kerjakan_bagian(pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=kerja, args=(pk,)) for pk in bagian]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return sorted(hasil)


def test_parts_run_side_by_side_on_postgresql_are_each_stored_once_and_counted_once(pakai_postgres, monkeypatch):
    """GIVEN a file of three parts, committed, and two workers
    WHEN the three parts run at the same instant, one of them delivered twice, each on its own connection
    THEN every verdict is stored once and the import, finished, counts each part once."""
    monkeypatch.setattr(claimreview, "UKURAN_BAGIAN", 2)
    monkeypatch.setattr(claimreview, "_kirim_bagian", lambda impor_id, ids: None)  # the threads are the workers

    def siapkan():
        impor = claimreview.antrekan(json.dumps([_review(n) for n in range(1, 7)]), nama_berkas="cr.json")
        return impor.pk, list(impor.bagian.order_by("nomor").values_list("pk", flat=True))

    impor_id, bagian = di_thread(siapkan)
    try:
        assert _bagian_bersamaan([*bagian, bagian[0]]) == ["lewati", "selesai", "selesai", "selesai"]
        impor = di_thread(lambda: ImporClaimReview.objects.get(pk=impor_id))
        assert (impor.status, impor.dibuat, impor.dilewati) == ("selesai", 6, 0)
        assert di_thread(lambda: Klaim.objects.filter(sumber_url__startswith="https://cekfakta.example/").count()) == 6
    finally:
        di_thread(
            lambda: (
                Klaim.objects.filter(sumber_url__startswith="https://cekfakta.example/").delete(),
                ImporClaimReview.objects.filter(pk=impor_id).delete(),
            )
        )


def test_two_imports_of_one_url_side_by_side_on_postgresql_store_it_once(pakai_postgres, monkeypatch):
    """GIVEN two uploads holding the same verdict (a file uploaded again while the first still runs), committed
    WHEN their parts run at the same instant on two workers
    THEN the verdict is stored once; the other import counts it as already there."""
    monkeypatch.setattr(claimreview, "_kirim_bagian", lambda impor_id, ids: None)
    url = "https://cekfakta.example/dua-kali"

    def siapkan():
        return [
            claimreview.antrekan(json.dumps([_review(1, url=url)]), nama_berkas=f"cr{n}.json").bagian.get().pk for n in (1, 2)
        ]

    bagian = di_thread(siapkan)
    try:
        assert _bagian_bersamaan(bagian) == ["selesai", "selesai"]
        assert di_thread(lambda: Klaim.objects.filter(sumber_url=url).count()) == 1
        assert di_thread(lambda: sorted(ImporClaimReview.objects.values_list("dibuat", "dilewati"))) == [(0, 1), (1, 0)]
    finally:
        di_thread(lambda: (Klaim.objects.filter(sumber_url=url).delete(), ImporClaimReview.objects.all().delete()))


def test_a_running_import_that_has_not_moved_for_ten_minutes_says_its_worker_may_have_stopped(admin_client):
    impor = claimreview.antrekan(json.dumps([_review(1)]), nama_berkas="cr.json")
    impor.mulai()
    ImporClaimReview.objects.filter(pk=impor.pk).update(diperbarui=timezone.now() - timedelta(minutes=9))
    assert "tidak maju sejak" not in admin_client.get("/django-admin/cekfakta/imporclaimreview/").content.decode()
    ImporClaimReview.objects.filter(pk=impor.pk).update(diperbarui=timezone.now() - timedelta(minutes=11))
    html = admin_client.get("/django-admin/cekfakta/imporclaimreview/").content.decode()
    assert "tidak maju sejak" in html and "diantrekan lagi otomatis" in html
    assert "Lanjutkan bagian yang belum selesai" in html


def _tangkap_antrean(monkeypatch, antre):
    """The queue as a list: the parts' ids in the order they were queued, nothing run."""
    from types import SimpleNamespace

    monkeypatch.setattr("cekfakta.tasks.impor_bagian", SimpleNamespace(enqueue=antre.append))


def _macet(impor, menit=11):
    """A worker took a part of `impor` and nothing moved since, for `menit` minutes."""
    impor.mulai()
    lalu = timezone.now() - timedelta(minutes=menit)
    ImporClaimReview.objects.filter(pk=impor.pk).update(diperbarui=lalu, diantrekan_lagi=None)


def test_the_periodic_job_continues_an_import_whose_worker_stopped_and_it_is_stored_once(
    monkeypatch, django_capture_on_commit_callbacks
):
    """GIVEN an import of two parts whose worker died after taking both (nothing stored, the queue's tasks lost)
    WHEN the periodic job runs before ten minutes without progress, then while the task queue still holds other
    work, then with the queue empty
    THEN the first two runs leave it alone; the third queues both parts again, the workers store them once, and
    the audit trail says the system continued it."""
    monkeypatch.setattr(claimreview, "UKURAN_BAGIAN", 1)
    antre = []
    _tangkap_antrean(monkeypatch, antre)
    with django_capture_on_commit_callbacks(execute=True):
        impor = claimreview.antrekan(json.dumps([_review(1), _review(2)]), nama_berkas="cr.json")
    hilang, antre[:] = list(antre), []
    _macet(impor, menit=9)
    assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan() and antre == []

    _macet(impor)
    monkeypatch.setattr("cekfakta.claimreview.check_queue", lambda: {"ok": True, "waiting": 5})
    call_command("lanjutkan_impor_macet", stdout=(keluar := StringIO()))
    assert "masih berisi 5 tugas: tidak ada impor yang dilanjutkan" in keluar.getvalue() and antre == []
    monkeypatch.undo()
    _tangkap_antrean(monkeypatch, antre)

    call_command("lanjutkan_impor_macet", stdout=(keluar := StringIO()))
    assert "1 impor dilanjutkan (2 bagian diantrekan lagi), 0 impor dihentikan." in keluar.getvalue()
    assert sorted(antre) == sorted(hilang)
    impor.refresh_from_db()
    assert (impor.status, impor.dilanjutkan_otomatis, impor.macet) == ("antre", 1, False)
    assert impor.diperbarui < impor.diantrekan_lagi  # the last progress is still the upload's
    audit = Audit.objects.get(aksi="cekfakta_lanjutkan_impor", objek_id=str(impor.pk))
    assert audit.user is None and "dilanjutkan otomatis" in audit.ringkasan

    for pk in antre + hilang:  # the lost copies turn up after all: each part is still stored once
        claimreview.kerjakan_bagian(pk)
    impor.refresh_from_db()
    assert (impor.status, impor.dibuat, impor.dilanjutkan_otomatis) == ("selesai", 2, 0)
    assert Klaim.objects.count() == 2
    ImporClaimReview.objects.filter(pk=impor.pk).update(diperbarui=timezone.now() - timedelta(minutes=60))
    assert claimreview.lanjutkan_yang_macet().dilanjutkan == 0  # a finished import is never continued


def test_an_import_that_never_moves_stops_after_three_tries_in_a_row_and_a_person_gets_them_back(admin_client, monkeypatch):
    """GIVEN an import of two parts whose workers keep dying
    WHEN the periodic job finds it stalled again and again, with one part stored after the second try
    THEN it queues the parts again three times after that part (the stored part gives the tries back); the
    next time the import fails with what to check, the audit trail and its page say so, and nothing more is
    queued until the admin continues it, which gives the job its tries back."""
    monkeypatch.setattr(claimreview, "UKURAN_BAGIAN", 1)
    antre = []
    _tangkap_antrean(monkeypatch, antre)
    impor = claimreview.antrekan(json.dumps([_review(1), _review(2)]), nama_berkas="cr.json")
    for _ in range(2):
        _macet(impor)
        assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan(dilanjutkan=1, bagian=2)
    claimreview.kerjakan_bagian(impor.bagian.get(nomor=1).pk)
    impor.refresh_from_db()
    assert impor.dilanjutkan_otomatis == 0
    for n in (1, 2, 3):
        _macet(impor)
        assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan(dilanjutkan=1, bagian=1)
        impor.refresh_from_db()
        assert impor.dilanjutkan_otomatis == n
    _macet(impor)
    assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan(dihentikan=1)
    impor.refresh_from_db()
    assert impor.status == "gagal" and "setelah 3 kali dilanjutkan otomatis" in impor.galat and "jembatan-worker" in impor.galat
    assert Audit.objects.filter(aksi="cekfakta_hentikan_impor", objek_id=str(impor.pk), user=None).count() == 1
    ImporClaimReview.objects.filter(pk=impor.pk).update(diperbarui=timezone.now() - timedelta(minutes=60))
    assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan() and len(antre) == 2 * 2 + 3 * 1
    html = admin_client.get(f"/django-admin/cekfakta/imporclaimreview/{impor.pk}/change/").content.decode()
    assert "Gagal" in html and "jembatan-worker" in html

    assert impor.lanjutkan(oleh=impor.oleh) == [impor.bagian.get(nomor=2).pk]
    impor.refresh_from_db()
    assert (impor.status, impor.dilanjutkan_otomatis, impor.macet) == ("antre", 0, False)


def test_an_import_waiting_long_for_its_turn_says_so_and_is_not_queued_again(admin_client, monkeypatch):
    """GIVEN an import whose parts no worker has started for eleven minutes (a busy queue, or no worker)
    THEN its list row says it is still waiting and why that may be, and the periodic job leaves it alone."""
    antre = []
    _tangkap_antrean(monkeypatch, antre)
    impor = claimreview.antrekan(json.dumps([_review(1)]), nama_berkas="cr.json")
    ImporClaimReview.objects.filter(pk=impor.pk).update(diperbarui=timezone.now() - timedelta(minutes=11))
    html = admin_client.get("/django-admin/cekfakta/imporclaimreview/").content.decode()
    assert "masih menunggu giliran sejak" in html and "tidak maju sejak" not in html
    assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan() and antre == []


def test_an_import_the_queue_refused_goes_on_by_itself_once_the_queue_answers(
    admin_client, monkeypatch, django_capture_on_commit_callbacks
):
    """GIVEN an admin uploading a file of two parts while the task queue refuses every task (Redis gone)
    WHEN the periodic job runs while the queue still refuses, and again once it answers
    THEN the import fails at once saying the queue refused and that it goes on by itself; the first run queues it
    again and it fails again, the next queues both parts, which are stored once each; a refused import that keeps
    being refused stops after three tries in a row like a stalled one."""
    from types import SimpleNamespace

    monkeypatch.setattr(claimreview, "UKURAN_BAGIAN", 1)

    def tolak(pk):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("cekfakta.tasks.impor_bagian", SimpleNamespace(enqueue=tolak))
    with django_capture_on_commit_callbacks(execute=True):
        _unggah(admin_client, [_review(1), _review(2)])
    impor = ImporClaimReview.objects.get()
    assert (impor.status, impor.ditolak_antrean) == ("gagal", True)
    assert "Antrean tugas menolak: ConnectionError" in impor.galat and "dilanjutkan otomatis setelah antrean pulih" in impor.galat
    html = admin_client.get(f"/django-admin/cekfakta/imporclaimreview/{impor.pk}/change/").content.decode()
    assert "Antrean tugas menolak" in html and "Gagal" in html

    call_command("lanjutkan_impor_macet", stdout=(keluar := StringIO()), stderr=(galat := StringIO()))
    assert "0 impor dilanjutkan (0 bagian diantrekan lagi)" in keluar.getvalue()
    assert "Antrean tugas masih menolak 1 impor" in galat.getvalue()
    impor.refresh_from_db()
    assert (impor.status, impor.ditolak_antrean, impor.dilanjutkan_otomatis) == ("gagal", True, 1)

    antre: list[int] = []
    _tangkap_antrean(monkeypatch, antre)
    assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan(dilanjutkan=1, bagian=2)
    impor.refresh_from_db()
    assert (impor.status, impor.ditolak_antrean, impor.galat) == ("antre", False, "")
    for pk in antre:
        claimreview.kerjakan_bagian(pk)
    impor.refresh_from_db()
    assert (impor.status, impor.dibuat) == ("selesai", 2) and Klaim.objects.count() == 2
    assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan()

    monkeypatch.setattr("cekfakta.tasks.impor_bagian", SimpleNamespace(enqueue=tolak))
    with django_capture_on_commit_callbacks(execute=True):
        claimreview.antrekan(json.dumps([_review(3)]), nama_berkas="lagi.json")
    kedua = ImporClaimReview.objects.get(nama_berkas="lagi.json")
    for n in (1, 2, 3):
        assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan(ditolak=1)
        kedua.refresh_from_db()
        assert (kedua.status, kedua.ditolak_antrean, kedua.dilanjutkan_otomatis) == ("gagal", True, n)
    assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan(dihentikan=1)
    kedua.refresh_from_db()
    assert (kedua.status, kedua.ditolak_antrean) == ("gagal", False) and "setelah 3 kali dilanjutkan otomatis" in kedua.galat
    assert "Periksa antrean tugas (Redis" in kedua.galat
    assert claimreview.lanjutkan_yang_macet() == claimreview.Lanjutan()
