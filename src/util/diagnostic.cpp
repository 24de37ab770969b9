#include "util/diagnostic.h"

#include <fmt/format.h>

namespace handout {

std::string Diagnostic::to_string() const {
  std::string out = place.path.empty() ? std::string("handout") : place.path;
  if (place.line > 0) {
    out += fmt::format(":{}", place.line);
    if (place.column > 0) out += fmt::format(":{}", place.column);
  }
  out += severity == Severity::error ? ": error: " : ": warning: ";
  out += message;
  return out;
}

HandoutError::HandoutError(Diagnostic diagnostic)
    : std::runtime_error(diagnostic.to_string()), diagnostic_(std::move(diagnostic)) {}

HandoutError::HandoutError(SourcePlace place, std::string message)
    : HandoutError(Diagnostic{Severity::error, std::move(place), std::move(message)}) {}

void Warnings::add(SourcePlace place, std::string message) {
  items_.push_back(Diagnostic{Severity::warning, std::move(place), std::move(message)});
}

}  // namespace handout
