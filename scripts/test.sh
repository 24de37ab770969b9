#!/usr/bin/env bash
# Installs what is missing, builds handout with its tests, and runs every test.
#   --sanitize  builds in build-sanitize/ with AddressSanitizer and UndefinedBehaviorSanitizer and
#               runs the same tests there (the end-to-end tests run the sanitized binary); any
#               sanitizer report fails the test that caused it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build
flags=(-DCMAKE_BUILD_TYPE=Release)
case "${1:-}" in
  "") ;;
  --sanitize)
    build=build-sanitize
    # Optimised, with line numbers in sanitizer reports.
    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DHANDOUT_SANITIZE=ON)
    source scripts/sanitizer-env.sh
    ;;
  *) echo "usage: scripts/test.sh [--sanitize]" >&2; exit 2 ;;
esac
./scripts/install-deps.sh
cmake -S . -B "$build" "${flags[@]}" -DBUILD_TESTING=ON >/dev/null
cmake --build "$build" --parallel "$(nproc)"
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)"
