#!/usr/bin/env bash
# Issue 13: the public DIP page of a village and a request's tracking page under gunicorn, page cache on (Redis),
# 32 connections with wrk; then their in-process query counts and weight (bench/ppid.py halaman, which also
# makes the data), the working-day clock and the annual report (bench/ppid.py kalender, laporan).
#
# Alone: DATABASE_URL=sqlite:////tmp/x/bench.sqlite3 (or …/jembatan_bench*) BENCH_REDIS_DB=14 bench/ppid.sh
# Only its own Redis db is emptied. Prints `ppid` lines; every gunicorn it starts is stopped on exit.
# BENCH_DURATION=15 BENCH_WARMUP=3 BENCH_CONNS=32 BENCH_THREADS=2 BENCH_SERVER=sync-w4|gthread-w2t4 BENCH_CPUS=0,1
# BENCH_SKIP_KALENDER=1 BENCH_SKIP_LAPORAN=1 (only the pages)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
REDIS_DB=${BENCH_REDIS_DB:-14}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
CONNS=${BENCH_CONNS:-32}
THREADS=${BENCH_THREADS:-2}
SERVER=${BENCH_SERVER:-sync-w4}
CPUS=${BENCH_CPUS:-0,1}
TMP=$(mktemp -d /tmp/jembatan-ppid-bench.XXXXXX)
log() { echo "bench: $*" >&2; }

export DJANGO_SETTINGS_MODULE=jembatan.settings DEBUG=0 SECRET_KEY=${SECRET_KEY:-bench-only-not-secret}
export ALLOWED_HOSTS=127.0.0.1,localhost JEMBATAN_VAR_DIR=${JEMBATAN_VAR_DIR:-$TMP/var} LOG_LEVEL=WARNING
: "${DATABASE_URL:?set DATABASE_URL to a bench database}"
command -v wrk >/dev/null || apt-get install -y wrk >&2

GPID=""
stop() {
  if [[ -n $GPID ]] && kill -0 "$GPID" 2>/dev/null; then
    kill -TERM "$GPID"
    wait "$GPID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap stop EXIT

echo "ppid part=machine load_at_start=\"$(cut -d' ' -f1-3 /proc/loadavg)\" nproc=$(nproc) db=${DATABASE_URL%%:*}"
[[ ${BENCH_SKIP_KALENDER:-0} == 1 ]] || $PY bench/ppid.py kalender
[[ ${BENCH_SKIP_LAPORAN:-0} == 1 ]] || $PY bench/ppid.py laporan
read -r _ DIP LACAK < <($PY bench/ppid.py halaman | tee /dev/stderr | grep '^PAGES ')

[[ $SERVER =~ ^(sync|gthread)-w([0-9]+)(t([0-9]+))?$ ]] || {
  log "bad BENCH_SERVER $SERVER"
  exit 2
}
ARGS=(-w "${BASH_REMATCH[2]}")
[[ ${BASH_REMATCH[1]} == gthread ]] && ARGS+=(-k gthread --threads "${BASH_REMATCH[4]:-4}")
PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
redis-cli -n "$REDIS_DB" FLUSHDB >/dev/null
REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB taskset -c "$CPUS" .venv/bin/gunicorn jembatan.wsgi "${ARGS[@]}" \
  --bind "127.0.0.1:$PORT" --graceful-timeout 5 --error-logfile "$TMP/gunicorn.log" &
GPID=$!
for _ in $(seq 60); do
  curl -fsS -o /dev/null "$BASE$DIP" 2>/dev/null && break
  sleep 0.5
done
for path in "$DIP" "$LACAK"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  [[ $code == 200 ]] || {
    echo "ppid part=beban page=$path error=\"answered $code\""
    continue
  }
  wrk -t "$THREADS" -c "$CONNS" -d "${WARMUP}s" "$BASE$path" >/dev/null
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  out=$(taskset -c "$CPUS" wrk -t "$THREADS" -c "$CONNS" -d "${DURATION}s" --timeout 10s --latency -s bench/wrk_laporan.lua \
    -H 'Accept-Encoding: gzip' "$BASE$path" | grep '^WRK ' | cut -d' ' -f2-)
  rps=$(sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$out")
  p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$out")
  ok=$(awk -v r="$rps" -v p="$p99" 'BEGIN { print (r >= 1000 && p <= 50) ? "yes" : "NO" }')
  echo "ppid part=beban server=$SERVER cache=on page=$path conns=$CONNS $out load_before=\"$load\" target_rps=1000 target_p99_ms=50 ok=$ok"
done
