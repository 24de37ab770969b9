#pragma once
// Errors and warnings as values that carry their place in a source file.
#include <stdexcept>
#include <string>
#include <vector>

namespace handout {

struct SourcePlace {
  std::string path;  // as given on the command line or found in a folder
  int line = 0;      // 1-based; 0 when the problem has no line
  int column = 0;    // 1-based; 0 when the problem has no column
};

enum class Severity { warning, error };

struct Diagnostic {
  Severity severity = Severity::error;
  SourcePlace place;
  std::string message;

  // "path:line:col: error: message", leaving out the parts that are unknown.
  std::string to_string() const;
};

// Thrown by the stages when they cannot go on; the command line prints it and exits non-zero.
class HandoutError : public std::runtime_error {
 public:
  explicit HandoutError(Diagnostic diagnostic);
  HandoutError(SourcePlace place, std::string message);
  const Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

// For a catch (...) block: the exception being handled as an error. A HandoutError keeps its own
// place; a filesystem error is placed at its path, a toml++ error at its line and column; any
// other exception (out of memory, a library's own, an unknown type) is placed at `fallback`, so a
// failure is always reported as the failure of what was being built.
Diagnostic current_exception_diagnostic(const SourcePlace& fallback);

// Warnings collected while a document is read and set; they never stop a build.
class Warnings {
 public:
  void add(SourcePlace place, std::string message);
  const std::vector<Diagnostic>& items() const { return items_; }
  // Forgets the warnings added after the first `count`: those of work whose result is dropped.
  void keep_first(std::size_t count) {
    if (count < items_.size()) items_.resize(count);
  }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace handout
