#!/usr/bin/env bash
# Runs the fhir-gateway executable the way an operator would and checks exit codes and output.
# usage: cli_test.sh FHIR_GATEWAY SHARED_DIR
set -uo pipefail
gw=$1
shared=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

expect() {  # expect CODE DESCRIPTION -- COMMAND...
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [[ $got == "$want" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $what: exit $got, wanted $want"
    head -c 400 "$tmp/out" "$tmp/err"
    echo
  fi
}

contains() {  # contains TEXT DESCRIPTION (checks the last command's stdout)
  if grep -qF -- "$1" "$tmp/out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $2: output lacks '$1'"
    head -c 400 "$tmp/out"
    echo
  fi
}

one_line_reason() {  # the last command printed exactly one line on stderr
  if [[ $(wc -l <"$tmp/err") == 1 ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $1: stderr is not one line"
    cat "$tmp/err"
  fi
}

expect 0 "help" -- "$gw" --help
contains "parse" "help lists parse"
expect 2 "no command" -- "$gw"
expect 2 "unknown command" -- "$gw" frobnicate
one_line_reason "unknown command"

# parse
printf '{"resourceType":"Patient","birthDate":"1970-01-01","multipleBirthInteger":2,"name":[{"family":"Rivera"}]}' >"$tmp/p.json"
printf '{"a":1,"a":2}' >"$tmp/dup.json"
expect 0 "parse --help" -- "$gw" parse --help
expect 0 "parse valid" -- "$gw" parse "$tmp/p.json"
expect 1 "parse duplicate key" -- "$gw" parse "$tmp/dup.json"
contains "json-duplicate-key" "parse names the rule"
one_line_reason "parse invalid"
expect 1 "parse too deep" -- "$gw" parse --max-depth 2 "$tmp/p.json" "$tmp/p.json"
expect 2 "parse missing file" -- "$gw" parse "$tmp/none.json"
one_line_reason "parse missing file"
expect 2 "parse bad option" -- "$gw" parse --max-depth x "$tmp/p.json"

# fhirpath
if "$gw" --help | grep -q fhirpath; then
  expect 0 "fhirpath --help" -- "$gw" fhirpath --help
  expect 0 "fhirpath eval" -- "$gw" fhirpath --resource "$tmp/p.json" "birthDate + 1 year"
  contains '"value":"1971-01-01"' "fhirpath date arithmetic"
  expect 1 "fhirpath syntax error" -- "$gw" fhirpath --resource "$tmp/p.json" "name.where("
  one_line_reason "fhirpath syntax error"
  expect 1 "fhirpath unknown function" -- "$gw" fhirpath --resource "$tmp/p.json" "name.frob()"
  expect 1 "fhirpath on invalid json" -- "$gw" fhirpath --resource "$tmp/dup.json" "a"
  printf 'birthDate\nname.where(\n1 + 1\n' >"$tmp/batch.txt"
  expect 0 "fhirpath batch" -- sh -c "\"$gw\" fhirpath --batch --resource \"$tmp/p.json\" <\"$tmp/batch.txt\""
  contains '{"ok":false' "batch reports the failing line"
  contains '{"ok":true,"result":[{"type":"integer","value":2}]}' "batch evaluates each line"
fi

# validate
if "$gw" --help | grep -q validate; then
  printf '{"resourceType":"Patient","gender":"M","birthDate":"1970-13-01"}' >"$tmp/bad.json"
  expect 0 "validate --help" -- "$gw" validate --help
  expect 0 "validate valid" -- "$gw" validate "$tmp/p.json"
  contains '"resourceType":"OperationOutcome"' "validate prints an OperationOutcome"
  expect 1 "validate invalid" -- "$gw" validate "$tmp/p.json" "$tmp/bad.json"
  if [[ $(wc -l <"$tmp/out") == 2 ]]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: validate prints one line per file"; fi
  contains 'Patient.birthDate' "validate locates the bad date"
  expect 1 "validate unparsable" -- "$gw" validate "$tmp/dup.json"
  expect 2 "validate unknown package" -- "$gw" validate --package "$tmp/none.tgz" "$tmp/p.json"
  one_line_reason "validate unknown package"
  pas=$shared/corpora/davinci-pas/ig-package-2.2.1
  uscore=$shared/corpora/us-core/packages/hl7.fhir.us.core-6.1.0.tgz
  if [[ -d "$pas" && -f "$uscore" ]]; then
    # PAS names US Core 7.0.0 target profiles; with only 6.1.0 loaded the target type comes from
    # the other version instead of failing every reference.
    expect 0 "validate PAS request with US Core 6.1.0" -- "$gw" validate --package "$uscore" \
      --package "$pas/hl7.fhir.us.davinci-pas-2.2.1.tgz" \
      "$pas/package/example/Bundle-ReferralAuthorizationBundleExample.json"
  else
    echo "cli: PAS/US Core packages not found, one check skipped"
  fi
fi

# serve: a bad config fails fast, naming the field; a good one serves until SIGTERM.
if "$gw" --help | grep -q serve; then
  expect 2 "serve without --config" -- "$gw" serve
  one_line_reason "serve without --config"
  printf '{"data_dir": "d", "listeners": [{"name": "partner", "port": 0, "tls": {"cert_file": "c",
    "key_file": "k", "client_certificates": "required"}}]}' >"$tmp/bad-serve.json"
  expect 2 "serve with a bad config" -- "$gw" serve --config "$tmp/bad-serve.json"
  one_line_reason "serve with a bad config"
  if grep -qF 'listeners[0].tls.ca_file' "$tmp/err"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: serve names the bad field"; cat "$tmp/err"; fi
  "$(dirname "$0")/../../../certs/make-dev-certs.sh" "$tmp/certs" >/dev/null
  printf '{"data_dir": "d", "listeners": [{"name": "public", "port": 0, "tls": {
    "cert_file": "certs/server.crt", "key_file": "certs/server.key"}}]}' >"$tmp/serve.json"
  "$gw" serve --config "$tmp/serve.json" >"$tmp/serve.out" 2>"$tmp/serve.err" &
  serve_pid=$!
  for _ in $(seq 600); do grep -q listening "$tmp/serve.out" && break; sleep 0.1; done
  port=$(sed -n 's|.*https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.out")
  if command -v curl >/dev/null; then
    expect 0 "serve answers over TLS" -- curl -s --cacert "$tmp/certs/ca.crt" \
      "https://localhost:$port/metadata"
    contains '"resourceType":"CapabilityStatement"' "serve answers /metadata"
    expect 0 "serve answers a FHIR route" -- curl -s --cacert "$tmp/certs/ca.crt" \
      "https://localhost:$port/Patient/1"
    contains '"code":"login"' "serve answers 401 with an OperationOutcome without a token"
  fi
  kill -TERM "$serve_pid"
  expect 0 "serve stops on SIGTERM" -- wait "$serve_pid"
fi

echo "cli: $passed passed, $failed failed"
[[ $failed == 0 ]]
