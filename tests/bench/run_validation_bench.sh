#!/bin/sh
# Validation throughput side by side, in one run, one core each (taskset -c 0): our validator
# (base R4, FHIRPath invariants on) and @medplum/core 4.5.2 validateResource, over every
# resource of the Synthea bundles. Prints resources per second and the ratio.
# usage: tests/bench/run_validation_bench.sh [BUILD_DIR] [ROUNDS]
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/release}
ROUNDS=${2:-3}
BENCH=$BUILD/tests/bench/validation_bench
SYNTHEA=${GW_SHARED_DIR:-$ROOT/../shared}/corpora/synthea/bundles
[ -x "$BENCH" ] || { echo "missing $BENCH (cmake --build $BUILD --target validation_bench)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
taskset -c 0 "$BENCH" "$ROUNDS" > "$TMP/cpp.txt"
taskset -c 0 node "$ROOT/tests/bench/validation_bench.js" "$SYNTHEA" "$ROOT/tools/npm/node_modules" \
  "$ROUNDS" > "$TMP/js.txt"
cat "$TMP/cpp.txt"
cpp=$(sed -n 's/^invariants on : \([0-9]*\) resources\/s.*/\1/p' "$TMP/cpp.txt")
js=$(sed -n 's/^resources_per_sec=//p' "$TMP/js.txt")
echo "@medplum/core validateResource: $js resources/s ($(sed -n 's/^rejected=//p' "$TMP/js.txt") rejected)"
awk -v a="$cpp" -v b="$js" 'BEGIN { printf "ratio (ours with invariants / medplum): %.1fx\n", a / b }'
