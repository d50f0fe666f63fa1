#!/usr/bin/env bash
# Runs synthea_load_test.mjs against `fhir-gateway serve --dev --package <US Core 6.1.0>` on free
# loopback ports, then stops the server with SIGTERM (it must exit 0).
# Usage: run_synthea_load.sh FHIR_GATEWAY SHARED_DIR   (exit 77 when the corpora are missing)
set -euo pipefail
gateway=$1
shared=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/dev_server.sh"
us_core=$shared/corpora/us-core/packages/hl7.fhir.us.core-6.1.0.tgz
bundles=$shared/corpora/synthea/bundles
command -v node >/dev/null || { echo "node not found: skipped"; exit 77; }
[[ -f $us_core ]] || { echo "$us_core missing: skipped"; exit 77; }
[[ -d $bundles ]] || { echo "$bundles missing: skipped"; exit 77; }
dir=$(mktemp -d)
trap 'stop_dev_server >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
dev_env=()
started=$(date +%s%N)
start_dev_server "$gateway" "$dir" --package "$us_core"
echo "server ready in $(( ($(date +%s%N) - started) / 1000000 )) ms (US Core 6.1.0 loaded)"
rc=0
NODE_EXTRA_CA_CERTS=$(dev_field ca_file) \
  node "$here/synthea_load_test.mjs" "$dev_json" "$bundles" || rc=$?
stop_dev_server || rc=1
if [[ $rc -ne 0 ]]; then tail -40 "$dir/server.log"; fi
exit $rc
