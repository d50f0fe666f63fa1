#!/usr/bin/env bash
# Runs the whole test suite: sets up, builds the release preset and runs every CTest test.
# With --asan: builds the AddressSanitizer + UBSan preset and runs the unit tests under it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
preset=release
[[ "${1:-}" == "--asan" ]] && preset=asan
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset"
