#!/usr/bin/env bash
# The production stack of deploy/, started on this machine and tested (CI step 5, or `deploy/uji.sh` as root):
# nginx (Debian's, with deploy/nginx/ and its paths pointed at a temporary folder) in front of two gunicorn
# instances and two task workers (RQ) on PostgreSQL and Redis, an SMTP sink standing for the mail server.
#   1. smoke test through nginx: home, an article, a static file with its cache headers and precompressed
#      variants, a private file handed to nginx by X-Accel-Redirect, /sehat/, the page-file tier;
#   2. a siaran to every KIM while pages are loaded through nginx; during the delivery one gunicorn and one
#      worker are killed (SIGKILL, whole process group): no request may fail beyond the killed connections,
#      and every recipient gets the siaran exactly once (receipts and deliveries checked against the sink);
#   3. the same siaran delivery timed with one worker and with two (two must be no slower).
# Only 127.0.0.1; every step bounded in time; everything it started is stopped on exit. It uses its own
# PostgreSQL database (UJI_DB, dropped and made again) and Redis database (UJI_REDIS_DB, emptied).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=$ROOT/.venv/bin/python
UJI_DB=${UJI_DB:-jembatan_uji}
UJI_REDIS_DB=${UJI_REDIS_DB:-13}
PORT=${UJI_PORT:-8480}                  # nginx; the two gunicorn on PORT+1 and PORT+2, the SMTP sink on PORT+25
PENGURUS=${UJI_PENGURUS:-8}             # pengurus (e-mail recipients) per KIM
JEDA_MS=${UJI_JEDA_MS:-20}              # the sink's answer time per e-mail (a mail server's round trips)
case "$UJI_DB" in test | postgres | template*) echo "uji: refusing database $UJI_DB" >&2; exit 2 ;; esac

TMP=$(mktemp -d /tmp/jembatan-uji.XXXXXX)
chmod 755 "$TMP"
PGIDS=()
NGINX_PID=""
berhenti() {
  local rc=$?
  for g in "${PGIDS[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
  if [ -n "$NGINX_PID" ]; then kill -QUIT "$NGINX_PID" 2>/dev/null || true; fi
  if [ $rc -ne 0 ]; then
    echo "uji: failed (exit $rc); logs:" >&2
    for f in "$TMP"/*.log; do echo "--- $f" >&2; tail -n 30 "$f" >&2; done
  fi
  rm -rf "$TMP"
  exit $rc
}
trap berhenti EXIT INT TERM

# Start a command in a process group of its own (so it can be killed whole); prints the group id.
mulai() {
  local log=$1
  shift
  setsid "$@" >"$TMP/$log.log" 2>&1 </dev/null &
  echo $!
}
tunggu_port() { # port, seconds
  for _ in $(seq $(($2 * 5))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "uji: nothing listens on 127.0.0.1:$1 after $2 s" >&2
  return 1
}

if ! command -v nginx >/dev/null || ! command -v brotli >/dev/null; then
  echo "uji: installing nginx and brotli (Debian)"
  apt-get update -qq
  apt-get install -y -qq nginx brotli >/dev/null
fi
# Brotli for nginx, when Debian has it (bookworm does).
apt-get install -y -qq libnginx-mod-http-brotli-static libnginx-mod-http-brotli-filter >/dev/null 2>&1 || true

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$UJI_DB" REDIS_URL="redis://127.0.0.1:6379/$UJI_REDIS_DB"
make -s .venv/.dev-redis model-makna
export DJANGO_SETTINGS_MODULE=jembatan.settings TASKS_BACKEND=rq BEHIND_PROXY=1 JEMBATAN_SERVE_MEDIA=0 \
  JEMBATAN_X_ACCEL_REDIRECT=/_media/ JEMBATAN_VAR_DIR="$TMP/var" JEMBATAN_HALAMAN_BERKAS="$TMP/var/halaman" \
  EMAIL_HOST=127.0.0.1 EMAIL_PORT=$((PORT + 25)) EMAIL_USE_TLS=0 ALLOWED_HOSTS=127.0.0.1,localhost \
  SECRET_KEY="uji-$(head -c 32 /dev/urandom | base64 | tr -dc A-Za-z0-9)" LOG_LEVEL=WARNING
mkdir -p "$TMP/var/halaman" "$TMP/nginx"

echo "== database $UJI_DB, Redis db $UJI_REDIS_DB, files in $TMP"
redis-cli -h 127.0.0.1 -n "$UJI_REDIS_DB" flushdb >/dev/null
if [ "${UJI_PAKAI_ULANG:-}" = 1 ] && psql -h 127.0.0.1 -U postgres -d "$UJI_DB" -c "select 1" >/dev/null 2>&1; then
  # While working on this script: the database of an earlier run (no demo photos in the new media folder).
  timeout 300 "$PY" manage.py collectstatic --noinput -v0
else
  dropdb -h 127.0.0.1 -U postgres --if-exists "$UJI_DB"
  createdb -h 127.0.0.1 -U postgres "$UJI_DB"
  timeout 900 "$PY" manage.py siapkan >"$TMP/siapkan.log" 2>&1
fi
timeout 120 "$PY" deploy/uji.py siapkan "$TMP/data.json" --pengurus "$PENGURUS"
chmod -R a+rX "$TMP/var"

# --- the stack ---------------------------------------------------------------------------------
PGIDS+=("$(mulai sink "$PY" deploy/uji.py sink $((PORT + 25)) "$TMP/sink.txt" --jeda-ms "$JEDA_MS")")
mulai_gunicorn() { mulai "gunicorn-$1" "$ROOT/.venv/bin/gunicorn" jembatan.wsgi --bind "127.0.0.1:$1" --workers 2 --timeout 60 --no-control-socket; }
# A worker under a name of its own (RQ refuses a name a killed worker still holds until its key expires).
mulai_pekerja() { mulai "pekerja-$1" "$PY" manage.py rqworker --job-class django_tasks_rq.Job --name "$1" default; }
tunggu_pekerja() { # RQ lists a worker once it is ready to take tasks
  for _ in $(seq 300); do
    [ "$(redis-cli -h 127.0.0.1 -n "$UJI_REDIS_DB" exists "rq:worker:$1")" = 1 ] && return 0
    sleep 0.2
  done
  echo "uji: worker $1 did not start" >&2
  return 1
}
G1=$(mulai_gunicorn $((PORT + 1)))
G2=$(mulai_gunicorn $((PORT + 2)))
W1=$(mulai_pekerja "uji-$$-1")
W2=$(mulai_pekerja "uji-$$-2")
PGIDS+=("$G1" "$G2" "$W1" "$W2")

# deploy/nginx/ with its paths pointed here: the var/ folder, the includes, the two instances, the port.
sed -e "s#/srv/jembatan/var/#$TMP/var/#g" -e "s#/etc/nginx/jembatan/#$TMP/nginx/#g" deploy/nginx/halaman.conf >"$TMP/nginx/halaman.conf"
cp deploy/nginx/proxy.conf "$TMP/nginx/proxy.conf"
sed -e "s#/srv/jembatan/var/#$TMP/var/#g" -e "s#/etc/nginx/jembatan/#$TMP/nginx/#g" \
  -e "s#^\(\s*\)server 127.0.0.1:8000 \(.*\)#\1server 127.0.0.1:$((PORT + 1)) \2\n\1server 127.0.0.1:$((PORT + 2)) \2#" \
  -e "s#listen 80;#listen 127.0.0.1:$PORT;#" -e "/listen \[::\]:80;/d" deploy/nginx/jembatan.conf >"$TMP/nginx/jembatan.conf"
if ! ls /etc/nginx/modules-enabled/*brotli* >/dev/null 2>&1; then
  echo "uji: nginx without Brotli modules: the brotli lines are left out"
  sed -i "/brotli/d" "$TMP/nginx/jembatan.conf" "$TMP/nginx/halaman.conf"
fi
cat >"$TMP/nginx/nginx.conf" <<EOF
include /etc/nginx/modules-enabled/*.conf;
user $(id -un);
worker_processes 2;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  access_log $TMP/nginx-access.log;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  include $TMP/nginx/jembatan.conf;
}
EOF
nginx -q -t -c "$TMP/nginx/nginx.conf"
nginx -c "$TMP/nginx/nginx.conf"
NGINX_PID=$(cat "$TMP/nginx.pid")
for p in $PORT $((PORT + 1)) $((PORT + 2)) $((PORT + 25)); do tunggu_port "$p" 60; done

# Each gunicorn process loads the hoax matcher's model on its first request: warm them before measuring.
for p in $((PORT + 1)) $((PORT + 2)); do
  for _ in 1 2 3 4; do curl -sf -o /dev/null --max-time 120 "http://127.0.0.1:$p/" || { echo "uji: gunicorn :$p does not answer" >&2; exit 1; }; done
done
echo "== 1. smoke test through nginx (load: $(uptime | sed 's/.*load average: //'))"
timeout 120 "$PY" deploy/uji.py asap "$TMP/data.json" "$PORT" $((PORT + 1)) "$TMP/var/halaman"

tunggu_pekerja "uji-$$-1"
tunggu_pekerja "uji-$$-2"

echo "== 2. a siaran to every KIM; one gunicorn and one worker killed during the delivery"
BEBAN_DETIK=${UJI_BEBAN_DETIK:-25}
BENANG=4
timeout $((BEBAN_DETIK + 60)) "$PY" deploy/uji.py beban "$TMP/data.json" "$PORT" "$TMP/beban.json" --detik "$BEBAN_DETIK" --benang "$BENANG" &
BEBAN=$!
sleep 2
KIRIM=$(timeout 120 "$PY" deploy/uji.py kirim "uji-bunuh-$$")
read -r SIARAN JUMLAH <<<"$KIRIM"
echo "siaran $SIARAN: $JUMLAH deliveries queued"
# Kill once a quarter has reached the sink (read from its file: starting Python to ask would take longer).
AWAL=$(wc -l <"$TMP/sink.txt")
for _ in $(seq 1200); do
  [ $(($(wc -l <"$TMP/sink.txt") - AWAL)) -ge $((JUMLAH / 4)) ] && break
  sleep 0.1
done
# ... and worker 1 is in the middle of a batch: RQ runs each task in a child of the worker (its "work horse")
# in a process group of its own, which dies here with the worker, as on a machine that goes down.
KUDA=""
for _ in $(seq 300); do
  KUDA=$(pgrep -P "$W1" || true)
  [ -n "$KUDA" ] && [ "$(redis-cli -h 127.0.0.1 -n "$UJI_REDIS_DB" hget "rq:worker:uji-$$-1" state)" = busy ] && break
  sleep 0.05
done
# shellcheck disable=SC2086 # KUDA: zero or more pids
kill -KILL -- "-$G1" "-$W1" $KUDA
echo "killed gunicorn :$((PORT + 1)) (group $G1) and worker 1 (pid $W1, its task's process: ${KUDA:-none}) with $(($(wc -l <"$TMP/sink.txt") - AWAL)) of $JUMLAH e-mails received"
timeout 300 "$PY" deploy/uji.py tunggu "$SIARAN" --batas 240 --diam 20 >/dev/null
wait "$BEBAN"
timeout 300 "$PY" deploy/uji.py periksa "$SIARAN" "$TMP/sink.txt"
"$PY" - "$TMP/beban.json" "$BENANG" <<'EOF'
import json, sys
hasil = json.load(open(sys.argv[1]))
benang = int(sys.argv[2])
# nginx passes a GET that a killed process dropped to the other one (proxy_next_upstream), so none may be
# refused or answered 5xx. Once the killed process had begun sending an answer, nginx has passed its first
# bytes on and cannot retry: each thread may see one answer cut short (its request in flight at the kill).
terpotong = hasil.get("IncompleteRead", 0)
per_benang = {k: v for k, v in hasil.items() if k.startswith("IncompleteRead@")}
gagal = {k: v for k, v in hasil.items() if (not k.isdigit() or int(k) >= 500) and not k.startswith("IncompleteRead")}
if terpotong > benang or any(v > 1 for v in per_benang.values()):
    gagal["IncompleteRead"] = terpotong
print("beban", "permintaan=%d" % sum(v for k, v in hasil.items() if "@" not in k), "jawaban=%s" % json.dumps(hasil, sort_keys=True).replace(" ", ""),
      "terpotong=%d" % terpotong, "galat=%d" % sum(gagal.values()))
sys.exit(1 if gagal else 0)
EOF

echo "== 3. a siaran to every KIM with one worker, then with two (sink answer time ${JEDA_MS} ms per e-mail)"
kirim_dan_ukur() { # prints "deliveries seconds"
  local kirim siaran jumlah
  kirim=$(timeout 120 "$PY" deploy/uji.py kirim "uji-$1-$$")
  read -r siaran jumlah <<<"$kirim"
  timeout 500 "$PY" deploy/uji.py tunggu "$siaran" --batas 420 >/dev/null
  echo "$jumlah $(timeout 60 "$PY" deploy/uji.py durasi "$siaran")"
}
# One worker (the survivor of step 2), then a second one started beside it.
HASIL=$(kirim_dan_ukur satu)
read -r JUMLAH SATU <<<"$HASIL"
W3=$(mulai_pekerja "uji-$$-3")
PGIDS+=("$W3")
tunggu_pekerja "uji-$$-3"
HASIL=$(kirim_dan_ukur dua)
read -r _ DUA <<<"$HASIL"
echo "pekerja deliveries=$JUMLAH satu_s=$SATU dua_s=$DUA load=\"$(uptime | sed 's/.*load average: //')\""
# "No slower", with 10 % for the noise of a shared machine.
"$PY" -c "import sys; sys.exit(0 if float('$DUA') <= float('$SATU') * 1.1 else 1)" || {
  echo "uji: two workers were slower than one" >&2
  exit 1
}
echo "== uji: all passed"
