#!/usr/bin/env bash
# The hoax matcher on ../shared/eval/hoax/ (skipped with a message when absent) and bench/data/pesan_benar.txt.
# One core, as the target says: numpy must not spread over threads.
set -euo pipefail
cd "$(dirname "$0")/.."
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 taskset -c 0 .venv/bin/python bench/cekfakta.py "$@"
