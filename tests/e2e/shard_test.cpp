// Sharded builds end to end: N processes (at once, into one folder) build exactly what one
// build of every output builds, byte for byte and each output once, and their merged report is
// that build's report apart from timings.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

// Five short articles, both bundled layouts, a plain and a large-print build of each.
struct ShardProject {
  TempFolder root;
  ShardProject() {
    fs::create_directories(root / "content");
    fs::create_directories(root / "layouts");
    const char* topics[] = {"Sleep", "Walking", "Water", "Fruit", "Breathing"};
    for (const char* topic : topics) {
      std::string name = topic;
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      write_text(root / ("content/" + name + ".md"),
                 "+++\ntitle = \"" + std::string(topic) +
                     " and your health\"\nlanguage = \"en\"\nreviewed = 2026-11-20\norganisation = \"Test "
                     "Clinic\"\n+++\n\n# " + topic + " and your health\n\n" + topic +
                     " helps you feel well. Ask your nurse what suits you.\n\n## What to do\n\n- Start slowly.\n"
                     "- Keep a diary.\n\n## When to call\n\nCall the clinic if you feel unwell.\n");
    }
    for (const char* layout : {"patient-handout.toml", "clinician-summary.toml"})
      fs::copy_file(source_dir + "/layouts/" + layout, root / (std::string("layouts/") + layout));
    write_text(root / "handout.toml",
               "content = [\"content\"]\nlayouts = [\"patient-handout\", \"clinician-summary\"]\n"
               "[variants.large]\nlayouts = [\"patient-handout\"]\ntext_scale = 1.4\n");
  }

  std::vector<std::string> build_command(const std::vector<std::string>& extra) const {
    std::vector<std::string> command{binary,    "build",     "--fonts",     source_dir + "/fonts", "--profile",
                                     "print",   "--profile", "preview",     "--dump-pages",        "--quiet",
                                     "--jobs",  "1",         "--report",    "report.json"};
    command.insert(command.end(), extra.begin(), extra.end());
    return command;
  }

  ProcessResult run(const std::vector<std::string>& arguments) const {
    std::string line = "cd ";
    line.append(quote(root.path())).append(" &&");
    for (const std::string& argument : arguments) line.append(" ").append(quote(argument));
    return run_command(line);
  }
};

std::map<std::string, std::string> files_in(const std::string& folder) {
  std::map<std::string, std::string> files;
  for (const std::string& name : output_files(folder)) files[name] = read_bytes(folder + "/" + name);
  return files;
}

Json read_json(const std::string& path) { return Json::parse(read_bytes(path)); }

Json without_timings(Json report) {
  report.erase("seconds");
  for (Json& output : report["outputs"]) output.erase("milliseconds");
  return report;
}

}  // namespace

TEST_CASE("N shards build exactly the outputs of one build, each once, and their reports merge into its report") {
  ShardProject project;
  ProcessResult whole = project.run(project.build_command({}));
  INFO(whole.out << whole.err);
  REQUIRE(whole.exit_code == 0);
  const std::map<std::string, std::string> expected = files_in(project.root / "out");
  // 5 articles x (2 layouts + the large-print handout), in print and preview, with page dumps.
  REQUIRE(expected.size() > 15 * 2);
  const Json whole_report = read_json(project.root / "report.json");
  REQUIRE(whole_report["built"] == 30);
  fs::rename(project.root / "out", project.root / "out-whole");

  for (int count : {1, 2, 3}) {
    INFO(count << " shards");
    {
      std::vector<std::string> shard_args;
      for (int index = 1; index <= count; ++index) shard_args.push_back(std::to_string(index) + "/" + std::to_string(count));
      if (count < 3) {
        for (const std::string& shard : shard_args) {
          ProcessResult result = project.run(project.build_command({"--shard", shard}));
          INFO(result.out << result.err);
          REQUIRE(result.exit_code == 0);
        }
      } else {
        // At once, into one folder, as N machines on shared storage would.
        std::vector<std::unique_ptr<BackgroundProcess>> running;
        for (const std::string& shard : shard_args) {
          std::string tag = shard.substr(0, 1);
          running.push_back(std::make_unique<BackgroundProcess>(project.build_command({"--shard", shard}),
                                                                project.root.path(), project.root / ("shard" + tag + ".out"),
                                                                project.root / ("shard" + tag + ".err")));
        }
        for (auto& process : running) {
          std::optional<int> status = process->wait_for_exit(300);
          INFO(read_bytes(project.root / "shard1.err") << read_bytes(project.root / "shard2.err"));
          REQUIRE(status == 0);
        }
      }
      // Exactly the files of the whole build, byte for byte.
      const std::map<std::string, std::string> built = files_in(project.root / "out");
      std::set<std::string> built_names, expected_names;
      for (const auto& [name, bytes] : built) built_names.insert(name);
      for (const auto& [name, bytes] : expected) expected_names.insert(name);
      CHECK(built_names == expected_names);
      for (const auto& [name, bytes] : expected) {
        INFO(name);
        CHECK((built.count(name) && built.at(name) == bytes));
      }
      // Each output built by one shard only, and each shard kept a state of its own.
      std::vector<std::string> reports;
      std::multiset<std::string> built_files;
      int built_count = 0;
      for (int index = 1; index <= count; ++index) {
        const std::string tag = std::to_string(index) + "-of-" + std::to_string(count);
        reports.push_back(project.root / ("report." + tag + ".json"));
        Json report = read_json(reports.back());
        CHECK(report["shard"]["index"] == index);
        CHECK(report["failed"] == 0);
        built_count += report["built"].get<int>();
        for (const Json& output : report["outputs"])
          for (const Json& file : output["files"]) built_files.insert(file.get<std::string>());
        CHECK(fs::exists(project.root / ("out/.handout-state." + tag + ".toml")));
      }
      CHECK(built_count == 30);
      for (const std::string& file : built_files) CHECK(built_files.count(file) == 1);
      // The merged report is the whole build's, but for timings.
      std::vector<std::string> merge{binary, "report", "merge", "--out", "merged.json"};
      merge.insert(merge.end(), reports.rbegin(), reports.rend());  // in any order
      ProcessResult merged = project.run(merge);
      INFO(merged.out << merged.err);
      REQUIRE(merged.exit_code == 0);
      CHECK(merged.out == "merged " + std::to_string(count) + " reports into merged.json: 30 built, 0 up to date, 0 failed\n");
      CHECK(without_timings(read_json(project.root / "merged.json")) == without_timings(whole_report));
      // Built again, each shard finds its outputs up to date.
      ProcessResult again = project.run(project.build_command({"--shard", shard_args.back()}));
      CHECK(again.out.find(" 0 built, ") != std::string::npos);
      CHECK(again.out.find(" 0 up to date") == std::string::npos);
      fs::remove_all(project.root / "out");
    }
  }
}

TEST_CASE("a bad --shard is a usage error, and reports of different builds do not merge") {
  ShardProject project;
  ProcessResult bad = project.run({binary, "build", "--shard", "4/3"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.starts_with("handout: --shard takes K/N, whole numbers with 1 <= K <= N"));
  CHECK_FALSE(fs::exists(project.root / "out"));

  REQUIRE(project.run(project.build_command({"--shard", "1/2"})).exit_code == 0);
  REQUIRE(project.run(project.build_command({"--shard", "2/2", "--no-project"})).exit_code == 0);
  ProcessResult refused = project.run({binary, "report", "merge", "report.1-of-2.json", "report.2-of-2.json"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err == "report.2-of-2.json: error: a report of another build than report.1-of-2.json (their "
                       "articles, layouts, variants, profiles or output folders differ)\n");
  CHECK(refused.out.empty());
}
