#!/usr/bin/env bash
# The hoax matcher on ../shared/eval/hoax/ (skipped with a message when absent), bench/data/pesan_benar.txt and
# our forwarded messages (bench/data/terusan/). One core, as the targets say: numpy and the sentence model
# must not spread over threads.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
taskset -c 0 .venv/bin/python bench/cocok.py "$@"
taskset -c 0 .venv/bin/python bench/cekfakta.py
