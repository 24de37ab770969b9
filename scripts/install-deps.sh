#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing handout need, and the npm
# packages of tests/readers (pdf.js and MuPDF, which the end-to-end tests open the PDFs with).
# Does nothing (and needs no network) when they are all present already.
# --fuzz adds what scripts/fuzz.sh needs: clang with libFuzzer and the sanitizer runtimes, and
# llvm-symbolizer for readable stack traces (the normal build and tests use GCC only).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libpango1.0-dev libcairo2-dev libfontconfig-dev libfreetype-dev libharfbuzz-dev
  libhpdf-dev libtomlplusplus-dev libmd4c-dev libfmt-dev libqpdf-dev
  libglib2.0-dev libjpeg62-turbo-dev zlib1g-dev
  nlohmann-json3-dev                                 # reads JSON reports back (handout report merge)
  libicu-dev libhyphen-dev hyphen-en-us hyphen-es   # readability: sentences, words, syllables
  hyphen-fr hyphen-de hyphen-pt-pt hyphen-pt-br      # hyphenation patterns ([body] hyphenate = true)
  catch2 poppler-utils qpdf icc-profiles-free
  fonts-droid-fallback fonts-nanum            # Chinese and Japanese, Korean: named in fonts/fonts.toml
  python3                                     # builds the HTML entity table; scripts/commonmark-check.sh
  # tests: Apache PDFBox Preflight validates the archive profile as PDF/A-1b
  default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
  ghostscript                                 # tests: one of the readers every profile must open
)
# tests: Node.js runs pdf.js and MuPDF; Debian's (18) when the machine has none of its own.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev llvm-14)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The readers' npm packages, exactly as package-lock.json pins them, into tests/readers/node_modules
# (where the tests look); again only when the lock file changed since the last install. Optional
# packages (a canvas to draw with) are left out: the tests do not draw with pdf.js.
readers="$(cd "$(dirname "$0")/../tests/readers" && pwd)"
lock_sum="$(sha256sum "$readers/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$readers/node_modules/.installed-lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
  echo "Installing the npm packages of tests/readers"
  (cd "$readers" && npm ci --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock_sum" > "$readers/node_modules/.installed-lock-sha256"
fi
