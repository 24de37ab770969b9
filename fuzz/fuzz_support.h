#pragma once
// What the fuzz targets share. A HandoutError is the answer to bad input, so it is caught; any
// other exception escapes to libFuzzer, which reports it (with sanitizer reports, timeouts and
// leaks) as a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace handout::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `step`; a HandoutError (a located complaint about the input) is an expected outcome.
template <typename Step>
void expecting_handout_errors(Step&& step) {
  try {
    step();
  } catch (const HandoutError&) {
  }
}

// An article's place in the source tree, so `![x](clinics/riverside-logo.png)` finds a real image.
inline std::string article_path() { return HANDOUT_SOURCE_DIR "/content/fuzzed-article.md"; }

}  // namespace handout::fuzz
