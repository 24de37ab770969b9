#pragma once
// What the fuzz targets share. A HandoutError is the answer to bad input, so it is caught; any
// other exception escapes to libFuzzer, which reports it (with sanitizer reports, timeouts and
// leaks) as a finding. Broken promises that do not crash (a warning placed outside its file, a
// number outside its documented bounds) abort with a message, so they are findings too.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace handout::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void broken_promise(const std::string& what) {
  std::fprintf(stderr, "broken promise: %s\n", what.c_str());
  std::abort();
}

// Every warning and error about `path` points inside it: a line the file has, and a column on
// that line (columns count bytes or characters, so the byte length bounds both). The position
// just after the last character is inside too, for "ends too early" errors.
inline void require_inside(const Diagnostic& diagnostic, std::string_view text, const std::string& path) {
  const SourcePlace& place = diagnostic.place;
  if (place.path != path || (place.line == 0 && place.column == 0)) return;
  std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  bool inside = place.line >= 1 && static_cast<std::size_t>(place.line) <= lines && place.column >= 0;
  if (inside && place.column > 0) {
    std::size_t start = 0;
    for (int line = 1; line < place.line; ++line) start = text.find('\n', start) + 1;
    std::size_t end = std::min(text.find('\n', start), text.size());
    inside = static_cast<std::size_t>(place.column) <= end - start + 1;
  }
  if (!inside) broken_promise("a diagnostic points outside its file: " + diagnostic.to_string());
}

// Runs `step`; a HandoutError (a located complaint about the input) is an expected outcome, and
// must point inside the input when it names it.
template <typename Step>
void expecting_handout_errors(Step&& step, std::string_view text = {}, const std::string& path = {}) {
  try {
    step();
  } catch (const HandoutError& error) {
    if (!path.empty()) require_inside(error.diagnostic(), text, path);
  }
}

// An article's place in the source tree, so `![x](clinics/riverside-logo.png)` finds a real image.
inline std::string article_path() { return HANDOUT_SOURCE_DIR "/content/fuzzed-article.md"; }

}  // namespace handout::fuzz
