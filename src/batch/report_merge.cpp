#include "batch/report_merge.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <variant>

#include "batch/shard.h"
#include "util/diagnostic.h"
#include "util/text.h"

namespace handout {

namespace {

using Json = nlohmann::json;

struct ShardReport {
  std::string path;
  Json json;
  Shard shard;  // 1/1 for the report of a build of every output
};

// The line and column of the byte at `offset`, for a parse error's place.
SourcePlace place_of(const std::string& path, const std::string& text, std::size_t offset) {
  SourcePlace place{path, 1, 1};
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++place.line;
      place.column = 1;
    } else {
      ++place.column;
    }
  }
  return place;
}

[[noreturn]] void not_a_report(const std::string& path, const std::string& why) {
  throw HandoutError({path}, "not the report of a handout build (" + why + ")");
}

ShardReport read_report(const std::string& path) {
  const std::string text = read_file(path);
  ShardReport report{path, {}, {}};
  try {
    report.json = Json::parse(text);
  } catch (const Json::parse_error& error) {
    // nlohmann's byte is one past the offending byte.
    std::string message = error.what();
    if (std::size_t colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    throw HandoutError(place_of(path, text, error.byte > 0 ? error.byte - 1 : 0), "not valid JSON: " + message);
  }
  const Json& json = report.json;
  if (!json.is_object()) not_a_report(path, "not a JSON object");
  for (const char* key : {"version", "plan"})
    if (!json.contains(key) || !json[key].is_string())
      not_a_report(path, fmt::format("no \"{}\"; a report of handout {} or later has one", key, HANDOUT_VERSION));
  if (!json.contains("outputs") || !json["outputs"].is_array()) not_a_report(path, "no \"outputs\" list");
  if (!json.contains("errors") || !json["errors"].is_array()) not_a_report(path, "no \"errors\" list");
  for (const Json& output : json["outputs"])
    if (!output.is_object() || !output.contains("output") || !output["output"].is_string() ||
        !output.contains("status") || !output["status"].is_string() || !output.contains("position") ||
        !output["position"].is_number_unsigned())
      not_a_report(path, "an output without its name, status or position");
  if (json.contains("shard")) {
    const Json& shard = json["shard"];
    std::optional<Shard> parsed;
    if (shard.is_object() && shard.contains("index") && shard.contains("count") && shard["index"].is_number_integer() &&
        shard["count"].is_number_integer())
      parsed = parse_shard(fmt::format("{}/{}", shard["index"].get<long long>(), shard["count"].get<long long>()));
    if (!parsed) not_a_report(path, "its \"shard\" is not an index and a count");
    report.shard = *parsed;
  }
  return report;
}

// A JSON value as toml++ holds it, so the merged report is written as a build writes its own.
using TomlValue = std::variant<toml::table, toml::array, std::string, bool, int64_t, double>;

TomlValue toml_value(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      toml::table table;
      for (const auto& [key, item] : value.items())
        std::visit([&, &name = key](auto&& converted) { table.insert(name, std::move(converted)); }, toml_value(item));
      return table;
    }
    case Json::value_t::array: {
      toml::array array;
      for (const Json& item : value)
        std::visit([&](auto&& converted) { array.push_back(std::move(converted)); }, toml_value(item));
      return array;
    }
    case Json::value_t::string: return value.get<std::string>();
    case Json::value_t::boolean: return value.get<bool>();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return value.get<int64_t>();
    case Json::value_t::number_float: return value.get<double>();
    default: throw HandoutError({}, "a report holds a value of a kind handout never writes (null)");
  }
}

toml::table table_from(const Json& object) { return std::get<toml::table>(toml_value(object)); }

// The checks that the reports are the shards 1..N of one build, each once.
void check_shards(const std::vector<ShardReport>& reports) {
  const ShardReport& first = reports.front();
  std::map<int, const ShardReport*> by_index;
  for (const ShardReport& report : reports) {
    if (report.json["version"] != first.json["version"])
      throw HandoutError({report.path}, fmt::format("written by handout {}, but {} by handout {}: merge the "
                                                    "reports of one build",
                                                    report.json["version"].get<std::string>(), first.path,
                                                    first.json["version"].get<std::string>()));
    if (report.json["plan"] != first.json["plan"])
      throw HandoutError({report.path}, fmt::format("a report of another build than {} (their articles, layouts, "
                                                    "variants, profiles or output folders differ)",
                                                    first.path));
    if (report.shard.count != first.shard.count)
      throw HandoutError({report.path}, fmt::format("the report of shard {}, but {} is of shard {}: merge the "
                                                    "shards of one split",
                                                    report.shard.text(), first.path, first.shard.text()));
    auto [found, added] = by_index.emplace(report.shard.index, &report);
    if (!added)
      throw HandoutError({report.path}, fmt::format("the report of shard {}, as {} is: a shard can be merged once",
                                                    report.shard.text(), found->second->path));
  }
  std::vector<std::string> missing;
  for (int index = 1; index <= first.shard.count; ++index)
    if (!by_index.count(index)) missing.push_back(Shard{index, first.shard.count}.text());
  if (!missing.empty())
    throw HandoutError({}, fmt::format("shard{} {} {} missing: give the reports of all {} shards",
                                       missing.size() > 1 ? "s" : "", fmt::join(missing, ", "),
                                       missing.size() > 1 ? "are" : "is", first.shard.count));
}

}  // namespace

toml::table merge_reports(const std::vector<std::string>& paths) {
  if (paths.empty()) throw HandoutError({}, "no report to merge");
  std::vector<ShardReport> reports;
  for (const std::string& path : paths) reports.push_back(read_report(path));
  check_shards(reports);

  struct Entry {
    std::size_t position;
    const Json* json;
    const std::string* path;
  };
  std::vector<Entry> entries;
  std::vector<std::string> errors;
  std::set<std::string> seen_errors;
  double seconds = 0;
  for (const ShardReport& report : reports) {
    for (const Json& output : report.json["outputs"])
      entries.push_back({output["position"].get<std::size_t>(), &output, &report.path});
    for (const Json& error : report.json["errors"]) {
      std::string text = error.is_string() ? error.get<std::string>() : error.dump();
      if (seen_errors.insert(text).second) errors.push_back(text);
    }
    if (report.json.contains("seconds") && report.json["seconds"].is_number())
      seconds = std::max(seconds, report.json["seconds"].get<double>());
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.position < b.position; });

  toml::array outputs;
  std::map<std::string, const Entry*> by_output;
  int built = 0, up_to_date = 0, failed = 0;
  for (const Entry& entry : entries) {
    const Json& output = *entry.json;
    const std::string name = output["output"].get<std::string>();
    auto [found, added] = by_output.emplace(name, &entry);
    if (!added) {
      // An article that failed before its outputs could be listed fails once in the build of
      // every output, and once in each shard that owns one of its groups: the same entry.
      const Json& other = *found->second->json;
      bool same_failure = output["status"] == "failed" && other["status"] == "failed" &&
                          found->second->position == entry.position && output.value("error", "") == other.value("error", "");
      if (same_failure) continue;
      throw HandoutError({*entry.path}, fmt::format("{} is in this report and in {}: the shards overlap", name,
                                                    *found->second->path));
    }
    const std::string status = output["status"].get<std::string>();
    built += status == "built";
    up_to_date += status == "up to date";
    failed += status == "failed";
    outputs.push_back(table_from(output));
  }

  toml::array error_list;
  for (const std::string& error : errors) error_list.push_back(error);
  return toml::table{{"built", built},
                     {"up_to_date", up_to_date},
                     {"failed", failed},
                     {"errors", std::move(error_list)},
                     {"seconds", seconds},
                     {"version", reports.front().json["version"].get<std::string>()},
                     {"plan", reports.front().json["plan"].get<std::string>()},
                     {"outputs", std::move(outputs)}};
}

}  // namespace handout
