#include "batch/build_report.h"

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

const char* flag_kind(ReadabilityFlag::Kind kind) {
  switch (kind) {
    case ReadabilityFlag::Kind::sentence: return "sentence";
    case ReadabilityFlag::Kind::paragraph: return "paragraph";
    case ReadabilityFlag::Kind::document: return "document";
  }
  return "document";
}

}  // namespace

toml::table readability_json(const ReadabilityReport& report) {
  const ReadabilityScores& scores = report.scores;
  toml::table table{{"language", report.language},
                    {"summary", report.summary()},
                    {"syllables_from", report.syllable_method},
                    {"sentences", scores.counts.sentences},
                    {"words", scores.counts.words},
                    {"syllables", scores.counts.syllables},
                    {"polysyllables", scores.counts.polysyllables}};
  if (scores.grade) table.insert("flesch_kincaid_grade", *scores.grade);
  if (scores.reading_ease) table.insert("flesch_reading_ease", *scores.reading_ease);
  if (scores.smog) table.insert("smog_grade", *scores.smog);
  if (scores.inflesz) {
    table.insert("szigriszt_pazos", *scores.inflesz);
    table.insert("inflesz_band", std::string(inflesz_band(*scores.inflesz)));
  }
  if (scores.scale == ReadabilityScale::none) table.insert("formula", "none for this language");
  toml::array flags;
  for (const ReadabilityFlag& flag : report.flags)
    flags.push_back(toml::table{{"kind", flag_kind(flag.kind)},
                                {"file", flag.place.path},
                                {"line", flag.place.line},
                                {"column", flag.place.column},
                                {"value", flag.value},
                                {"target", flag.target},
                                {"message", flag.message}});
  table.insert("flagged", std::move(flags));
  if (report.hard_limit) table.insert("error", report.hard_limit->to_string());
  return table;
}

toml::table report_table(const BatchResult& result) {
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
                      {"position", static_cast<int64_t>(output.position)},
                      {"milliseconds", output.milliseconds}};
    if (output.status == OutputResult::Status::built) {
      entry.insert("pages", output.pages);
      entry.insert("body_size", output.body_size);
      if (output.fit_passes > 0) entry.insert("fit_passes", output.fit_passes);
      if (output.readability) entry.insert("readability", readability_json(*output.readability));
    }
    if (!output.error.empty()) entry.insert("error", output.error);
    if (!output.fit_sections.empty()) {
      toml::array sections;
      for (const SectionRoom& section : output.fit_sections)
        sections.push_back(toml::table{{"heading", section.heading},
                                       {"line", section.place.line},
                                       {"lines", section.lines},
                                       {"points", section.height},
                                       {"share_of_page", section.share}});
      entry.insert("sections_by_room", std::move(sections));
    }
    outputs.push_back(std::move(entry));
  }
  toml::table root{{"built", result.count(OutputResult::Status::built)},
                   {"up_to_date", result.count(OutputResult::Status::up_to_date)},
                   {"failed", result.count(OutputResult::Status::failed)},
                   {"errors", strings(result.errors)},
                   {"seconds", result.seconds},
                   {"version", HANDOUT_VERSION},
                   {"plan", result.plan},
                   {"outputs", std::move(outputs)}};
  if (result.shard) root.insert("shard", toml::table{{"index", result.shard->index}, {"count", result.shard->count}});
  return root;
}

void write_report_table(const toml::table& report, const std::string& path) {
  std::ostringstream text;
  text << toml::json_formatter{report} << '\n';
  write_file_atomically(path, text.str());
}

void write_report(const BatchResult& result, const std::string& path) { write_report_table(report_table(result), path); }

}  // namespace handout
