#!/usr/bin/env bash
# Fails when a file of the pure core includes an I/O or threading header: the core must reach
# the world only through ports.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='#include *[<"](boost/beast|boost/asio|openssl/|fstream|thread|filesystem|sqlite3|libpq|iostream|gateway/shell/|gateway/app/)'
bad=$(grep -rEn "$pattern" gateway/core || true)
# std::chrono clocks read time; the core takes a Clock port instead.
clocks=$(grep -rEn 'system_clock::now|steady_clock::now|high_resolution_clock::now|std::time\(|getenv' gateway/core || true)
# std::regex backtracks (exponential time on hostile patterns, deep recursion): use gw::Regex.
regex=$(grep -rEn '#include *<regex>' gateway || true)
if [[ -n "$bad$clocks$regex" ]]; then
  echo "layering: the core must stay pure; found:"
  echo "$bad$clocks$regex"
  exit 1
fi
echo "layering: gateway/core includes no I/O, thread or shell headers"
