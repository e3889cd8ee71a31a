#!/usr/bin/env bash
# Issue 11, potensi desa, on its own: 10,000 synthesised items on PostgreSQL, the uncached catalogue per filter
# (bench/potensi.py), then the catalogue and an item page cached under gunicorn at 32 connections with wrk, their
# first uncached request, and their weight (bench/beban.sh and bench/berat.py, as `make bench` measures the other
# pages). Prints `potensi`, `beban`, `dingin` and `berat` lines.
#
# Its own databases: PostgreSQL jembatan_bench_potensi (created when missing, kept between runs: the province
# import and static files are done once; the items are replaced each run) and Redis db BENCH_REDIS_DB (15,
# emptied). Options: BENCH_POTENSI_ITEMS=10000 BENCH_RUNS=30 BENCH_DURATION=15 BENCH_SERVERS=sync-w4 and those
# of bench/beban.sh. On a shared machine run it pinned: `taskset -c 1 bench/potensi.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
DB=${BENCH_POTENSI_DB:-jembatan_bench_potensi}
export BENCH_REDIS_DB=${BENCH_REDIS_DB:-15}
TMP=$(mktemp -d /tmp/jembatan-potensi.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
VAR=${BENCH_POTENSI_VAR:-/tmp/jembatan-bench-potensi-var}
mkdir -p "$VAR"

command -v wrk >/dev/null || apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; }
psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1 from pg_database where datname = '$DB'" | grep -q 1 ||
  createdb -h 127.0.0.1 -U postgres "$DB"

unset JEMBATAN_KABUPATEN JEMBATAN_PAGE_CACHE_SECONDS CACHE_KEY_PREFIX MEDIA_ROOT
export DJANGO_SETTINGS_MODULE=jembatan.settings DEBUG=0 SECRET_KEY=bench-only-not-secret LOG_LEVEL=WARNING
export ALLOWED_HOSTS=127.0.0.1,localhost JEMBATAN_VAR_DIR=$VAR BENCH_TMP=$TMP
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB REDIS_URL=redis://127.0.0.1:6379/$BENCH_REDIS_DB

echo "potensi load_at_start=\"$(uptime | sed 's/.*load average: //')\" nproc=$(nproc) commit=$(git rev-parse --short HEAD)"
$PY bench/potensi.py isi "${BENCH_POTENSI_ITEMS:-10000}" "$TMP/item.path"
$PY bench/potensi.py ukur
$PY bench/potensi.py unduh
ITEM=$(cat "$TMP/item.path")
BENCH_PAGES="/potensi/ /potensi/?jenis=kuliner&bulan_ini=on" BENCH_ARTICLE=$ITEM \
  BENCH_SERVERS=${BENCH_SERVERS:-sync-w4} BENCH_TARGET_PAGES=" /potensi/ /potensi/?jenis=kuliner&bulan_ini=on " \
  BENCH_TARGET_PAGE_SPEC="min_rps=1000 p99_ms=50 non2xx=0" bench/beban.sh
echo "potensi load_at_end=\"$(uptime | sed 's/.*load average: //')\""
