#!/usr/bin/env bash
# The gateway's main job until the server lands: check the sample data as FHIR JSON and run
# FHIRPath over a member's record, with the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
gw=build/release/gateway/app/fhir-gateway
shared=${GW_SHARED_DIR:-../shared}
"$gw" --help
echo
echo "== parse: the sample NDJSON feeds, one record per line"
for feed in "$shared"/internal-feeds/sample/*.ndjson; do
  n=0
  while IFS= read -r line; do
    [[ -z "$line" ]] && continue
    printf '%s' "$line" | "$gw" parse - >/dev/null
    n=$((n + 1))
  done <"$feed"
  echo "$(basename "$feed"): $n records, all well-formed"
done
bundle=$(ls "$shared"/corpora/synthea/bundles/*.json 2>/dev/null | head -1 || true)
if [[ -n "$bundle" ]]; then
  echo
  echo "== parse: a Synthea patient bundle"
  "$gw" parse "$bundle"
  if "$gw" --help | grep -q fhirpath; then
    echo
    echo "== fhirpath: the patient's names and the count of encounters"
    "$gw" fhirpath --resource "$bundle" \
      "Bundle.entry.resource.ofType(Patient).name.where(use = 'official').given"
    "$gw" fhirpath --resource "$bundle" "Bundle.entry.resource.ofType(Encounter).count()"
  fi
fi
