#!/usr/bin/env bash
# Installs what is missing, builds handout, and typesets the bundled articles into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build --parallel "$(nproc)"
./build/handout build
