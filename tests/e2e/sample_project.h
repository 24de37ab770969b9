#pragma once
// A project of its own in a temporary folder, for batch and watch tests: two articles (the
// bundled one and a shorter one), the bundled layouts, and two variants with clinic values.
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "e2e/process.h"

namespace handout::testing {

inline const std::string binary = HANDOUT_BINARY;
inline const std::string source_dir = HANDOUT_SOURCE_DIR;

struct SampleProject {
  TempFolder root;
  SampleProject();
  // `handout build --fonts <bundled fonts> ARGUMENTS` in the project's folder.
  ProcessResult build(const std::string& arguments = "", double seconds = 300) const;
  // `handout watch --fonts <bundled fonts> ARGUMENTS...` in the background, its output going to
  // watch.out and watch.err in the project's folder.
  std::unique_ptr<BackgroundProcess> watch(const std::vector<std::string>& arguments) const;
  std::string file(const std::string& name) const { return root / ("out/" + name); }
};

struct Counts {
  int built = -1, up_to_date = -1, failed = -1;
};

// The figures of the summary line "N built, N up to date, N failed in S s" (-1 when absent).
Counts counts(const ProcessResult& result);

bool wrote(const ProcessResult& result, const std::string& name);

// Polls `condition` every 20 ms for at most `seconds`: long enough for a loaded machine, and
// no longer than the condition takes to come true.
template <typename Condition>
bool eventually(Condition condition, double seconds = 30) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

}  // namespace handout::testing
