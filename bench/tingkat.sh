#!/usr/bin/env bash
# Issue 8: the page cache's two tiers beside WordPress and nginx's static file, in one run.
#
#   bench/tingkat.sh            (as root; `make bench` does not run it: about 8 minutes)
#
# On its own PostgreSQL database (BENCH_PG_DB, default jembatan_bench_tingkat: dropped and created
# again) and Redis db (BENCH_REDIS_DB, default 13: emptied): the region import, `manage.py siapkan`, and
# the news article of bench/artikel.py. Then, one after another on the same machine:
#   tier=django   gunicorn (BENCH_SERVER, default sync-w4: 4 sync workers, as deploy/ runs it; gthread-w2t4 for 2 × 4 threads with keep-alive), the article answered by the WSGI fast path
#                 from Redis;
#   tier=nginx    nginx sending the file the app wrote for that article (JEMBATAN_HALAMAN_BERKAS), by the
#                 contract of jembatan/lib/pagefiles.py, with a config this script writes;
#   tier=static   the same nginx sending the same bytes as a plain file (the physical limit);
#   the WordPress anchor (../shared/bench/anchors/wordpress.sh setup, measure, stop).
# Each of ours: wrk -t2 at 16 and 64 connections (the anchor's set-up) for BENCH_DURATION s after
# BENCH_WARMUP s, and at one connection for the CPU per view. bench/anker.py then prints the ratios.
# CPU per view = CPU time (user+sys, /proc/<pid>/stat, reaped children included) of the serving
# processes during the run over the requests wrk completed: gunicorn + Redis + the database's backends
# for the Django tier, nginx (master and workers) for the others. Every line carries the load average.
# Nothing leaves 127.0.0.1; every server it starts is stopped when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG_DB=${BENCH_PG_DB:-jembatan_bench_tingkat}
PG_ARGS=(-h 127.0.0.1 -p 5432 -U postgres)
REDIS_DB=${BENCH_REDIS_DB:-13}
SERVER=${BENCH_SERVER:-sync-w4}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
WORDPRESS="$(cd "$(dirname "$0")/.." && pwd)/../shared/bench/anchors/wordpress.sh"
HZ=$(getconf CLK_TCK)

log() { echo "bench: $*" >&2; }
[[ -x $PY ]] || { log "no virtualenv at .venv"; exit 1; }
command -v wrk >/dev/null || apt-get install -y wrk >&2
command -v nginx >/dev/null || apt-get install -y nginx >&2

TMP=$(mktemp -d /tmp/jembatan-tingkat.XXXXXX)
chmod 755 "$TMP"
GPID="" NPID=""
cleanup() {
  [[ -n $GPID ]] && kill -TERM "$GPID" 2>/dev/null && wait "$GPID" 2>/dev/null || true
  [[ -n $NPID ]] && kill -QUIT "$NPID" 2>/dev/null || true
  [[ ${WP_STARTED:-0} == 1 ]] && bash "$WORDPRESS" stop >&2 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
RESULTS=$TMP/results.txt

unset JEMBATAN_KABUPATEN JEMBATAN_PAGE_CACHE_SECONDS CACHE_KEY_PREFIX MEDIA_ROOT
export DJANGO_SETTINGS_MODULE=jembatan.settings DEBUG=0 SECRET_KEY=bench-only-not-secret LOG_LEVEL=WARNING
export ALLOWED_HOSTS=127.0.0.1,localhost JEMBATAN_VAR_DIR=$TMP/var
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$PG_DB REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB
export JEMBATAN_HALAMAN_BERKAS=$TMP/halaman
mkdir -p "$TMP/var" "$JEMBATAN_HALAMAN_BERKAS"

load() { cut -d' ' -f1-3 /proc/loadavg | tr ' ' ','; }
free_port() { $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ticks() {
  local sum=0 pid stat f
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -r -a f <<<"${stat##*) }"
    sum=$((sum + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$sum"
}
tree() { echo "$1" $(ps -o pid= --ppid "$1"); }
backends() {
  psql "${PG_ARGS[@]}" -d postgres -Atc "select pid from pg_stat_activity where datname = '$PG_DB' and pid <> pg_backend_pid()"
}

{
  echo "# Jembatan page-cache tiers, $(date -Iseconds)"
  printf 'meta nproc=%s cpu="%s" kernel=%s loadavg_at_start=%s server=%s duration_s=%s commit=%s\n' "$(nproc)" \
    "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)" "$(uname -r)" "$(load)" "$SERVER" "$DURATION" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} | tee "$RESULTS"

redis-cli -n "$REDIS_DB" FLUSHDB >/dev/null
if [[ -n ${BENCH_ARTICLE:-} ]]; then
  # Comparing server set-ups: the database of an earlier run, kept (static files collected again).
  log "reusing $PG_DB and its article $BENCH_ARTICLE"
  ARTICLE=$BENCH_ARTICLE
  $PY manage.py collectstatic --noinput >/dev/null
else
  log "fresh PostgreSQL database $PG_DB, Redis db $REDIS_DB"
  dropdb "${PG_ARGS[@]}" --if-exists --force "$PG_DB"
  createdb "${PG_ARGS[@]}" "$PG_DB"
  $PY bench/impor.py >/dev/null
  $PY manage.py siapkan >"$TMP/siapkan.log" 2>&1 || { cat "$TMP/siapkan.log" >&2; exit 1; }
  $PY bench/artikel.py "$TMP/artikel.path" >/dev/null
  ARTICLE=$(cat "$TMP/artikel.path")
fi

[[ $SERVER =~ ^(sync|gthread)-w([0-9]+)(t([0-9]+))?$ ]] || { log "bad BENCH_SERVER '$SERVER'"; exit 2; }
GARGS=(-w "${BASH_REMATCH[2]}")
[[ ${BASH_REMATCH[1]} == gthread ]] && GARGS+=(-k gthread --threads "${BASH_REMATCH[4]:-4}")
GPORT=$(free_port)
.venv/bin/gunicorn jembatan.wsgi "${GARGS[@]}" --bind "127.0.0.1:$GPORT" --graceful-timeout 5 \
  --error-logfile "$TMP/gunicorn.log" &
GPID=$!
for _ in $(seq 60); do curl -fsS -o /dev/null "http://127.0.0.1:$GPORT/" 2>/dev/null && break; sleep 0.5; done

# nginx: the page-file tier by the contract of jembatan/lib/pagefiles.py, and the same bytes as a plain file.
NPORT=$(free_port) SPORT=$(free_port)
mkdir -p "$TMP/statis${ARTICLE}" "$TMP/nginx"
curl -fsS -o "$TMP/statis${ARTICLE}index.html" "http://127.0.0.1:$GPORT$ARTICLE" # also writes the page file
BROTLI_MODULE=""
[[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]] &&
  BROTLI_MODULE="load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;"
cat >"$TMP/nginx/nginx.conf" <<EOF
$BROTLI_MODULE
worker_processes auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  sendfile on; tcp_nopush off; keepalive_timeout 65; access_log off;
  client_body_temp_path $TMP/nginx/body; proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi; uwsgi_temp_path $TMP/nginx/uwsgi; scgi_temp_path $TMP/nginx/scgi;
  # The contract: GET/HEAD, no query string, none of the personal cookies; language from django_language.
  map \$cookie_django_language \$halaman_bahasa { default id; en en; }
  map \$http_cookie \$halaman_pribadi { default 0; "~(^|;)\\s*(sessionid|messages|komentar_menunggu)=" 1; }
  map "\$request_method\$halaman_pribadi\$is_args" \$halaman_ke_app { default 1; GET0 0; HEAD0 0; }
  server {
    listen 127.0.0.1:$NPORT;
    root $JEMBATAN_HALAMAN_BERKAS;
    gzip_static on;
    ${BROTLI_MODULE:+brotli_static on;}
    location / {
      error_page 418 = @app;
      if (\$halaman_ke_app) { return 418; }
      add_header Vary "Cookie, Accept-Encoding";
      add_header Cache-Control "max-age=0, must-revalidate, public";
      add_header X-Content-Type-Options nosniff;
      add_header X-Frame-Options DENY;
      add_header Referrer-Policy same-origin;
      add_header Content-Security-Policy "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'";
      try_files /\$halaman_bahasa\${uri}index.html @app;
    }
    location @app { proxy_pass http://127.0.0.1:$GPORT; proxy_set_header Host \$host; }
  }
  server {
    listen 127.0.0.1:$SPORT;
    root $TMP/statis;
  }
}
EOF
nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx"
NPID=$(cat "$TMP/nginx/nginx.pid")
chmod -R a+rX "$TMP/statis" "$JEMBATAN_HALAMAN_BERKAS"
cmp -s <(curl -fsS "http://127.0.0.1:$NPORT$ARTICLE") "$TMP/statis${ARTICLE}index.html" ||
  { log "the nginx tier does not send the page file"; exit 1; }

# run TIER URL CONNS THREADS SECONDS: one wrk run, one line. Redis is shared with whatever else runs on
# the machine, so its CPU is given apart (redis_cpu_ms_per_req) beside the app's own.
run() {
  local tier=$1 url=$2 conns=$3 threads=$4 seconds=$5 pids redis db a0 r0 d0 m0 out a1 r1 d1 n
  wrk -t "$threads" -c "$conns" -d "${WARMUP}s" --timeout 10s "$url" >/dev/null
  sleep 1
  redis=""
  if [[ $tier == django ]]; then pids=$(tree "$GPID") redis=$(ps -C redis-server -o pid=); else pids=$(tree "$NPID"); fi
  db=$(backends)
  a0=$(ticks $pids) r0=$(ticks $redis) d0=$(for p in $db; do echo "$p $(ticks "$p")"; done)
  m0=$(awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  out=$(wrk -t "$threads" -c "$conns" -d "${seconds}s" --timeout 10s --latency -s bench/wrk_laporan.lua "$url" | grep '^WRK ' | cut -d' ' -f2-)
  a1=$(ticks $pids) r1=$(ticks $redis) d1=$(for p in $db; do echo "$p $(ticks "$p")"; done)
  n=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$out")
  # A backend that ended during the run (its ticks read 0 after) is left out, as in beban.sh.
  local d
  d=$(awk 'NR == FNR { t0[$1] = $2; next } $2 > 0 { d += $2 - t0[$1] } END { print d + 0 }' <(echo "$d0") <(echo "$d1"))
  awk -v tier="$tier" -v c="$conns" -v out="$out" -v a=$((a1 - a0)) -v r=$((r1 - r0)) -v d="$d" -v n="$n" -v hz="$HZ" \
    -v m0="$m0" -v m1="$(awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)" -v l="$(load)" -v p="$ARTICLE" 'BEGIN {
      split(m0, x); split(m1, y); n = n > 0 ? n : 1; f = 1000 / hz / n
      printf "tingkat tier=%s page=%s conns=%d %s server_cpu_ms_per_req=%.3f app_cpu_ms_per_req=%.3f redis_cpu_ms_per_req=%.3f db_cpu_ms_per_req=%.3f machine_cpu_pct=%.0f loadavg=%s\n",
        tier, p, c, out, (a + r + d) * f, a * f, r * f, d * f, 100 * (y[1] - x[1]) / (y[2] - x[2]), l }'
  sleep 1
}

log "our tiers: Django (gunicorn $SERVER on :$GPORT), nginx page file (:$NPORT), nginx static file (:$SPORT)"
for c in 16 64 1; do
  t=2; [[ $c == 1 ]] && t=1
  run django "http://127.0.0.1:$GPORT$ARTICLE" "$c" "$t" "$DURATION" | tee -a "$RESULTS"
  run nginx "http://127.0.0.1:$NPORT$ARTICLE" "$c" "$t" "$DURATION" | tee -a "$RESULTS"
  run static "http://127.0.0.1:$SPORT$ARTICLE" "$c" "$t" "$DURATION" | tee -a "$RESULTS"
done

if [[ ${BENCH_WORDPRESS:-1} == 1 && -f $WORDPRESS ]]; then
  log "WordPress anchor: setup (Debian packages the first time), measure (about 2.5 minutes), stop"
  WP_STARTED=1
  bash "$WORDPRESS" setup >"$TMP/wordpress-setup.txt"
  bash "$WORDPRESS" measure | tee "$TMP/wordpress.txt" | sed 's/^/wordpress /' | tee -a "$RESULTS"
  bash "$WORDPRESS" stop >&2
  WP_STARTED=0
  $PY bench/anker.py "$TMP/wordpress.txt" "$RESULTS" "$ARTICLE" | tee -a "$RESULTS"
else
  log "no $WORDPRESS: anchor skipped"
fi
mkdir -p bench/out
cp "$RESULTS" bench/out/tingkat.txt
log "written to bench/out/tingkat.txt"
