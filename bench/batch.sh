#!/usr/bin/env bash
# Times batch builds of a generated corpus (200 articles x 2 layouts by default):
# a full build, a no-change rebuild, a one-article rebuild, and a save-to-PDF watch cycle.
#   bench/batch.sh [ARTICLES] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-200}
jobs=${2:-$(nproc)}
[ -x build/handout ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build --parallel "$(nproc)" >/dev/null; }
work=$(mktemp -d)
trap 'kill "${watcher:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
bench/make-corpus.sh "$work" "$articles"
handout() { build/handout "$@" --project "$work/handout.toml" --jobs "$jobs" --quiet; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

start=$(date +%s%N); handout build >/dev/null; end=$(date +%s%N)
full=$(ms "$start" "$end")
outputs=$(ls "$work/out"/*.pdf | wc -l)
echo "full build:          $outputs documents in $full ms ($(( outputs * 1000 / full )) documents/s, $jobs threads)"

best=999999
for _ in 1 2 3 4 5; do
  start=$(date +%s%N); handout build >/dev/null; end=$(date +%s%N)
  t=$(ms "$start" "$end"); [ "$t" -lt "$best" ] && best=$t
done
echo "no-change rebuild:   $best ms (best of 5)"

printf '\nAn editor added this sentence.\n' >> "$work/content/article-007.md"
start=$(date +%s%N); handout build >/dev/null; end=$(date +%s%N)
echo "one-article rebuild: $(ms "$start" "$end") ms (2 documents)"

# Watch: time from saving an article to its new PDF in place, for a few saves.
build/handout watch --project "$work/handout.toml" --jobs "$jobs" >"$work/watch.log" 2>&1 &
watcher=$!
for _ in $(seq 200); do grep -q "watching for changes" "$work/watch.log" 2>/dev/null && break; sleep 0.05; done
pdf="$work/out/article-011.patient-handout.pdf"
for n in 1 2 3 4 5; do
  before=$(stat -c %.9Y "$pdf")
  printf '\nSaved sentence %s.\n' "$n" >> "$work/content/article-011.md"
  start=$(date +%s%N)
  deadline=$(( $(date +%s) + 10 ))
  while [ "$(stat -c %.9Y "$pdf")" = "$before" ]; do
    sleep 0.002
    [ "$(date +%s)" -lt "$deadline" ] || { echo "watch did not rebuild within 10 s" >&2; exit 1; }
  done
  end=$(date +%s%N)
  echo "watch save-to-PDF:   $(ms "$start" "$end") ms (save $n)"
  sleep 0.3  # let the summary rebuild finish before the next save
done
kill -INT "$watcher"; wait "$watcher" || true
