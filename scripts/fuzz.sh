#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, AddressSanitizer, UndefinedBehaviorSanitizer) in
# build-fuzz/ and runs each in turn for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: article layout project typeset (default: all)
#
# Seeds come from content/, layouts/, tests/data/ and handout.toml; the corpus grows in
# build-fuzz/corpus/TARGET from one run to the next. Whatever libFuzzer finds (a crash, an
# exception other than HandoutError, a sanitizer report, a leak, a timeout, a broken promise such
# as a Pango warning or a diagnostic placed outside its file) is saved in
# build-fuzz/findings/TARGET/ and makes the script exit 1; the log of each run is
# build-fuzz/logs/TARGET.log. Reproduce a finding with: build-fuzz/fuzz/fuzz_TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(article layout project typeset)
for target in "${targets[@]}"; do
  case "$target" in
    article | layout | project | typeset) ;;
    *) echo "fuzz.sh: unknown target '$target' (article, layout, project, typeset)" >&2; exit 2 ;;
  esac
done

./scripts/install-deps.sh --fuzz
build="$root/build-fuzz"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF \
  -DHANDOUT_FUZZ=ON >/dev/null
cmake --build "$build" --parallel 2 --target "${targets[@]/#/fuzz_}"

# Seeds: every file of the kind the target reads, and the inputs fuzzing found problems with.
seeds_of() {
  case "$1" in
    article | typeset) find content tests/data -name '*.md' -not -name README.md ;;
    layout) find layouts tests/data -name '*.toml' ;;
    project) echo handout.toml; find tests/data -name 'handout*.toml' ;;
  esac
  find tests/data/fuzz-regressions -name "$1-*"
}

# Longest input tried: an article long enough for several pages, short enough that a
# typesetting run (two layouts, the fit search, a PDF) stays quick.
max_len_of() {
  case "$1" in
    typeset) echo 6144 ;;
    *) echo 16384 ;;
  esac
}

source "$root/scripts/sanitizer-env.sh"
export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14

failed=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  findings="$build/findings/$target"
  log="$build/logs/$target.log"
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  while read -r seed; do
    [ -f "$seed" ] && cp "$seed" "$corpus/seed-$(echo "$seed" | tr '/' '-')"
  done < <(seeds_of "$target")
  echo "fuzzing $target for $seconds s (log: ${log#$root/})"
  # The project target looks up the folders a project names relative to the working folder:
  # run from the source tree, where content/ and layouts/ are.
  status=0
  "$build/fuzz/fuzz_$target" "$corpus" -dict="$root/fuzz/handout.dict" -max_total_time="$seconds" \
    -max_len="$(max_len_of "$target")" -timeout=30 -rss_limit_mb=2560 -artifact_prefix="$findings/" \
    -print_final_stats=1 </dev/null >"$log" 2>&1 || status=$?
  # libFuzzer's last status line and its final statistics.
  grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -n 1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
  echo "corpus: $(find "$corpus" -type f | wc -l) files"
  if [ "$status" -ne 0 ]; then
    echo "FINDING in $target (exit $status): see ${log#$root/} and ${findings#$root/}/" >&2
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "findings in: ${failed[*]}" >&2
  exit 1
fi
echo "no findings"
