#!/usr/bin/env bash
# Times cold builds of the bundled article (a new process each run: fonts, parsing, typesetting,
# fit search and PDF writing all included) and prints the median of several runs.
#   bench/cold-build.sh [RUNS]     (default 21 runs; builds handout first if needed)
# Uses hyperfine when it is installed (apt-get install hyperfine), else a shell timing loop.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
[ -x build/handout ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build --parallel "$(nproc)" >/dev/null; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median_ms() {  # runs "$@" $runs times after one warm-up; prints the median wall time in ms
  if command -v hyperfine >/dev/null && command -v python3 >/dev/null; then
    # hyperfine starts the command without a shell, so its own overhead stays out of the figure.
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/t.json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$out/t.json"
    return
  fi
  "$@" >/dev/null
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}

echo "median of $runs cold runs on $(nproc) cores:"
printf '  both documents           %s ms\n' "$(median_ms build/handout build --no-project --force --quiet --out "$out")"
printf '  patient handout only     %s ms\n' "$(median_ms build/handout build --no-project --force --quiet --layout patient-handout --out "$out")"
printf '  clinician summary only   %s ms (includes the fit search)\n' \
  "$(median_ms build/handout build --no-project --force --quiet --layout clinician-summary --out "$out")"
printf '  start-up (--version)     %s ms\n' "$(median_ms build/handout --version)"
echo "both documents, by output profile:"
for profile in print email archive preview; do
  printf '  %-24s %s ms\n' "$profile" "$(median_ms build/handout build --no-project --force --quiet --profile "$profile" --out "$out")"
done
echo "sizes of the last build's files (bytes):"
( cd "$out" && ls -l *.pdf *.png | awk '{ printf "  %-56s %8d\n", $9, $5 }' )
