#include "util/diagnostic.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <filesystem>
#include <new>

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

Diagnostic current_exception_diagnostic(const SourcePlace& fallback) {
  try {
    throw;
  } catch (const HandoutError& error) {
    return error.diagnostic();
  } catch (const std::filesystem::filesystem_error& error) {
    SourcePlace place = error.path1().empty() ? fallback : SourcePlace{error.path1().string()};
    return Diagnostic{Severity::error, place, error.code().message()};
  } catch (const toml::parse_error& error) {
    const toml::source_region& source = error.source();
    SourcePlace place = fallback;
    if (source.path) place.path = *source.path;
    place.line = static_cast<int>(source.begin.line);
    place.column = static_cast<int>(source.begin.column);
    return Diagnostic{Severity::error, place, std::string(error.description())};
  } catch (const std::bad_alloc&) {
    return Diagnostic{Severity::error, fallback, "out of memory"};
  } catch (const std::exception& error) {
    return Diagnostic{Severity::error, fallback, fmt::format("internal error: {}", error.what())};
  } catch (...) {
    return Diagnostic{Severity::error, fallback, "internal error: an exception of unknown type"};
  }
}

void Warnings::add(SourcePlace place, std::string message) {
  items_.push_back(Diagnostic{Severity::warning, std::move(place), std::move(message)});
}

}  // namespace handout
