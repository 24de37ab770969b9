#include "build/build_report.h"

#include <toml++/toml.h>

#include <sstream>

#include "util/atomic_file.h"
#include "util/diagnostic.h"

namespace handout {

namespace {

toml::array strings(const std::vector<std::string>& values) {
  toml::array array;
  for (const std::string& value : values) array.push_back(value);
  return array;
}

const char* status_name(OutputResult::Status status) {
  switch (status) {
    case OutputResult::Status::built: return "built";
    case OutputResult::Status::up_to_date: return "up to date";
    case OutputResult::Status::failed: return "failed";
  }
  return "failed";
}

}  // namespace

void write_report(const BatchResult& result, const std::string& path) {
  toml::array outputs;
  for (const OutputResult& output : result.outputs) {
    toml::table entry{{"output", output.output},
                      {"files", strings(output.files)},
                      {"status", status_name(output.status)},
                      {"inputs", toml::table{{"content", output.content},
                                             {"layout", output.layout},
                                             {"variant", output.variant},
                                             {"profile", output.profile},
                                             {"hash", output.inputs_hash}}},
                      {"warnings", strings(output.warnings)},
                      {"milliseconds", output.milliseconds}};
    if (output.status == OutputResult::Status::built) {
      entry.insert("pages", output.pages);
      entry.insert("body_size", output.body_size);
      if (output.fit_passes > 0) entry.insert("fit_passes", output.fit_passes);
    }
    if (!output.error.empty()) entry.insert("error", output.error);
    outputs.push_back(std::move(entry));
  }
  toml::table root{{"built", result.count(OutputResult::Status::built)},
                   {"up_to_date", result.count(OutputResult::Status::up_to_date)},
                   {"failed", result.count(OutputResult::Status::failed)},
                   {"errors", strings(result.errors)},
                   {"seconds", result.seconds},
                   {"outputs", std::move(outputs)}};
  std::ostringstream text;
  text << toml::json_formatter{root} << '\n';
  write_file_atomically(path, text.str());
}

}  // namespace handout
