#include "batch/console_report.h"

#include <fmt/format.h>

#include <filesystem>
#include <ostream>

namespace handout {

int BatchResult::count(OutputResult::Status status) const {
  int n = 0;
  for (const OutputResult& output : outputs) n += output.status == status ? 1 : 0;
  return n;
}

std::string summary_line(const BatchResult& result) {
  return fmt::format("{} built, {} up to date, {} failed in {:.2f} s", result.count(OutputResult::Status::built),
                     result.count(OutputResult::Status::up_to_date),
                     result.count(OutputResult::Status::failed),
                     result.seconds);
}

void ConsoleReport::error(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  errors_ << line << '\n';
  reported_errors_.insert(line);
}

void ConsoleReport::lines(const std::vector<std::string>& lines) {
  if (lines.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (progress_) errors_ << "\r\033[K";
  for (const std::string& line : lines) errors_ << line << '\n';
}

bool ConsoleReport::first_readability_report(const std::string& article, const std::string& layout) {
  std::lock_guard<std::mutex> lock(mutex_);
  return readability_reported_.insert(article + '\n' + layout).second;
}

void ConsoleReport::finished(const OutputResult& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++done_;
  if (progress_) errors_ << "\r\033[K";
  if (result.status == OutputResult::Status::failed) {
    // One message per cause: an article's error is printed once, not once per layout.
    if (reported_errors_.insert(result.error).second) errors_ << result.error << '\n';
  } else if (result.status == OutputResult::Status::built && !quiet_) {
    output_ << fmt::format("wrote {}{} ({} page{}, body {:.2f} pt{}, {}, {:.0f} ms)\n", result.output,
                           result.files.size() > 1 ? fmt::format(" and {} more", result.files.size() - 1) : "",
                           result.pages, result.pages == 1 ? "" : "s", result.body_size,
                           result.fit_passes ? fmt::format(", fitted in {} passes", result.fit_passes) : "",
                           result.readability ? result.readability->summary() : "no readability figures",
                           result.milliseconds)
            << std::flush;
  }
  if (progress_)
    errors_ << fmt::format("[{}/{}] {}", done_, total_, std::filesystem::path(result.output).filename().string())
            << std::flush;
}

void ConsoleReport::end() {
  if (progress_) errors_ << "\r\033[K" << std::flush;
}

}  // namespace handout
