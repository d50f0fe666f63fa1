#!/usr/bin/env bash
# The gateway's main job on its embedded defaults: the FHIR server in development mode on
# loopback (SQLite store, development certificates, a development SMART client and partner
# certificate in build/dev-data), with US Core loaded and sample patients (Synthea bundles from
# ../shared) stored as transactions on first start, and the plan's sample internal feeds
# (../shared/internal-feeds/sample) mapped, validated against the plan profiles and loaded
# (idempotent: a restart creates no new versions). Prints dev.json (how to call it); Ctrl-C stops.
set -euo pipefail
cd "$(dirname "$0")/.."
gw=build/release/gateway/app/fhir-gateway
shared=${GW_SHARED_DIR:-../shared}
data=${GW_DEV_DATA:-build/dev-data}
args=(serve --dev --data "$data" --port "${GW_PORT:-8443}" --partner-port "${GW_PARTNER_PORT:-8444}")
us_core="$shared/corpora/us-core/packages/hl7.fhir.us.core-6.1.0.tgz"
pas=$(ls "$shared"/corpora/davinci-pas/ig-package-2.2.1/*.tgz 2>/dev/null | head -1 || true)
packages=()
[[ -f "$us_core" ]] && packages+=(--package "$us_core")
if [[ -f "$us_core" && -n "$pas" ]]; then
  packages+=(--package "$pas" --package fhir-profiles)
fi
args+=("${packages[@]}")
if [[ ! -f "$data/gateway.db" ]]; then
  for bundle in $(ls "$shared"/corpora/synthea/bundles/*.json 2>/dev/null | head -5); do
    args+=(--load "$bundle")
  done
fi
feeds="$shared/internal-feeds/sample"
if [[ -d "$feeds" && ${#packages[@]} -eq 6 ]]; then
  mkdir -p "$data"
  echo "fhir-gateway load --feeds $feeds --data $data ${packages[*]}"
  "$gw" load --feeds "$feeds" --data "$data" --out "$data/load-report" "${packages[@]}"
fi
echo "fhir-gateway ${args[*]}"
exec "$gw" "${args[@]}"
