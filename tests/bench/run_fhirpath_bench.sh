#!/bin/sh
# Runs the FHIRPath benchmark for this engine and for fhirpath.js 5.2.2 on one core each
# (taskset -c 0) and prints evaluations per second side by side with the ratio.
# usage: tests/bench/run_fhirpath_bench.sh [BUILD_DIR] [SECONDS]
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/fp}
SECONDS_PER_PART=${2:-3}
BENCH=$BUILD/tests/bench/fhirpath_bench
MODULES=$ROOT/tools/npm/node_modules
[ -x "$BENCH" ] || { echo "missing $BENCH (cmake --build $BUILD --target fhirpath_bench)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

taskset -c 0 "$BENCH" --emit-cases "$TMP/cases.json" --seconds "$SECONDS_PER_PART" > "$TMP/cpp.txt"
taskset -c 0 node "$ROOT/tests/bench/fhirpath_bench.js" "$TMP/cases.json" "$MODULES" \
  "$SECONDS_PER_PART" > "$TMP/js.txt" 2> "$TMP/js.err"

get() { sed -n "s/^$1=//p" "$2"; }
for part in suite synthea; do
  cpp=$(get ${part}_evals_per_sec "$TMP/cpp.txt")
  js=$(get ${part}_evals_per_sec "$TMP/js.txt")
  ratio=$(awk -v a="$cpp" -v b="$js" 'BEGIN { printf "%.1f", a / b }')
  printf '%-8s gw_fhirpath %12s evals/s   fhirpath.js %12s evals/s   ratio %sx\n' \
    "$part" "$cpp" "$js" "$ratio"
done
printf 'cases: C++ suite=%s patients=%s | js suite=%s patients=%s\n' \
  "$(get suite_cases "$TMP/cpp.txt")" "$(get synthea_patients "$TMP/cpp.txt")" \
  "$(get suite_cases "$TMP/js.txt")" "$(get synthea_patients "$TMP/js.txt")"
