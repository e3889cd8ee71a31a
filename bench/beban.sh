#!/usr/bin/env bash
# (b) Throughput and latency of the public pages under gunicorn, measured with wrk.
#
# Called by bench/run, which exports the bench environment: DATABASE_URL on the PostgreSQL
# database jembatan_bench after `manage.py siapkan`, REDIS_URL on Redis db 14, DEBUG=0,
# JEMBATAN_VAR_DIR and BENCH_TMP in a temp dir. Prints `beban`, `dingin`, `berat` and
# `render` lines on stdout, progress on stderr. Every gunicorn it starts is stopped on exit.
# BENCH_PAGES replaces the page list; BENCH_ARTICLE (set by bench/run from bench/warta.py) adds the
# news article page, with its own targets and a one-connection run for the CPU per request.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
read -r -a PAGES <<<"${BENCH_PAGES:-/ /wilayah/63.05.01/ /wilayah/63.05.01.1018/ /cakupan/}"
ARTICLE=${BENCH_ARTICLE:-}
if [[ -n $ARTICLE ]]; then PAGES+=("$ARTICLE"); fi
# Targets at 32 connections, page cache on (issue 1: / and /cakupan/; issue 3: the article page).
TARGET_PAGES=${BENCH_TARGET_PAGES:-" / /cakupan/ "}
TARGET_PAGE_SPEC=${BENCH_TARGET_PAGE_SPEC:-"min_rps=500 p99_ms=100 non2xx=0"}
TARGET_ARTICLE_SPEC="min_rps=1000 p99_ms=50 non2xx=0"
# Server CPU (gunicorn + PostgreSQL + Redis) per anonymous view of the article, one connection.
TARGET_ARTICLE_CPU_SPEC="server_cpu_ms_per_req=2"
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
CONNS=${BENCH_CONNS:-32}
THREADS=${BENCH_THREADS:-2}
SERVERS=${BENCH_SERVERS:-"sync-w4 gthread-w2t4"}
UNCACHED_DURATION=${BENCH_UNCACHED_DURATION:-8}
IDLE_WAIT=${BENCH_IDLE_WAIT:-15}
TMP=${BENCH_TMP:?run bench/run, not this script}
REDIS_DB=${BENCH_REDIS_DB:-14}
HZ=$(getconf CLK_TCK)

log() { echo "bench: $*" >&2; }

GPID=""
stop_server() {
  if [[ -n $GPID ]] && kill -0 "$GPID" 2>/dev/null; then
    kill -TERM "$GPID"
    wait "$GPID" 2>/dev/null || true
  fi
  GPID=""
}
trap stop_server EXIT

# start_server SPEC [VAR=value...]: SPEC is sync-wN or gthread-wNtT (N workers, T threads each).
start_server() {
  local spec=$1
  shift
  [[ $spec =~ ^(sync|gthread)-w([0-9]+)(t([0-9]+))?$ ]] || {
    log "bad server spec '$spec' (e.g. sync-w4, gthread-w2t4)"
    exit 2
  }
  local args=(-w "${BASH_REMATCH[2]}")
  if [[ ${BASH_REMATCH[1]} == gthread ]]; then
    args+=(-k gthread --threads "${BASH_REMATCH[4]:-4}")
  fi
  PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  BASE=http://127.0.0.1:$PORT
  env "$@" .venv/bin/gunicorn jembatan.wsgi "${args[@]}" --bind "127.0.0.1:$PORT" \
    --graceful-timeout 5 --error-logfile "$TMP/gunicorn-$spec.log" &
  GPID=$!
  for _ in $(seq 60); do # up to 30 s
    curl -fsS -o /dev/null "$BASE/" 2>/dev/null && return 0
    kill -0 "$GPID" 2>/dev/null || break
    sleep 0.5
  done
  log "gunicorn $spec did not answer; the end of $TMP/gunicorn-$spec.log:"
  tail -20 "$TMP/gunicorn-$spec.log" >&2
  exit 1
}

# ticks PID...: CPU (user+sys) of the processes and of their reaped children, in clock ticks.
ticks() {
  local sum=0 pid stat f
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -r -a f <<<"${stat##*) }" # fields from the 3rd on: utime is f[11]
    sum=$((sum + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$sum"
}
app_ticks() { ticks "$GPID" $(ps -o pid= --ppid "$GPID"); }
redis_ticks() { ticks $(ps -C redis-server -o pid=); }
# pid_ticks PID...: "pid ticks" per process (0 once it has ended).
pid_ticks() { for pid in "$@"; do echo "$pid $(ticks "$pid")"; done; }
# The PostgreSQL backends serving the bench database (gunicorn keeps its connections open).
bench_backends() {
  psql -h 127.0.0.1 -U postgres -d postgres -Atc \
    "select pid from pg_stat_activity where datname = '${DATABASE_URL##*/}' and pid <> pg_backend_pid()"
}
# check SPEC FIGURES: `target_` keys and ok=yes|NO for SPEC ("min_rps=500 p99_ms=100": a floor for
# min_X, a ceiling otherwise) against the key=value FIGURES.
check() {
  awk -v spec="$1" -v f="$2" 'BEGIN {
    n = split(f, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); v[p[1]] = p[2] }
    m = split(spec, s, " "); ok = 1; out = ""
    for (i = 1; i <= m; i++) {
      split(s[i], p, "="); k = p[1]; name = k; sub(/^min_/, "", name)
      if (!(name in v) || (k ~ /^min_/ ? v[name] + 0 < p[2] + 0 : v[name] + 0 > p[2] + 0)) ok = 0
      out = out "target_" k "=" p[2] " "
    }
    printf "%sok=%s", out, ok ? "yes" : "NO" }'
}
machine() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6, $9}' /proc/stat; } # total idle+iowait steal

# wait_idle: on a shared machine, wait (at most IDLE_WAIT s) until others leave the CPUs mostly
# idle (under 30 % busy over a second), so a run starts level; prints the seconds waited.
wait_idle() {
  local waited=0 m0 m1
  while ((waited < IDLE_WAIT)); do
    m0=$(machine)
    sleep 1
    m1=$(machine)
    awk -v m0="$m0" -v m1="$m1" 'BEGIN { split(m0, x); split(m1, y); t = y[1] - x[1]
      exit !(t > 0 && (t - (y[2] - x[2]) - (y[3] - x[3])) / t < 0.3) }' && break
    waited=$((waited + 1))
  done
  echo "$waited"
}

# measure LABEL PATH CONNS THREADS SECONDS: warm up, run wrk once, print one line of figures.
measure() {
  local label=$1 path=$2 conns=$3 threads=$4 seconds=$5 code
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  if [[ $code != 200 ]]; then
    echo "beban $label page=$path error=\"answered $code, not 200\""
    return
  fi
  local waited
  waited=$(wait_idle)
  wrk -t "$threads" -c "$conns" -d "${WARMUP}s" --timeout 10s "$BASE$path" >/dev/null
  sleep 1
  # CPU before and after: gunicorn, the bench database's backends, Redis, this script and its
  # children (wrk), and the whole machine; what the machine did beyond those is someone else's.
  # Database backends are counted one by one: one opened during the run counts from its start;
  # one that ended during it (gunicorn reconnects after DATABASE_CONN_MAX_AGE) is left out.
  local backends a0 db0 r0 w0 m0 a1 db1 r1 w1 m1 d out requests cpu
  backends=$(bench_backends)
  a0=$(app_ticks) db0=$(pid_ticks $backends) r0=$(redis_ticks) w0=$(ticks $$) m0=$(machine)
  out=$(wrk -t "$threads" -c "$conns" -d "${seconds}s" --timeout 10s --latency -s bench/wrk_laporan.lua "$BASE$path")
  backends=$(printf '%s\n' $backends $(bench_backends) | sort -u)
  a1=$(app_ticks) db1=$(pid_ticks $backends) r1=$(redis_ticks) w1=$(ticks $$) m1=$(machine)
  d=$(awk 'NR == FNR { t0[$1] = $2; next } $2 > 0 { d += $2 - t0[$1] } END { print d + 0 }' \
    <(echo "$db0") <(echo "$db1"))
  out=$(grep '^WRK ' <<<"$out" | cut -d' ' -f2-)
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$out")
  cpu=$(awk -v n="$requests" -v hz="$HZ" -v a=$((a1 - a0)) -v d="$d" -v r=$((r1 - r0)) -v w=$((w1 - w0)) \
    -v m0="$m0" -v m1="$m1" 'BEGIN {
      split(m0, x); split(m1, y); t = y[1] - x[1]; busy = t - (y[2] - x[2]) - (y[3] - x[3]); n = n > 0 ? n : 1
      other = busy - a - d - r - w; other = other > 0 ? other : 0
      printf "app_cpu_ms_per_req=%.2f db_cpu_ms_per_req=%.2f redis_cpu_ms_per_req=%.2f ", a * 1000 / hz / n, d * 1000 / hz / n, r * 1000 / hz / n
      printf "server_cpu_ms_per_req=%.2f ", (a + d + r) * 1000 / hz / n
      printf "wrk_cpu_pct=%.0f other_cpu_pct=%.0f machine_cpu_pct=%.0f steal_pct=%.1f", 100 * w / t, 100 * other / t, 100 * busy / t, 100 * (y[3] - x[3]) / t }')
  local verdict=""
  if [[ $label == *cache=on* ]]; then
    if [[ $conns == 32 && $TARGET_PAGES == *" $path "* ]]; then # targets are set at 32
      verdict=$(check "$TARGET_PAGE_SPEC" "$out")
    elif [[ $conns == 32 && $path == "$ARTICLE" ]]; then
      verdict=$(check "$TARGET_ARTICLE_SPEC" "$out")
    elif [[ $conns == 1 && $path == "$ARTICLE" ]]; then
      verdict=$(check "$TARGET_ARTICLE_CPU_SPEC" "$cpu")
    fi
  fi
  echo "beban $label page=$path conns=$conns threads=$threads $out $cpu idle_wait_s=$waited${verdict:+ $verdict}"
  sleep 1
}

redis-cli -n "$REDIS_DB" FLUSHDB >/dev/null

first=""
for spec in $SERVERS; do
  log "load: gunicorn $spec, page cache on (Redis db $REDIS_DB)"
  start_server "$spec"
  for path in "${PAGES[@]}"; do
    measure "server=$spec cache=on" "$path" "$CONNS" "$THREADS" "$DURATION"
    # One connection: the CPU one anonymous view costs, with nothing queued.
    if [[ $path == "$ARTICLE" ]]; then
      measure "server=$spec cache=on" "$path" 1 1 "$DURATION"
    fi
  done
  if [[ -z $first ]]; then
    first=$spec
    # The first visit after any KIM change renders the page again: empty the cache before each sample.
    for path in "${PAGES[@]}"; do
      samples=()
      for _ in 1 2 3 4 5 6 7; do
        redis-cli -n "$REDIS_DB" FLUSHDB >/dev/null
        samples+=("$(curl -s -o /dev/null -w '%{time_total}' "$BASE$path")")
      done
      printf '%s\n' "${samples[@]}" | sort -n | awk -v s="$spec" -v p="$path" '{ t[NR] = $1 * 1000 } END {
        printf "dingin server=%s page=%s what=\"first request after the page cache is emptied\" samples=%d median_ms=%.1f max_ms=%.1f\n",
          s, p, NR, t[int((NR + 1) / 2)], t[NR] }'
    done
    log "page weight"
    $PY bench/berat.py "$BASE" "${PAGES[@]}"
  fi
  stop_server
done

log "load: gunicorn $first, page cache off (JEMBATAN_PAGE_CACHE_SECONDS=0)"
start_server "$first" JEMBATAN_PAGE_CACHE_SECONDS=0
for path in "${PAGES[@]}"; do
  measure "server=$first cache=off" "$path" 1 1 "$UNCACHED_DURATION"
  measure "server=$first cache=off" "$path" "$CONNS" "$THREADS" "$UNCACHED_DURATION"
done
stop_server

log "in-process renders (queries, milliseconds)"
$PY bench/halaman.py "${PAGES[@]}"
