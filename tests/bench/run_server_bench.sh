#!/bin/bash
# Server throughput side by side over TLS: the gateway answering GET /Patient/[id] of one stored
# Patient (the Patient of the first Synthea bundle, unchanged) with a valid SMART token, and nginx
# serving the exact same response bytes as a static file, with the same certificate, the same TLS
# versions and the same wrk settings. Prints requests/s, p50/p90/p99 latency, the ratio
# gateway/nginx, each server's CPU time per request (user+system, a figure that a busy machine
# disturbs less than requests/s), the gateway's RSS sampled every 5 s during its run, and the
# status codes of the gateway's access log. With DURATION_S=120 this is the acceptance run
# (ratio >= 0.5, p99 < 25 ms at 64 connections, RSS flat). Nothing is pinned (no taskset): the
# servers use one thread/worker per core (nproc is printed) and share the cores with wrk.
# usage: tests/bench/run_server_bench.sh [FHIR_GATEWAY_BINARY] [DURATION_S=30] [CONNECTIONS=64]
# Needs: wrk, nginx (nginx-light, /usr/sbin/nginx; run as root), node, curl, openssl.
# Set GW_BENCH_KEEP=1 to keep the work folder (logs, configs) for inspection.
# Exit codes: 0 acceptance met, 1 acceptance not met, 2 usage or set-up error.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$ROOT/build/release/gateway/app/fhir-gateway}
DURATION=${2:-30}
CONNECTIONS=${3:-64}
WRK_THREADS=2
CORES=$(nproc)
NGINX=${NGINX:-/usr/sbin/nginx}
SYNTHEA=${GW_SHARED_DIR:-$ROOT/../shared}/corpora/synthea/bundles
CLIENT=$ROOT/tests/bench/server/smart_client.mjs

die() { echo "run_server_bench: $*" >&2; exit 2; }
[ -x "$BIN" ] || die "missing gateway binary $BIN"
[ -x "$NGINX" ] || die "missing $NGINX (tools/setup.sh installs nginx-light)"
for tool in wrk node curl openssl; do
  command -v "$tool" >/dev/null || die "missing $tool (tools/setup.sh)"
done
[[ "$DURATION" =~ ^[0-9]+$ && "$CONNECTIONS" =~ ^[0-9]+$ ]] || die "DURATION_S and CONNECTIONS are numbers"
BUNDLE=$(find "$SYNTHEA" -maxdepth 1 -name '*.json' | LC_ALL=C sort | sed -n 1p)
[ -n "$BUNDLE" ] || die "no Synthea bundle in $SYNTHEA"

WORK=$(mktemp -d /tmp/server_bench.XXXXXX)
GW_PID=""
NGINX_PID=""
SAMPLER_PID=""
stop_pid() {  # TERM, wait up to 15 s, then KILL
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$SAMPLER_PID"
  stop_pid "$NGINX_PID"
  stop_pid "$GW_PID"
  if [ "${GW_BENCH_KEEP:-0}" = 1 ]; then
    echo "work folder kept: $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

echo "nproc: $CORES   load average: $(cut -d' ' -f1-3 /proc/loadavg)   duration: ${DURATION}s" \
     "  connections: $CONNECTIONS   wrk threads: $WRK_THREADS"

# --- the gateway (dev mode, threads = cores, audit as the dev configuration has it) -------------
DATA=$WORK/data
mkdir -p "$DATA"
"$BIN" serve --dev --data "$DATA" --port 0 --partner-port 0 >"$WORK/gateway.out" 2>"$WORK/gateway.err" &
GW_PID=$!
for _ in $(seq 600); do
  [ -s "$DATA/dev.json" ] && grep -q 'listening: partner' "$WORK/gateway.out" 2>/dev/null && break
  kill -0 "$GW_PID" 2>/dev/null || { cat "$WORK/gateway.err" >&2; die "the gateway did not start"; }
  sleep 0.1
done
[ -s "$DATA/dev.json" ] || die "the gateway wrote no dev.json within 60 s"
dev_field() { node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(d[process.argv[2]])' "$DATA/dev.json" "$1"; }
BASE=$(dev_field fhir_base_url)
CA=$(dev_field ca_file)
export NODE_EXTRA_CA_CERTS=$CA
fresh_token() { node "$CLIENT" token "$DATA/dev.json"; }

node "$CLIENT" patient "$BUNDLE" "$WORK/patient-in.json"
TOKEN=$(fresh_token)
status=$(curl -sS --cacert "$CA" -o /dev/null -D "$WORK/create.headers" -w '%{http_code}' \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/fhir+json' \
  -H 'Prefer: return=minimal' --data-binary "@$WORK/patient-in.json" "$BASE/Patient")
[ "$status" = 201 ] || die "creating the Patient answered $status"
ID=$(sed -n 's#^[Ll]ocation: .*/Patient/\([^/]*\)/_history/.*#\1#p' "$WORK/create.headers" | tr -d '\r')
[ -n "$ID" ] || die "no Location after creating the Patient"
PATH_URL=/Patient/$ID
mkdir -p "$WORK/www/Patient"
status=$(curl -sS --cacert "$CA" -o "$WORK/www/Patient/$ID" -w '%{http_code}' \
  -H "Authorization: Bearer $TOKEN" "$BASE$PATH_URL")
[ "$status" = 200 ] || die "reading the Patient answered $status"
BODY_BYTES=$(wc -c <"$WORK/www/Patient/$ID")

# --- nginx: same certificate and key, same bytes, as application/fhir+json ----------------------
NGINX_PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')
mkdir -p "$WORK/nginx"
chmod 755 "$WORK" "$WORK/www" "$WORK/www/Patient"
chmod 644 "$WORK/www/Patient/$ID"
cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes $CORES;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  types { }
  default_type application/fhir+json;
  sendfile on;
  keepalive_timeout 65s;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $DATA/server.crt;
    ssl_certificate_key $DATA/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:SSL:10m;
    ssl_session_timeout 10m;
    root $WORK/www;
    location / { try_files \$uri =404; }
  }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" \
  >"$WORK/nginx/stdout" 2>&1 &
NGINX_PID=$!
NGINX_URL=https://127.0.0.1:$NGINX_PORT
for _ in $(seq 100); do
  curl -s --cacert "$CA" -o /dev/null "$NGINX_URL$PATH_URL" && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx/error.log" "$WORK/nginx/stdout" >&2; die "nginx did not start"; }
  sleep 0.1
done
curl -sS --cacert "$CA" -o "$WORK/nginx-body" -D "$WORK/nginx.headers" "$NGINX_URL$PATH_URL"
cmp -s "$WORK/nginx-body" "$WORK/www/Patient/$ID" || die "nginx does not serve the same bytes"
grep -qi '^content-type: application/fhir+json' "$WORK/nginx.headers" || die "nginx content type"

tls_of() {
  openssl s_client -connect "$1" -CAfile "$CA" </dev/null 2>/dev/null |
    sed -n 's/^New, \(.*\), Cipher is \(.*\)/\1 \2/p' | sed -n 1p
}
echo "resource: Patient of $(basename "$BUNDLE"), response body $BODY_BYTES bytes"
echo "TLS: gateway $(tls_of "${BASE#https://}"), nginx $(tls_of "127.0.0.1:$NGINX_PORT")"

# --- wrk runs -----------------------------------------------------------------------------------
to_ms() {  # wrk prints 812.00us, 3.84ms, 1.02s, 2.00m
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}
summary() {  # FILE → "rps p50 p90 p99 non2xx requests"
  local f=$1
  local rps p50 p90 p99 bad reqs
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$f")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$f")")
  p90=$(to_ms "$(awk '$1 == "90%" { print $2 }' "$f")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$f")")
  bad=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$f")
  reqs=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$f")
  echo "${rps:-0} $p50 $p90 $p99 ${bad:-0} ${reqs:-0}"
}
cpu_ticks() {  # PID... → user+system clock ticks of those processes (all their threads)
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
thread_ticks() {  # PID → "name ticks" per thread of the gateway, summed by thread name
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s %s\n' "$(tr ' ' '_' <"$t/comm" 2>/dev/null)" \
      "$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$t/stat" 2>/dev/null || echo 0)"
  done | awk '{ s[$1] += $2 } END { for (n in s) print n, s[n] }' | sort
}
nginx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); }
HZ=$(getconf CLK_TCK)
run_wrk() {  # URL OUT_FILE
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -H "Authorization: Bearer $TOKEN" "$1" >"$2" 2>&1 || { cat "$2" >&2; die "wrk failed"; }
}

echo "load average before the gateway run: $(cut -d' ' -f1-3 /proc/loadavg)"
TOKEN=$(fresh_token)  # tokens live 300 s: a fresh one for this run
LOG_LINES_BEFORE=$(wc -l <"$WORK/gateway.err")
(
  while kill -0 "$GW_PID" 2>/dev/null; do
    ps -o rss= -p "$GW_PID" | tr -d ' '
    sleep 5
  done
) >"$WORK/rss.txt" &
SAMPLER_PID=$!
G_CPU0=$(cpu_ticks "$GW_PID")
thread_ticks "$GW_PID" >"$WORK/threads-before.txt"
run_wrk "$BASE$PATH_URL" "$WORK/wrk-gateway.txt"
G_CPU1=$(cpu_ticks "$GW_PID")
thread_ticks "$GW_PID" >"$WORK/threads-after.txt"
GW_THREADS=$(ls "/proc/$GW_PID/task" | wc -l)
ps -o rss= -p "$GW_PID" | tr -d ' ' >"$WORK/rss-end.txt"
stop_pid "$SAMPLER_PID"
SAMPLER_PID=""
cat "$WORK/rss-end.txt" >>"$WORK/rss.txt"

echo "load average before the nginx run: $(cut -d' ' -f1-3 /proc/loadavg)"
NGINX_PIDS=$(nginx_pids)
N_CPU0=$(cpu_ticks $NGINX_PIDS)
run_wrk "$NGINX_URL$PATH_URL" "$WORK/wrk-nginx.txt"
N_CPU1=$(cpu_ticks $NGINX_PIDS)

read -r G_RPS G_P50 G_P90 G_P99 G_BAD G_REQS <<<"$(summary "$WORK/wrk-gateway.txt")"
read -r N_RPS N_P50 N_P90 N_P99 N_BAD N_REQS <<<"$(summary "$WORK/wrk-nginx.txt")"

# The gateway's access log (stderr): listener method route status milliseconds.
STATUSES=$(tail -n +"$((LOG_LINES_BEFORE + 1))" "$WORK/gateway.err" |
  awk '$2 == "GET" && $3 == "/Patient/[id]" { c[$4]++ } END { for (s in c) printf "%s:%d ", s, c[s] }')
NON_200=$(tail -n +"$((LOG_LINES_BEFORE + 1))" "$WORK/gateway.err" |
  awk '$2 == "GET" && $3 == "/Patient/[id]" && $4 != "200" { n++ } END { print n + 0 }')

# Every answer waited for its audit record in the journal; the indexer turns the journal into
# searchable AuditEvent resources at a lower CPU priority and catches up after the burst. Wait
# for it (up to 15 minutes) and measure its CPU time per AuditEvent.
audit_count() {
  curl -sS --cacert "$CA" -H "Authorization: Bearer $TOKEN" "$BASE/AuditEvent?_summary=count" |
    node -e 'let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => {
      try { console.log(JSON.parse(s).total ?? 0); } catch { console.log(0); } })'
}
TOKEN=$(fresh_token)
I_CPU0=$(cpu_ticks "$GW_PID")
I_T0=$(date +%s)
AUDIT_START=$(audit_count)
AUDIT_TOTAL=$AUDIT_START
for _ in $(seq 450); do
  [ "$AUDIT_TOTAL" -ge "$G_REQS" ] && break
  sleep 2
  TOKEN=$(fresh_token)
  AUDIT_TOTAL=$(audit_count)
done
I_SECONDS=$(( $(date +%s) - I_T0 ))
I_CPU1=$(cpu_ticks "$GW_PID")

RSS_SERIES=$(paste -sd' ' "$WORK/rss.txt")
read -r RSS_FIRST RSS_MAX RSS_LAST RSS_WARM <<<"$(awk '
  NR == 1 { first = $1 } NR == 3 { warm = $1 } { if ($1 > max) max = $1; last = $1 }
  END { if (warm == "") warm = first; print first, max, last, warm }' "$WORK/rss.txt")"

echo
printf '%-34s %12s %9s %9s %9s %10s\n' "" "requests/s" "p50 ms" "p90 ms" "p99 ms" "non-2xx"
printf '%-34s %12.0f %9s %9s %9s %10s\n' "gateway GET /Patient/[id] (token)" "$G_RPS" "$G_P50" "$G_P90" "$G_P99" "$G_BAD"
printf '%-34s %12.0f %9s %9s %9s %10s\n' "nginx static file" "$N_RPS" "$N_P50" "$N_P90" "$N_P99" "$N_BAD"
per_request() {  # TICKS REQUESTS → CPU microseconds per request
  awk -v t="$1" -v n="$2" -v hz="$HZ" 'BEGIN { printf "%.0f", (n > 0 ? t * 1e6 / hz / n : 0) }'
}
G_US=$(per_request "$((G_CPU1 - G_CPU0))" "$G_REQS")
N_US=$(per_request "$((N_CPU1 - N_CPU0))" "$N_REQS")
echo "server CPU time per request (user+system, all threads): gateway $G_US us" \
     "($GW_THREADS threads), nginx $N_US us ($(echo $NGINX_PIDS | wc -w) processes);" \
     "CPU-time ratio nginx/gateway: $(awk -v a="$N_US" -v b="$G_US" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
echo "gateway CPU per request by thread (us):" $(join -a2 -e0 -o '0,1.2,2.2' \
  "$WORK/threads-before.txt" "$WORK/threads-after.txt" |
  awk -v n="$G_REQS" -v hz="$HZ" '{ d = $3 - $2; if (d > 0 && n > 0) printf "%s=%.1f ", $1, d * 1e6 / hz / n }')
RATIO=$(awk -v a="$G_RPS" -v b="$N_RPS" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo "ratio gateway/nginx: $RATIO"
echo "gateway RSS (KiB, every 5 s): first $RSS_FIRST  max $RSS_MAX  last $RSS_LAST   series: $RSS_SERIES"
echo "gateway access log, GET /Patient/[id] by status: ${STATUSES:-none}(wrk counted $G_REQS requests)"
I_EVENTS=$((AUDIT_TOTAL - AUDIT_START))
I_US=$(per_request "$((I_CPU1 - I_CPU0))" "$I_EVENTS")
echo "AuditEvent resources: $AUDIT_START indexed when the gateway run ended, $AUDIT_TOTAL after" \
     "$I_SECONDS s more (gateway CPU ${I_US} us per AuditEvent indexed meanwhile, nginx run included)"
echo "gateway CPU per request including its later indexing:" \
     "$(awk -v a="$G_US" -v b="$I_US" -v x="$I_EVENTS" -v n="$G_REQS" 'BEGIN { printf "%.0f", a + b * x / (n > 0 ? n : 1) }') us"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

verdict=0
check() {  # OK MESSAGE
  if [ "$1" = 1 ]; then echo "PASS $2"; else echo "FAIL $2"; verdict=1; fi
}
check "$(awk -v r="$RATIO" 'BEGIN { print (r >= 0.5) }')" "throughput ratio $RATIO >= 0.5"
check "$(awk -v p="$G_P99" 'BEGIN { print (p < 25) }')" "gateway p99 $G_P99 ms < 25 ms at $CONNECTIONS connections"
# Flat: no growth of more than 10% from the sample at 10 s (after warm-up) to the last one.
check "$(awk -v w="$RSS_WARM" -v l="$RSS_LAST" 'BEGIN { print (l <= w * 1.10) }')" \
      "gateway RSS flat (10 s: $RSS_WARM KiB, last: $RSS_LAST KiB)"
check "$([ "$AUDIT_TOTAL" -ge "$G_REQS" ] && echo 1 || echo 0)" \
      "every gateway request of the run has its AuditEvent ($AUDIT_TOTAL >= $G_REQS)"
check "$([ "$NON_200" = 0 ] && [ "$G_BAD" = 0 ] && echo 1 || echo 0)" \
      "every gateway response was 200 (access log non-200: $NON_200, wrk non-2xx: $G_BAD)"
exit "$verdict"
