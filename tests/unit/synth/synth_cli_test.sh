#!/usr/bin/env bash
# fhir-gateway synth end to end: same arguments → same bytes, another seed → other bytes,
# headers identical to the plan's sample feeds, usage errors exit 2.
# usage: synth_cli_test.sh FHIR_GATEWAY SHARED_DIR
set -uo pipefail
bin=$1
sample=$2/internal-feeds/sample
if [[ ! -d $sample ]]; then
  echo "GW_SKIPPED: no sample feeds at $sample"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! "$@"; then echo "FAILED: $*"; fail=1; fi; }
expect_exit() {
  local want=$1; shift
  "$bin" synth "$@" >/dev/null 2>"$tmp/err"; local got=$?
  if [[ $got != "$want" ]]; then echo "FAILED: synth $* exited $got, wanted $want"; fail=1; fi
  if [[ $want == 2 && $(wc -l <"$tmp/err") != 1 ]]; then echo "FAILED: synth $*: not one line"; fail=1; fi
}

feeds="members.csv eligibility.csv providers.csv care_management.ndjson prior_auth.ndjson malformed.json"
expect_exit 0 --members 700 --seed 9 --out "$tmp/a" --malformed-rate 0.01
expect_exit 0 --members 700 --seed 9 --out "$tmp/b" --malformed-rate 0.01
expect_exit 0 --members 700 --seed 10 --out "$tmp/c" --malformed-rate 0.01
for f in $feeds; do
  check test -s "$tmp/a/$f"
  check cmp -s "$tmp/a/$f" "$tmp/b/$f"
done
check test "$(tail -n +2 "$tmp/a/members.csv" | wc -l)" = 700
if cmp -s "$tmp/a/members.csv" "$tmp/c/members.csv"; then echo "FAILED: seeds 9 and 10 agree"; fail=1; fi
for f in members.csv eligibility.csv providers.csv; do
  check test "$(head -1 "$tmp/a/$f")" = "$(head -1 "$sample/$f")"
done

expect_exit 2
expect_exit 2 --members 10 --seed 1
expect_exit 2 --members 0 --seed 1 --out "$tmp/d"
expect_exit 2 --members ten --seed 1 --out "$tmp/d"
expect_exit 2 --members 10 --seed 1 --out "$tmp/d" --malformed-rate 1.5
expect_exit 2 --members 10 --seed 1 --out "$tmp/d" --malformed-rate 1e-3
expect_exit 2 --members 10 --seed 1 --out "$tmp/d" --colour blue
expect_exit 2 --members 10 --seed 1 --out /proc/no-such-folder
expect_exit 0 --help
if [[ $fail == 0 ]]; then echo "synth cli: ok"; fi
exit $fail
