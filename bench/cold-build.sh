#!/usr/bin/env bash
# Times cold builds of the bundled article (a new process each run: fonts, parsing, typesetting,
# fit search and PDF writing all included) and prints the median of several runs.
#   bench/cold-build.sh [RUNS]     (default 21 runs; builds handout first if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
[ -x build/handout ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build --parallel "$(nproc)" >/dev/null; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median_ms() {  # runs "$@" $runs times after one warm-up; prints the median wall time in ms
  "$@" >/dev/null
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}

echo "median of $runs cold runs on $(nproc) cores:"
printf '  both documents           %s ms\n' "$(median_ms build/handout build --quiet --out "$out")"
printf '  patient handout only     %s ms\n' "$(median_ms build/handout build --quiet --layout patient-handout --out "$out")"
printf '  clinician summary only   %s ms (includes the fit search)\n' \
  "$(median_ms build/handout build --quiet --layout clinician-summary --out "$out")"
printf '  start-up (--version)     %s ms\n' "$(median_ms build/handout --version)"
