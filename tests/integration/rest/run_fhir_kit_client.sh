#!/usr/bin/env bash
# Starts `fhir-gateway serve --dev` on free loopback ports in a fresh folder, runs the
# fhir-kit-client test against it, then stops the server with SIGTERM (it must exit 0).
# Usage: run_fhir_kit_client.sh FHIR_GATEWAY NODE_MODULES
set -euo pipefail
gateway=$1
modules=$2
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "node not found: skipped"; exit 77; }
[[ -d "$modules/fhir-kit-client" ]] || { echo "fhir-kit-client not installed: skipped"; exit 77; }
dir=$(mktemp -d)
log=$dir/server.log
# GW_SERVE_ARGS: more serve options (e.g. --store-postgres CONNINFO).
# shellcheck disable=SC2086
"$gateway" serve --dev --data "$dir/data" --port 0 --partner-port 0 ${GW_SERVE_ARGS:-} \
  >"$dir/stdout" 2>"$log" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
for _ in $(seq 1 600); do
  [[ -f "$dir/data/dev.json" ]] && break
  kill -0 "$pid" 2>/dev/null || { echo "server exited"; cat "$log"; exit 1; }
  sleep 0.1
done
[[ -f "$dir/data/dev.json" ]] || { echo "no dev.json"; exit 1; }
ca=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).ca_file)' "$dir/data/dev.json")
rc=0
NODE_EXTRA_CA_CERTS=$ca node "$here/fhir_kit_client_test.mjs" "$dir/data/dev.json" "$modules" || rc=$?
kill -TERM "$pid"
server_rc=0
wait "$pid" || server_rc=$?
if [[ $server_rc -ne 0 ]]; then echo "server exit code $server_rc"; rc=1; fi
# No PHI in the logs: the names, identifiers, phone number and birth date the client sent
# must appear in no line the server wrote (stdout or stderr).
lines=$(cat "$log" "$dir/stdout" | wc -l)
for phi in Santiago Ana FKC-1 787-555-0100 1961-04-02 Transaccion Diabetes Glucose; do
  if grep -q -- "$phi" "$log" "$dir/stdout"; then
    echo "FAIL: the server log holds '$phi'"
    grep -n -- "$phi" "$log" "$dir/stdout" | head -3
    rc=1
  fi
done
echo "server log: $lines lines checked for PHI"
grep -q "GET /Patient/\[id\] 200" "$log" || { echo "FAIL: the access log lacks request lines"; rc=1; }
if [[ $rc -ne 0 ]]; then tail -50 "$log"; fi
exit $rc
