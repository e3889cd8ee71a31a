"""Importing ClaimReview verdicts as the admin's upload does, measured: the 3,746 turnbackhoax 2024 verdicts of
../shared/eval/hoax/ (measuring only; skipped when absent) written as one ClaimReview file, read and checked
(`cekfakta.claimreview.antrekan`), then stored by two worker processes that take the parts from one queue, as two
task workers would (`kerjakan_bagian`: vectors, then one short transaction per part). Wall time from the upload
until the import is finished, the rate, and the 100,000 verdicts that rate gives. Needs a bench database
(DATABASE_URL; bench/run passes its PostgreSQL one).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jembatan_bench .venv/bin/python bench/impor_klaim.py

With BENCH_IMPOR_JUMLAH=100000 the file holds that many verdicts (the 3,746 repeated, see `berkas_claimreview`)
and the 100,000 are imported for real (about ten minutes on two cores), not projected from the rate.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.umum import db_label, line, setup_django  # noqa: E402

EVAL = BASE_DIR.parent / "shared" / "eval" / "hoax" / "turnbackhoax_2024_claims.csv"
PEKERJA = 2
TARGET_100K_MIN = 10


def berkas_claimreview(jumlah: int | None = None) -> str:
    """The verdicts as one ClaimReview file; with `jumlah`, that many, the 3,746 repeated with their own URLs and a
    copy number before the claim ("Salinan 12: …"), so that no text is one the sentence model has seen before."""
    import csv

    with EVAL.open(encoding="utf-8") as f:
        baris = list(csv.DictReader(f))
    butir = []
    for i in range(jumlah or len(baris)):
        salinan, nomor = divmod(i, len(baris))
        r = baris[nomor]
        butir.append(
            {
                "@type": "ClaimReview",
                "url": f"https://turnbackhoax.example/bench/{r['id']}" + (f"/{salinan}" if salinan else ""),
                "datePublished": r["date"],
                "claimReviewed": (f"Salinan {salinan}: " if salinan else "")
                + (r["hoax_text_circulating"][:300] or r["title_factcheck"]),
                "name": f"[SALAH] {r['title_factcheck']}",
                "author": {"@type": "Organization", "name": "turnbackhoax.id"},
                "reviewRating": {"@type": "Rating", "alternateName": "Salah"},
            }
        )
    return json.dumps(butir)


def pekerja(antrean) -> None:
    """One task worker: its own process, one thread for the sentence model, parts taken until none is left."""
    os.environ["OMP_NUM_THREADS"] = "1"
    setup_django()
    from cekfakta import claimreview

    while (bagian_id := antrean.get()) is not None:
        hasil = claimreview.kerjakan_bagian(bagian_id)
        if hasil != "selesai":
            raise SystemExit(f"bench: part {bagian_id} ended {hasil}")


def main() -> None:
    if not EVAL.exists():
        print(f"bench: impor_klaim skipped, {EVAL.parent} is absent", file=sys.stderr)
        return
    setup_django()
    from django.core.management import call_command
    from django.db import connections

    from cekfakta import claimreview
    from cekfakta.models import ImporClaimReview, Klaim

    call_command("migrate", interactive=False, verbosity=0)
    Klaim.objects.filter(sumber_url__startswith="https://turnbackhoax.example/bench/").delete()
    jumlah = int(os.environ.get("BENCH_IMPOR_JUMLAH") or 0) or None
    raw = berkas_claimreview(jumlah)
    claimreview._kirim_bagian = lambda impor_id, ids: len(ids)  # the two processes below are the workers

    mulai = time.perf_counter()
    impor = claimreview.antrekan(raw, nama_berkas="turnbackhoax_2024.json", sumber_bawaan="turnbackhoax.id")
    baca_s = time.perf_counter() - mulai
    bagian = list(impor.bagian.order_by("nomor").values_list("pk", flat=True))
    connections.close_all()
    ctx = mp.get_context("spawn")
    antrean = ctx.Queue()
    for pk in bagian:
        antrean.put(pk)
    for _ in range(PEKERJA):
        antrean.put(None)
    proses = [ctx.Process(target=pekerja, args=(antrean,)) for _ in range(PEKERJA)]
    for p in proses:
        p.start()
    for p in proses:
        p.join()
    total_s = time.perf_counter() - mulai
    if any(p.exitcode for p in proses):
        raise SystemExit("bench: a worker failed")
    impor = ImporClaimReview.objects.get(pk=impor.pk)
    if (
        impor.status != ImporClaimReview.Status.SELESAI
        or impor.dibuat + impor.dilewati + len(impor.ditolak) != impor.jumlah_butir
    ):
        raise SystemExit(
            f"bench: the import ended {impor.status}: {impor.dibuat} imported of {impor.jumlah_butir} ({impor.galat})"
        )
    tanpa_vektor = Klaim.objects.filter(sumber_url__startswith="https://turnbackhoax.example/bench/", vektor__isnull=True)
    per_detik = impor.dibuat / total_s
    line(
        "cekfakta_import",
        db=db_label(),
        what="ClaimReview upload read and checked, then stored in parts by two worker processes (vectors included)",
        verdicts=impor.dibuat,
        status=impor.status,
        parts=len(bagian),
        workers=PEKERJA,
        read_s=round(baca_s, 2),
        total_s=round(total_s, 1),
        verdicts_per_s=round(per_detik, 1),
        without_vector=tanpa_vektor.count(),
        # The target is held against a real import of 100,000 only (BENCH_IMPOR_JUMLAH); a smaller one projects.
        **(
            {"import_100k_min": round(total_s / 60, 1), "target_import_100k_min": TARGET_100K_MIN}
            if impor.dibuat >= 100_000
            else {"projected_100k_min": round(100_000 / per_detik / 60, 1)}
        ),
    )
    Klaim.objects.filter(sumber_url__startswith="https://turnbackhoax.example/bench/").delete()
    ImporClaimReview.objects.filter(pk=impor.pk).delete()


if __name__ == "__main__":
    main()
