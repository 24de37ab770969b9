#!/usr/bin/env bash
# CommonMark conformance: builds every example of the CommonMark spec (spec.txt) into a PDF with
# the built handout and compares the words pdftotext gives with the words of the example's
# expected HTML. Prints one line per failing example and ends with "N passed, M failed".
#
#   scripts/commonmark-check.sh [--verbose] [--keep] SPEC [NUMBER...]
#
# Each example becomes an article (front matter + the example as its body), set with a layout
# that has no running heads, so the PDF holds the body's words only. An example passes when:
#   - its words match the expected text (list labels such as "•" and "1." aside; a word split
#     or joined at a line break is the same text), or
#   - every word it lacks or adds is named in a warning handout printed (raw HTML, say), or
#   - the build stops with exit 1 and an error placed in the article (file:line:col) because the
#     input cannot be used: it names an image file that is not there (the spec's images are
#     examples, not files), or it links to a scheme a handout may not carry (irc:, made-up ones)
#     and the expected HTML has a link of that scheme.
# Anything else fails: a word lost without a warning, any other error, an error or warning
# placed outside the file, a crash, another exit status, or a build over 20 s.
# --verbose also lists the examples that pass only by a warning or an error; --keep keeps the
# work folder. NUMBERs run only those examples.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
verbose=()
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --verbose) verbose=(--verbose); shift ;;
    --keep) keep=1; shift ;;
    -*) echo "usage: $0 [--verbose] [--keep] SPEC [NUMBER...]" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 [--verbose] [--keep] SPEC [NUMBER...]" >&2
  exit 2
fi
spec="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
handout="$repo/build/handout"
[ -x "$handout" ] || { echo "$handout is not built (run ./scripts/build.sh)" >&2; exit 2; }
for tool in python3 pdftotext timeout xargs; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (run ./scripts/install-deps.sh)" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/commonmark-check.XXXXXX")"
if [ "$keep" = 1 ]; then
  echo "work folder: $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/layouts" "$work/result" "$work/out"
# All defaults: one column, no header, footer or title band.
printf 'description = "CommonMark example"\n' >"$work/layouts/plain.toml"

python3 "$repo/scripts/commonmark_check.py" split "$spec" "$work" "$@" >"$work/numbers"

# One process per example so that a crash or a hang is that example's alone.
build_one() {
  local n="$1" status=0
  timeout 20 "$HANDOUT" build "content/ex-$n.md" --layout plain --no-project --jobs 1 \
    --out "out/$n" --fonts "$FONTS" --quiet >"result/ex-$n.log" 2>&1 || status=$?
  echo "$status" >"result/ex-$n.rc"
  if [ "$status" = 0 ] && [ -f "out/$n/ex-$n.plain.pdf" ]; then
    timeout 20 pdftotext -raw -enc UTF-8 "out/$n/ex-$n.plain.pdf" "result/ex-$n.txt" 2>>"result/ex-$n.log" || true
  fi
}
export -f build_one
export HANDOUT="$handout" FONTS="$repo/fonts"
(cd "$work" && xargs -P 2 -n 1 bash -c 'build_one "$1"' _ <numbers)

python3 "$repo/scripts/commonmark_check.py" compare "$work" "${verbose[@]}"
