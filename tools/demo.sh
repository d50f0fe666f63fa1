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
pas=$shared/corpora/davinci-pas/ig-package-2.2.1
uscore=$shared/corpora/us-core/packages
if "$gw" --help | grep -q validate && [[ -d "$uscore" && -d "$pas" ]]; then
  echo
  echo "== validate: a PAS prior-authorization request Bundle against Da Vinci PAS 2.2.1"
  echo "   (with the US Core 3.1.1, 6.1.0 and 7.0.0 packages it depends on)"
  if "$gw" validate --package "$uscore/hl7.fhir.us.core-3.1.1.tgz" \
      --package "$uscore/hl7.fhir.us.core-6.1.0.tgz" --package "$uscore/hl7.fhir.us.core-7.0.0.tgz" \
      --package "$pas/hl7.fhir.us.davinci-pas-2.2.1.tgz" \
      "$pas/package/example/Bundle-ReferralAuthorizationBundleExample.json" >/tmp/gw-demo-oo.json; then
    echo "valid: no error (OperationOutcome with $(grep -o '"severity"' /tmp/gw-demo-oo.json | wc -l) warnings/notes)"
  else
    echo "invalid:"; head -c 800 /tmp/gw-demo-oo.json; echo
  fi
  rm -f /tmp/gw-demo-oo.json
fi
