#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing handout need.
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
)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev llvm-14)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
