#pragma once
// What a batch prints while it runs: warnings and errors on `errors` (each error once, however
// many outputs it fails), a `wrote …` line per built output on `output`, and on a terminal one
// self-updating progress line. Safe to call from every worker thread.
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "batch/batch_result.h"

namespace handout {

class ConsoleReport {
 public:
  ConsoleReport(std::ostream& output, std::ostream& errors, bool quiet, bool progress)
      : output_(output), errors_(errors), quiet_(quiet), progress_(progress) {}

  void set_total(std::size_t outputs) { total_ = outputs; }
  // A problem outside any output (a broken layout), printed now; outputs it fails later do not
  // print it again.
  void error(const std::string& line);
  void lines(const std::vector<std::string>& lines);
  // Once per article and layout: the first caller gets true (and prints its readability
  // warnings); variants change values and sizes, not the text.
  bool first_readability_report(const std::string& article, const std::string& layout);
  // An output is finished: `wrote …`, or its error (once per message), and the progress line.
  void finished(const OutputResult& result);
  void end();  // clears the progress line

 private:
  std::ostream& output_;
  std::ostream& errors_;
  const bool quiet_, progress_;
  std::mutex mutex_;
  std::set<std::string> reported_errors_;
  std::set<std::string> readability_reported_;  // article and layout, once their warnings are printed
  std::size_t done_ = 0, total_ = 0;
};

// "4 built, 2 up to date, 0 failed in 0.31 s"
std::string summary_line(const BatchResult& result);

}  // namespace handout
