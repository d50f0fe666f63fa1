#!/usr/bin/env bash
# Runs negative_test.mjs against one `fhir-gateway serve --dev` on free loopback ports, then stops
# the server with SIGTERM (it must exit 0). When libfaketime is installed the server runs under
# it (offset 0, read from a file the test may change) so that an access token can expire.
# Usage: run_negative.sh FHIR_GATEWAY
set -euo pipefail
gateway=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/dev_server.sh"
command -v node >/dev/null || { echo "node not found: skipped"; exit 77; }
command -v openssl >/dev/null || { echo "openssl not found: skipped"; exit 77; }
dir=$(mktemp -d)
trap 'stop_dev_server >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
dev_env=()
faketime=
# A sanitizer build must come first in the library list: no preloaded clock there (the expired
# token case reports itself skipped).
sanitized=0
# (No `ldd | grep -q`: under pipefail grep's early exit can fail the pipeline.)
case "$(ldd "$gateway" 2>/dev/null || true)" in *libasan*) sanitized=1 ;; esac
for lib in /usr/lib/*-linux-gnu/faketime/libfaketimeMT.so.1 /usr/lib/faketime/libfaketimeMT.so.1; do
  [[ $sanitized == 1 ]] && break
  if [[ -f $lib ]]; then
    faketime=$dir/faketime
    echo "+0" >"$faketime"
    dev_env=(LD_PRELOAD="$lib" FAKETIME_TIMESTAMP_FILE="$faketime" FAKETIME_CACHE_DURATION=1
             DONT_FAKE_MONOTONIC=1)
    break
  fi
done
start_dev_server "$gateway" "$dir"
rc=0
NODE_EXTRA_CA_CERTS=$(dev_field ca_file) GW_FAKETIME_FILE=$faketime \
  node "$here/negative_test.mjs" "$dev_json" || rc=$?
stop_dev_server || rc=1
if [[ $rc -ne 0 ]]; then tail -n 40 "$dir/server.log"; fi
exit $rc
