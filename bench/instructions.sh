#!/usr/bin/env bash
# Counts the instructions of cold runs of the bundled article with callgrind (valgrind), a figure
# that holds when the machine is busy, unlike wall-clock time; all threads are counted.
#   bench/instructions.sh [BINARY]     (default build/handout; apt-get install valgrind)
# Compare two binaries by running it for each: the same inputs and options.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/handout}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

instructions() {  # millions of instructions of one run of "$@"
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$@" >/dev/null 2>"$out/valgrind.log" || {
    cat "$out/valgrind.log" >&2
    exit 1
  }
  sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$out/valgrind.log" | awk '{ printf "%.1f", $1 / 1e6 }'
}

echo "millions of instructions (callgrind) of one cold run of $binary:"
printf '  both documents           %s\n' "$(instructions "$binary" build --no-project --force --quiet --out "$out")"
printf '  patient handout only     %s\n' \
  "$(instructions "$binary" build --no-project --force --quiet --layout patient-handout --out "$out")"
printf '  clinician summary only   %s\n' \
  "$(instructions "$binary" build --no-project --force --quiet --layout clinician-summary --out "$out")"
printf '  start-up (--version)     %s\n' "$(instructions "$binary" --version)"
printf '  handout check            %s\n' "$(instructions "$binary" check --no-project --quiet)"
