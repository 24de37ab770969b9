// Sharded builds: which shard a group belongs to, what a shard plans, where its state and
// lock live, and how the shards' reports merge.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "batch/batch_builder.h"
#include "batch/batch_plan.h"
#include "batch/batch_test_project.h"
#include "batch/build_report.h"
#include "batch/build_state.h"
#include "batch/font_pool.h"
#include "batch/out_folder_lock.h"
#include "batch/report_merge.h"
#include "batch/shard.h"
#include "batch/state_recorder.h"
#include "support/test_files.h"

using namespace handout;
using namespace handout::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> many_group_names(int count) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.push_back("article-" + std::to_string(i) + ".patient-handout");
  return names;
}

// The outputs a plan lists, by name, with their positions.
std::map<std::string, std::size_t> planned(const Project& project, const BatchOptions& options) {
  BatchPlan plan(project, options, "fonts");
  REQUIRE(plan.load_layouts().empty());
  plan.lint_layouts();
  plan.take_variant_digests();
  std::map<std::string, std::size_t> outputs;
  for (std::size_t i = 0; i < project.content.size(); ++i) {
    if (!plan.builds_any_of(project.content[i])) continue;
    ArticlePlan article =
        plan.plan_article(project.content[i], [](const std::string&, const std::string&) { return false; }, i);
    for (const PlannedGroup& group : article.groups)
      for (const OutputResult& output : group.outputs) outputs.emplace(output.output, output.position);
  }
  return outputs;
}

std::size_t planned_count(const Project& project, const BatchOptions& options) {
  BatchPlan plan(project, options, "fonts");
  plan.load_layouts();
  return plan.planned_outputs();
}

BatchTestProject project_of_articles(int count) {
  BatchTestProject fixture;
  fixture.project.content.clear();
  for (int i = 0; i < count; ++i) {
    std::string path = (fixture.folder.path / ("article-" + std::to_string(i) + ".md")).string();
    write(path, article_text("Article " + std::to_string(i)));
    fixture.project.content.push_back(path);
  }
  Variant large;
  large.name = "large";
  fixture.project.variants.push_back(large);
  return fixture;
}

}  // namespace

TEST_CASE("a group's shard is the SHA-256 of its name, as a number, modulo the count") {
  // SHA-256("abc") begins ba7816bf8f01cfea (FIPS 180-2's test vector): the split is this
  // documented function, the same on every machine, not the standard library's hash.
  const std::uint64_t first_bytes = 0xba7816bf8f01cfeaULL;
  for (int count : {1, 2, 3, 7, 1000, 1000000})
    CHECK(Shard::shard_of("abc", count) == static_cast<int>(first_bytes % static_cast<std::uint64_t>(count)) + 1);
}

TEST_CASE("every group belongs to exactly one shard, and the shards are about the same size") {
  const std::vector<std::string> names = many_group_names(10000);
  for (int count : {1, 2, 3, 7, 16}) {
    std::vector<int> sizes(static_cast<std::size_t>(count), 0);
    for (const std::string& name : names) {
      int owners = 0;
      for (int index = 1; index <= count; ++index)
        if (Shard{index, count}.owns(name)) {
          ++owners;
          ++sizes[static_cast<std::size_t>(index - 1)];
        }
      CHECK(owners == 1);
    }
    const double mean = 10000.0 / count;
    for (int size : sizes) {
      INFO("shards: " << count << ", size " << size);
      CHECK(std::abs(size - mean) < 0.1 * mean);
    }
  }
}

TEST_CASE("K/N is read as whole numbers with 1 <= K <= N") {
  CHECK(parse_shard("1/1") == Shard{1, 1});
  CHECK(parse_shard("3/8") == Shard{3, 8});
  CHECK(parse_shard("1000000/1000000") == Shard{1000000, 1000000});
  for (const char* bad : {"", "1", "0/3", "4/3", "-1/3", "1/0", "1/-2", "a/3", "1/b", "1.5/3", "1/3/5", " 1/3",
                          "1/3 ", "1/1000001", "2/", "/2", "99999999999/99999999999"}) {
    INFO(bad);
    CHECK_FALSE(parse_shard(bad));
  }
  CHECK(Shard{2, 3}.text() == "2/3");
  CHECK(shard_file_name("reports/build.json", Shard{2, 3}) == "reports/build.2-of-3.json");
  CHECK(shard_file_name("out/.handout-state.toml", Shard{1, 4}) == "out/.handout-state.1-of-4.toml");
  CHECK(shard_file_name("report", Shard{1, 2}) == "report.1-of-2");
}

TEST_CASE("the shards of a plan are disjoint, cover it, and keep its positions") {
  BatchTestProject fixture = project_of_articles(12);
  BatchOptions whole;
  const std::map<std::string, std::size_t> all = planned(fixture.project, whole);
  REQUIRE(all.size() == 24);  // 12 articles x (plain + large)
  for (int count : {1, 2, 3, 5}) {
    std::map<std::string, std::size_t> joined;
    std::size_t listed = 0;
    for (int index = 1; index <= count; ++index) {
      BatchOptions options;
      options.shard = Shard{index, count};
      std::map<std::string, std::size_t> part = planned(fixture.project, options);
      CHECK(planned_count(fixture.project, options) == part.size());
      listed += part.size();
      joined.insert(part.begin(), part.end());
    }
    CHECK(listed == all.size());  // no output in two shards
    CHECK(joined == all);         // the same outputs at the same positions
  }
}

TEST_CASE("a group's shard depends on neither the order of the articles nor which others exist") {
  BatchTestProject fixture = project_of_articles(8);
  BatchOptions options;
  options.shard = Shard{2, 3};
  const std::map<std::string, std::size_t> before = planned(fixture.project, options);
  std::set<std::string> names;
  for (const auto& [name, position] : before) names.insert(name);

  Project fewer = fixture.project;
  std::reverse(fewer.content.begin(), fewer.content.end());
  fewer.content.erase(fewer.content.begin() + 2, fewer.content.begin() + 5);  // three articles gone
  std::set<std::string> kept_articles;
  for (const std::string& content : fewer.content) kept_articles.insert(fs::path(content).stem().string());
  std::set<std::string> expected;  // what it planned of the articles still there
  for (const std::string& name : names) {
    const std::string file = fs::path(name).filename().string();
    if (kept_articles.count(file.substr(0, file.find('.')))) expected.insert(name);
  }
  std::set<std::string> after;
  for (const auto& [name, position] : planned(fewer, options)) after.insert(name);
  CHECK(after == expected);
  CHECK_FALSE(after.empty());
}

TEST_CASE("a shard keeps its own build state and trusts the whole build's, which trusts its shards'") {
  Folder folder;
  const std::string out = folder.path.string();
  const std::string a = (folder.path / "a.pdf").string(), b = (folder.path / "b.pdf").string();
  write(a, "%PDF a");
  write(b, "%PDF b");
  OutputResult first;
  first.output = a;
  first.files = {a};
  first.inputs_hash = "hash-a";
  OutputResult second = first;
  second.output = b;
  second.files = {b};
  second.inputs_hash = "hash-b";
  {
    StateRecorder whole(out);
    whole.record_committed(first);
    CHECK(whole.save_remaining().empty());
  }
  {
    StateRecorder shard(out, Shard{2, 3});
    CHECK(shard.up_to_date(a, "hash-a"));  // from the whole build's state
    shard.record_committed(second);
    CHECK(shard.save_remaining().empty());
  }
  CHECK(fs::exists(folder.path / ".handout-state.2-of-3.toml"));
  CHECK_FALSE(BuildState::load(BuildState::path_in(out)).up_to_date(b, "hash-b"));  // not written by the shard
  StateRecorder other_shard(out, Shard{1, 3});
  CHECK_FALSE(other_shard.up_to_date(b, "hash-b"));  // another shard's state is not its own
  StateRecorder whole(out);
  CHECK(whole.up_to_date(a, "hash-a"));
  CHECK(whole.up_to_date(b, "hash-b"));
}

TEST_CASE("where two states record an output, the record of the newer files wins") {
  Folder folder;
  const std::string a = (folder.path / "a.pdf").string();
  write(a, "%PDF old");
  BuildState older;
  older.record(a, "hash-old", {a});
  fs::last_write_time(a, fs::last_write_time(a) + std::chrono::seconds(10));
  write(a, "%PDF newer");
  BuildState newer;
  newer.record(a, "hash-new", {a});
  BuildState merged = older;
  merged.merge_newer(newer);
  CHECK(merged.up_to_date(a, "hash-new"));
  BuildState other_way = newer;
  other_way.merge_newer(older);
  CHECK(other_way.up_to_date(a, "hash-new"));
}

TEST_CASE("shards share the output folder, a build of every output waits for them, and each shard runs once") {
  Folder folder;
  const std::string out = folder.path.string();
  std::ostringstream messages;
  {
    OutFolderLock first(out, std::chrono::milliseconds(0), messages, Shard{1, 2});
    OutFolderLock second(out, std::chrono::milliseconds(0), messages, Shard{2, 2});  // at once
    CHECK(messages.str().empty());
    std::string whole = error_of([&] { OutFolderLock lock(out, std::chrono::milliseconds(100), messages); });
    CHECK(whole.find("another build of " + out + " (sharded builds) still holds the output folder") !=
          std::string::npos);
    std::string again = error_of([&] { OutFolderLock lock(out, std::chrono::milliseconds(100), messages, Shard{2, 2}); });
    CHECK(again.find("another build of shard 2/2 of " + out + " (pid " + std::to_string(::getpid()) +
                     ") still holds the output folder") != std::string::npos);
  }
  {
    OutFolderLock whole(out, std::chrono::milliseconds(0), messages);
    std::string shard = error_of([&] { OutFolderLock lock(out, std::chrono::milliseconds(100), messages, Shard{1, 2}); });
    CHECK(shard.find("another build of " + out + " (pid " + std::to_string(::getpid()) + ")") != std::string::npos);
  }
  OutFolderLock after(out, std::chrono::milliseconds(0), messages, Shard{1, 2});  // all released
}

TEST_CASE("a shard removes only old temporary files: a process id says nothing on another machine") {
  Folder folder;
  // A pid that no process has here (above the kernel's maximum), as a shard elsewhere might.
  const fs::path recent = folder.path / "a.pdf.tmp-999999999-abcdef";
  const fs::path old = folder.path / "b.pdf.tmp-999999999-abcdef";
  write(recent, "partial");
  write(old, "partial");
  fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::hours(2));
  CHECK(remove_stale_temporaries(folder.path, std::chrono::minutes(60), false) == 1);
  CHECK(fs::exists(recent));
  CHECK_FALSE(fs::exists(old));
  CHECK(remove_stale_temporaries(folder.path, std::chrono::minutes(60), true) == 1);  // one build: its process is gone
  CHECK_FALSE(fs::exists(recent));
}

namespace {

OutputResult output_at(const std::string& name, std::size_t position, OutputResult::Status status) {
  OutputResult output;
  output.output = name;
  output.files = {name};
  output.content = "content/x.md";
  output.layout = "layouts/l.toml";
  output.profile = "print";
  output.inputs_hash = "h-" + name;
  output.status = status;
  output.position = position;
  output.milliseconds = static_cast<double>(position) + 0.5;
  if (status == OutputResult::Status::built) output.pages = 2;
  if (status == OutputResult::Status::failed) output.error = name + ": error: broken";
  return output;
}

// The report of a build whose outputs are o0..o5 at positions 0..5; the shard of `shard` lists
// those of `positions`.
BatchResult result_of(std::optional<Shard> shard, const std::vector<std::size_t>& positions,
                      std::string plan = "plan-1") {
  BatchResult result;
  result.plan = plan;
  result.shard = shard;
  result.seconds = 1.0 + (shard ? shard->index : 0);
  for (std::size_t position : positions)
    result.outputs.push_back(output_at("out/o" + std::to_string(position) + ".pdf", position,
                                       position == 4 ? OutputResult::Status::failed
                                       : position == 1 ? OutputResult::Status::up_to_date
                                                       : OutputResult::Status::built));
  return result;
}

std::string written(const Folder& folder, const std::string& name, const BatchResult& result) {
  std::string path = (folder.path / name).string();
  write_report(result, path);
  return path;
}

// The JSON text of a report table, without the timings.
std::string without_timings(const toml::table& report) {
  toml::table copy = report;
  copy.erase("seconds");
  if (toml::array* outputs = copy["outputs"].as_array())
    for (toml::node& output : *outputs) output.as_table()->erase("milliseconds");
  std::ostringstream text;
  text << toml::json_formatter{copy};
  return text.str();
}

}  // namespace

TEST_CASE("the shards' reports merge into the whole build's report, in its order, apart from timings") {
  Folder folder;
  BatchResult whole = result_of(std::nullopt, {0, 1, 2, 3, 4, 5});
  const std::string second = written(folder, "r.2-of-2.json", result_of(Shard{2, 2}, {1, 2, 5}));
  const std::string first = written(folder, "r.1-of-2.json", result_of(Shard{1, 2}, {0, 3, 4}));
  toml::table merged = merge_reports({second, first});
  CHECK(without_timings(merged) == without_timings(report_table(whole)));
  CHECK(merged["built"].value<int64_t>() == 4);
  CHECK(merged["failed"].value<int64_t>() == 1);
  CHECK(merged["seconds"].value<double>() == 3.0);  // the longest shard's
  CHECK_FALSE(merged.contains("shard"));
  // Written as a build writes its report.
  const std::string path = (folder.path / "merged.json").string();
  write_report_table(merged, path);
  CHECK(merge_reports({path}) == merged);
}

TEST_CASE("reports that are not the shards of one build are refused, naming the report") {
  Folder folder;
  const std::string first = written(folder, "r.1-of-2.json", result_of(Shard{1, 2}, {0, 3, 4}));
  const std::string second = written(folder, "r.2-of-2.json", result_of(Shard{2, 2}, {1, 2, 5}));
  auto refusal = [&](const std::vector<std::string>& paths) { return error_of([&] { merge_reports(paths); }); };

  CHECK(refusal({first}) == "handout: error: shard 2/2 is missing: give the reports of all 2 shards");
  CHECK(refusal({first, first}).find("r.1-of-2.json: error: the report of shard 1/2, as ") != std::string::npos);
  const std::string other_build = written(folder, "other.json", result_of(Shard{2, 2}, {1, 2, 5}, "plan-2"));
  CHECK(refusal({first, other_build}).find("other.json: error: a report of another build than ") != std::string::npos);
  const std::string third = written(folder, "r.1-of-3.json", result_of(Shard{1, 3}, {0}));
  CHECK(refusal({first, second, third}).find("r.1-of-3.json: error: the report of shard 1/3, but ") !=
        std::string::npos);
  const std::string overlapping = written(folder, "overlap.json", result_of(Shard{2, 2}, {1, 2, 3, 5}));
  CHECK(refusal({first, overlapping}).find("out/o3.pdf is in this report and in ") != std::string::npos);

  std::string text = read(second);
  write(folder.path / "old.json", std::regex_replace(text, std::regex(R"("version" : "[^"]*")"), R"("version" : "0.0.1")"));
  CHECK(refusal({first, (folder.path / "old.json").string()}).find("written by handout 0.0.1, but ") !=
        std::string::npos);
  write(folder.path / "broken.json", "{\n  \"built\": 1,\n  oops\n}\n");
  CHECK(refusal({(folder.path / "broken.json").string()}).find("broken.json:3:3: error: not valid JSON") !=
        std::string::npos);
  write(folder.path / "no-plan.json", "{\"outputs\": [], \"errors\": [], \"version\": \"0.1.0\"}");
  CHECK(refusal({(folder.path / "no-plan.json").string()}).find("not the report of a handout build (no \"plan\"") !=
        std::string::npos);
  CHECK(refusal({(folder.path / "missing.json").string()}).find("missing.json") != std::string::npos);
}

TEST_CASE("a shard's no-change plan comes from the stamps, lists only its groups, and numbers them as the whole build") {
  BatchTestProject fixture = project_of_articles(12);
  fs::create_directories(fixture.out);
  BuildState state;
  const UpToDate up_to_date = [&](const std::string& output, const std::string& hash) {
    return state.up_to_date(output, hash);
  };
  auto ready = [](BatchPlan& plan) {
    REQUIRE(plan.load_layouts().empty());
    plan.lint_layouts();
    plan.take_variant_digests();
  };
  // The whole build, every output written and recorded, and every article's stamp known.
  std::map<std::string, std::size_t> all;
  {
    BatchOptions whole;
    BatchPlan plan(fixture.project, whole, "fonts");
    ready(plan);
    for (std::size_t i = 0; i < fixture.project.content.size(); ++i)
      for (const PlannedGroup& group : plan.plan_article(fixture.project.content[i], up_to_date, i, &state).groups)
        for (const OutputResult& output : group.outputs) {
          write(output.output, "%PDF " + output.output);
          state.record(output.output, output.inputs_hash, {output.output});
          all.emplace(output.output, output.position);
        }
  }
  REQUIRE(all.size() == 24);
  for (int count : {2, 3}) {
    INFO(count << " shards");
    std::map<std::string, std::size_t> joined;
    std::size_t listed = 0;
    for (int index = 1; index <= count; ++index) {
      BatchOptions options;
      options.shard = Shard{index, count};
      BatchPlan plan(fixture.project, options, "fonts");
      ready(plan);
      for (std::size_t i = 0; i < fixture.project.content.size(); ++i) {
        if (!plan.builds_any_of(fixture.project.content[i])) continue;
        std::optional<ArticlePlan> unchanged = plan.plan_unchanged(fixture.project.content[i], up_to_date, i, state);
        REQUIRE(unchanged);
        CHECK_FALSE(unchanged->document);  // not parsed
        for (const PlannedGroup& group : unchanged->groups)
          for (const OutputResult& output : group.outputs) {
            CHECK(output.status == OutputResult::Status::up_to_date);
            joined.emplace(output.output, output.position);
            ++listed;
          }
      }
    }
    CHECK(listed == all.size());
    CHECK(joined == all);
  }

  // An output of another shard's group that is gone stops only that shard's no-change plan.
  BatchOptions first, second;
  first.shard = Shard{1, 2};
  second.shard = Shard{2, 2};
  BatchPlan first_plan(fixture.project, first, "fonts"), second_plan(fixture.project, second, "fonts");
  ready(first_plan);
  ready(second_plan);
  std::size_t shared = fixture.project.content.size();
  for (std::size_t i = 0; i < fixture.project.content.size() && shared == fixture.project.content.size(); ++i)
    if (first_plan.builds_any_of(fixture.project.content[i]) && second_plan.builds_any_of(fixture.project.content[i]))
      shared = i;
  REQUIRE(shared < fixture.project.content.size());  // an article with a group in each shard
  const std::string& article = fixture.project.content[shared];
  std::optional<ArticlePlan> seconds = second_plan.plan_unchanged(article, up_to_date, shared, state);
  REQUIRE(seconds);
  REQUIRE(seconds->groups.size() == 1);
  fs::remove(seconds->groups[0].outputs[0].output);
  CHECK_FALSE(second_plan.plan_unchanged(article, up_to_date, shared, state));
  std::optional<ArticlePlan> firsts = first_plan.plan_unchanged(article, up_to_date, shared, state);
  REQUIRE(firsts);
  REQUIRE(firsts->groups.size() == 1);
  CHECK(firsts->groups[0].outputs[0].status == OutputResult::Status::up_to_date);
}

TEST_CASE("an input's stamp a shard recorded serves the whole build and the shards, and the later stamp wins") {
  KnownSource older;
  older.stamp = SourceStamp{120, 1000, 1000, 7, 1};
  older.settled = true;
  older.digest = "digest-old";
  older.article = true;
  older.context = "layouts";
  KnownSource newer = older;
  newer.stamp.modified_ns = newer.stamp.changed_ns = 2000;
  newer.digest = "digest-new";
  const std::string path = "content/a.md";
  BuildState has_older, has_newer;
  has_older.remember(path, older);
  has_newer.remember(path, newer);
  BuildState merged = has_older;
  merged.merge_newer(has_newer);
  CHECK(merged.recall(path) == newer);
  merged = has_newer;
  merged.merge_newer(has_older);
  CHECK(merged.recall(path) == newer);
  // The same stamp: the record that vouches for the bytes without reading them wins.
  KnownSource unsettled = newer;
  unsettled.settled = false;
  BuildState has_unsettled;
  has_unsettled.remember(path, unsettled);
  merged = has_unsettled;
  merged.merge_newer(has_newer);
  CHECK(merged.recall(path) == newer);
  merged = has_newer;
  merged.merge_newer(has_unsettled);
  CHECK(merged.recall(path) == newer);

  // Through the saved states: a shard's stamps reach a build of every output, and its stamps
  // reach the shards.
  Folder folder;
  const std::string out = folder.path.string();
  {
    StateRecorder shard(out, Shard{1, 2});
    shard.remember(path, newer);
    CHECK(shard.save_remaining().empty());
  }
  {
    StateRecorder whole(out);
    CHECK(whole.recall(path) == newer);
    whole.remember("content/b.md", older);
    CHECK(whole.save_remaining().empty());
  }
  StateRecorder other_shard(out, Shard{2, 2});
  CHECK(other_shard.recall("content/b.md") == older);
}

TEST_CASE("a shard neither builds, reads nor stamps the articles it has no group of") {
  BatchTestProject fixture;  // one layout, one variant: an article is one group
  for (int i = 0; i < 4; ++i) {
    std::string path = (fixture.folder.path / ("article-" + std::to_string(i) + ".md")).string();
    write(path, article_text("Article " + std::to_string(i)));
    fixture.project.content.push_back(path);
  }
  BatchOptions first, second;
  first.shard = Shard{1, 2};
  second.shard = Shard{2, 2};
  first.quiet = second.quiet = true;
  std::vector<std::string> mine, others;
  {
    BatchPlan plan(fixture.project, first, "fonts");
    REQUIRE(plan.load_layouts().empty());
    for (const std::string& content : fixture.project.content)
      (plan.builds_any_of(content) ? mine : others).push_back(content);
  }
  REQUIRE_FALSE(mine.empty());
  REQUIRE_FALSE(others.empty());
  FontPool fonts(HANDOUT_SOURCE_DIR "/fonts");
  std::ostringstream output, errors;
  auto outputs_of = [](const BatchResult& result) {
    std::set<std::string> articles;
    for (const OutputResult& entry : result.outputs) articles.insert(entry.content);
    return articles;
  };
  const std::string first_state = shard_file_name(BuildState::path_in(fixture.out), Shard{1, 2});
  auto first_knows = [&](const std::string& article) {
    return BuildState::load(first_state).recall(article).has_value();
  };
  BatchResult built = run_batch(fixture.project, first, fonts, output, errors);
  INFO(errors.str());
  CHECK(built.ok());
  CHECK(built.count(OutputResult::Status::built) == static_cast<int>(mine.size()));
  CHECK(outputs_of(built) == std::set<std::string>(mine.begin(), mine.end()));
  for (const std::string& article : mine) CHECK(first_knows(article));
  for (const std::string& article : others) CHECK_FALSE(first_knows(article));
  REQUIRE(run_batch(fixture.project, second, fonts, output, errors).ok());

  // Another shard's article edited, even broken: no concern of this shard's no-change rebuild.
  write(others.front(), "+++\ntitle = \n");
  BatchResult again = run_batch(fixture.project, first, fonts, output, errors);
  CHECK(again.ok());
  CHECK(again.count(OutputResult::Status::up_to_date) == static_cast<int>(mine.size()));
  CHECK(again.count(OutputResult::Status::built) == 0);
  for (const std::string& article : others) CHECK_FALSE(first_knows(article));
  // The whole build's no-change rebuild trusts the shards' states (but for the edited article).
  write(others.front(), article_text("Edited"));
  BatchOptions every;
  every.quiet = true;
  BatchResult whole = run_batch(fixture.project, every, fonts, output, errors);
  CHECK(whole.ok());
  CHECK(whole.count(OutputResult::Status::built) == 1);
  CHECK(whole.count(OutputResult::Status::up_to_date) == static_cast<int>(fixture.project.content.size()) - 1);
}
