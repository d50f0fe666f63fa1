#!/usr/bin/env bash
# Sets up, builds (release preset) and runs the gateway's main job on its embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec bash tools/demo.sh
