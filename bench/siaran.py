"""Issue 3, siaran fan-out: a broadcast to every KIM of Indonesia, queued and then mailed.

On the PostgreSQL bench database after the national import (bench/run: after the coverage part,
which already gave every village a KIM): every village gets a KIM if it has none, every KIM is made
`aktif`, and each gets one pengurus user (peran pengurus, wilayah = the village, an e-mail address,
no usable password), all with bulk_create. Then, with the database task backend:

1. `Siaran.objects.kirim(...)` to all KIM of the kabupaten (Tapin, as deployed): the seconds until every
   delivery is stored and its tasks queued (target: immediate, read as ≤ 1 s).
2. The same to all KIM of Indonesia. The application resolves "semua" to the KIM of its one
   kabupaten (JEMBATAN_KABUPATEN), so for a nationwide deployment the bench replaces
   `siaran.models.kim_sasaran` with the same query without the kabupaten filter (target ≤ 30 s).
3. `manage.py db_worker --batch` (a real worker process, EMAIL_HOST on a local SMTP sink, no TLS)
   for a bounded sample: BENCH_SIARAN_SAMPLE deliveries (default 20,000) or BENCH_SIARAN_SECONDS
   (default 60), whichever comes first; e-mails per second as the sink saw them (target ≥ 200).
4. Every message the sink accepted is counted per (recipient, subject): `duplicates` must be 0.
   The first delivery task is then run again in-process (a retry): it must send nothing.

The sink is aiosmtpd in this process (a thread), so it shares the two cores with the worker and
PostgreSQL, as a mail server on the same machine would. Prints `siaran` lines.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from umum import BASE_DIR, line, setup_django, stopwatch, verdict

if TYPE_CHECKING:
    from siaran.models import Siaran

TARGET_TAPIN_S = 1
TARGET_NASIONAL_S = 30
TARGET_EMAILS_PER_S = 200
SAMPLE = int(os.environ.get("BENCH_SIARAN_SAMPLE", "20000"))
SECONDS = int(os.environ.get("BENCH_SIARAN_SECONDS", "60"))
ISI = (
    "Diberitahukan kepada seluruh pengurus KIM bahwa **pendataan potensi desa** tahun ini dibuka mulai "
    "pekan depan.\n\nMohon diteruskan kepada warga melalui grup WhatsApp, mading dan pengumuman masjid.\n\n"
    "- isi formulir di kantor desa\n- lampirkan foto kegiatan\n\nInformasi: [Diskominfo](https://example.org/)"
)


class Sink:
    """An SMTP server that keeps nothing but a count per (recipient, subject) and the arrival times."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.kali: Counter[tuple[str, bytes]] = Counter()
        self.waktu: list[float] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        kepala = envelope.content.split(b"\r\n\r\n", 1)[0]
        m = re.search(rb"^Subject: (.*(?:\r\n[ \t].*)*)", kepala, re.M)
        t = time.monotonic()
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.kali[(rcpt.lower(), m.group(1) if m else b"")] += 1
            self.waktu.append(t)
        return "250 OK"

    def jumlah(self) -> int:
        with self.lock:
            return len(self.waktu)


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def siapkan_kim_dan_pengurus() -> dict:
    """A KIM in every village (all aktif) and one pengurus user with an e-mail per KIM."""
    from django.contrib.auth.hashers import make_password

    from akun.models import Peran, User
    from kim.models import Kim, Tahap
    from wilayah.models import Level, Wilayah

    desa = Wilayah.objects.filter(level=Level.DESA, kim__isnull=True).values_list("kode", "nama")
    kim_baru = [Kim(wilayah_id=kode, nama=f"KIM {nama}", tahap=Tahap.AKTIF) for kode, nama in desa]
    kim_s, _ = stopwatch(lambda: Kim.objects.bulk_create(kim_baru, batch_size=5000))
    Kim.objects.exclude(tahap=Tahap.AKTIF).update(tahap=Tahap.AKTIF)
    punya = set(User.objects.filter(peran=Peran.PENGURUS).values_list("wilayah_id", flat=True))
    tanpa = Kim.objects.exclude(wilayah_id__in=punya).values_list("wilayah_id", "wilayah__nama")
    users = [
        User(
            email=f"pengurus.{kode}@kim.example",
            nama=f"Pengurus KIM {nama}"[:150],
            peran=Peran.PENGURUS,
            wilayah_id=kode,
            password=make_password(None),
        )
        for kode, nama in tanpa
    ]
    user_s, _ = stopwatch(lambda: User.objects.bulk_create(users, batch_size=5000))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "kim_created": len(kim_baru),
        "kim_bulk_s": round(kim_s, 2),
        "users_created": len(users),
        "users_bulk_s": round(user_s, 2),
    }


def kirim(judul: str, oleh, cakupan) -> tuple[float, tuple[Siaran, bool]]:
    from siaran.models import Prioritas, Siaran

    return stopwatch(
        lambda: Siaran.objects.kirim(
            judul=judul,
            isi=ISI,
            prioritas=Prioritas.PENTING,
            cakupan=cakupan,
            wilayah=[],
            lampiran=[],
            oleh=oleh,
            kunci=uuid.uuid4(),
            dasar_url="http://127.0.0.1:8000",
        )
    )


@contextmanager
def waktu_basis_data():
    """Seconds spent in SQL statements and, apart, in COMMIT (where PostgreSQL runs deferred foreign-key checks)."""
    from django.db import connection

    hasil = {"statements": 0, "sql_s": 0.0, "commit_s": 0.0}

    def bungkus(execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            hasil["sql_s"] += time.perf_counter() - t
            hasil["statements"] += 1

    asli = connection.commit

    def commit():
        t = time.perf_counter()
        asli()
        hasil["commit_s"] += time.perf_counter() - t

    connection.commit = commit
    try:
        with connection.execute_wrapper(bungkus):
            yield hasil
    finally:
        del connection.commit  # the class's method again
    hasil["sql_s"], hasil["commit_s"] = round(hasil["sql_s"], 2), round(hasil["commit_s"], 2)


def hitung(siaran) -> dict:
    from django_tasks_db.models import DBTaskResult

    return {
        "kim": siaran.penerimaan.count(),
        "deliveries": siaran.kiriman.count(),
        "tasks_queued": DBTaskResult.objects.filter(task_path__endswith="kirim_surel_siaran", status="READY").count(),
    }


def machine() -> tuple[int, int]:
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return sum(v), v[3] + v[4] + v[7]  # total, idle + iowait + steal


def main() -> None:
    sink_port = port_bebas()
    mail_env = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(sink_port), "EMAIL_USE_TLS": "0", "TASKS_BACKEND": "db"}
    os.environ.update(mail_env)  # in-process sends (the retry check) go to the sink too
    setup_django()
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django_tasks_db.models import DBTaskResult

    import siaran.models as sm
    from akun.models import Peran, User
    from kim.models import Kim
    from siaran.models import JenisSasaran, Kiriman, StatusKiriman
    from siaran.tasks import antar

    data = siapkan_kim_dan_pengurus()
    line(
        "siaran",
        what="bulk_create: a KIM in every village (all aktif), one pengurus user with e-mail per KIM",
        kim=Kim.objects.count(),
        pengurus=User.objects.filter(peran=Peran.PENGURUS).count(),
        **data,
    )
    admin = User.objects.filter(email="bench-admin@localhost").first() or User.objects.create_user(
        "bench-admin@localhost", nama="Admin Bench", peran=Peran.ADMIN
    )
    DBTaskResult.objects.filter(task_path__endswith="kirim_surel_siaran").delete()

    # 1. The deployment's own kabupaten.
    seconds, (tapin, _) = kirim("Siaran Tapin bench", admin, JenisSasaran.SEMUA)
    line(
        "siaran",
        call="kabupaten",
        what=f"Siaran.objects.kirim to all KIM of {settings.JEMBATAN_KABUPATEN}: rows stored, tasks queued",
        queue_s=round(seconds, 3),
        **hitung(tapin),
        target_queue_s=TARGET_TAPIN_S,
        ok=verdict(seconds <= TARGET_TAPIN_S),
    )

    # 2. Nationwide: the same target query without the kabupaten filter (see the docstring).
    asli = sm.kim_sasaran
    sm.kim_sasaran = lambda cakupan, wilayah_kode: Kim.objects.filter(tahap__in=sm.TAHAP_PENERIMA)
    try:
        with waktu_basis_data() as db:
            seconds, (nasional, _) = kirim("Siaran nasional bench", admin, JenisSasaran.SEMUA)
    finally:
        sm.kim_sasaran = asli
    angka = hitung(nasional) | db
    line(
        "siaran",
        call="nasional",
        what="Siaran.objects.kirim to all KIM of Indonesia: rows stored, tasks queued (database backend)",
        queue_s=round(seconds, 2),
        **angka,
        target_queue_s=TARGET_NASIONAL_S,
        ok=verdict(seconds <= TARGET_NASIONAL_S and angka["kim"] == Kim.objects.count()),
    )

    # 3. One database worker against a local SMTP sink, for a bounded sample.
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=sink_port)
    controller.start()
    # The ids of the first nationwide delivery task (antrekan cuts the ordered ids in batches).
    first_ids = list(nasional.kiriman.order_by("pk").values_list("pk", flat=True)[: sm.UKURAN_BATCH])
    max_tasks = -(-SAMPLE // sm.UKURAN_BATCH) + 2  # the kabupaten's tasks come first
    cmd = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", f"--max-tasks={max_tasks}"]
    cpu0, m0, start = resource.getrusage(resource.RUSAGE_CHILDREN), machine(), time.monotonic()
    with (Path(os.environ.get("BENCH_TMP") or tempfile.gettempdir()) / "db_worker.log").open("w") as log:  # a line per task
        worker = subprocess.Popen(cmd, cwd=BASE_DIR, env=os.environ | mail_env, stderr=log, stdout=log)
        stopped = "batch done"
        while worker.poll() is None:
            time.sleep(0.25)
            if sink.jumlah() >= SAMPLE or time.monotonic() - start >= SECONDS:
                stopped = "sample reached" if sink.jumlah() >= SAMPLE else "time limit"
                worker.send_signal(signal.SIGTERM)  # the worker finishes its current task, then exits
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()
                break
    wall = time.monotonic() - start
    m1, cpu1 = machine(), resource.getrusage(resource.RUSAGE_CHILDREN)
    time.sleep(0.5)
    controller.stop()
    n = sink.jumlah()
    steady = (n - 1) / (sink.waktu[-1] - sink.waktu[0]) if n > 1 else 0.0
    worker_cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    busy = 100 * (1 - (m1[1] - m0[1]) / max(m1[0] - m0[0], 1))
    terkirim = Kiriman.objects.filter(siaran__in=[tapin, nasional], status=StatusKiriman.TERKIRIM).count()
    line(
        "siaran",
        call="worker",
        what="manage.py db_worker --batch to a local SMTP sink (aiosmtpd), e-mails/s from first to last message",
        stopped=stopped,
        emails=n,
        marked_sent=terkirim,
        wall_s=round(wall, 1),
        emails_per_s=round(steady, 1),
        emails_per_s_incl_startup=round(n / wall, 1) if wall else 0,
        worker_cpu_ms_per_email=round(1000 * worker_cpu / max(n, 1), 2),
        machine_cpu_pct=round(busy),
        target_min_emails_per_s=TARGET_EMAILS_PER_S,
        ok=verdict(steady >= TARGET_EMAILS_PER_S),
    )

    # 4. Nobody got the same e-mail twice, even when a task runs again.
    controller = Controller(sink, hostname="127.0.0.1", port=sink_port)
    controller.start()
    ulang = antar(first_ids)
    controller.stop()
    dup = sum(1 for c in sink.kali.values() if c > 1)
    line(
        "siaran",
        call="sekali",
        what="messages per (recipient, subject) at the sink; the first task run again (a retry)",
        recipients=len(sink.kali),
        duplicates=dup,
        retry_sent=ulang["terkirim"],
        retry_skipped=ulang["dilewati"],
        sink_vs_db=n - terkirim,
        target_duplicates=0,
        target_retry_sent=0,
        ok=verdict(dup == 0 and ulang["terkirim"] == 0),
    )


if __name__ == "__main__":
    main()
