#!/usr/bin/env bash
# Benchmark of `fhir-gateway map` (feeds → validated FHIR NDJSON): synthesizes N members
# (default 1,000,000) and N/10, maps both under /usr/bin/time -v and prints records/s over all
# feeds and the peak RSS of each run (the two RSS figures show that memory stays flat).
# usage: tests/bench/run_map_bench.sh [N] [BUILD_DIR]   (run from the repository root)
set -euo pipefail
N=${1:-1000000}
BUILD=${2:-build/release}
BIN="$BUILD/gateway/app/fhir-gateway"
SHARED=${GW_SHARED_DIR:-../shared}
WORK=$(mktemp -d /tmp/gw-map-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PACKAGES=(--package "$SHARED/corpora/us-core/packages/hl7.fhir.us.core-6.1.0.tgz"
          --package "$SHARED/corpora/davinci-pas/ig-package-2.2.1/hl7.fhir.us.davinci-pas-2.2.1.tgz"
          --package fhir-profiles)

run() {
  local members=$1
  local feeds="$WORK/feeds-$members" out="$WORK/out-$members"
  "$BIN" synth --members "$members" --seed 1 --out "$feeds" --malformed-rate 0.001 >/dev/null
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$WORK/time-$members" "$BIN" map --feeds "$feeds" --out "$out" \
    --id-namespace 5b3c9d3e-2f1a-4c7e-9a61-0d2f4b8e7a10 "${PACKAGES[@]}" 2>/dev/null
  end=$(date +%s.%N)
  local records rss user
  records=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(sum(f['read'] for f in s['feeds'].values()))" "$out/summary.json")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$members")
  user=$(awk -F': ' '/User time/ {print $2}' "$WORK/time-$members")
  python3 - "$members" "$records" "$start" "$end" "$rss" "$user" <<'PY'
import sys
members, records, start, end, rss, user = sys.argv[1:]
wall = float(end) - float(start)
print(f"members={members} records={records} wall={wall:.1f}s user={float(user):.1f}s "
      f"records/s={int(records)/wall:.0f} (per core-second {int(records)/max(float(user),1e-9):.0f}) "
      f"peak_rss={int(rss)/1024:.0f} MiB")
PY
  rm -rf "$feeds" "$out"
}

run $((N / 10))
run "$N"
