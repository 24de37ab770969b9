// Planning: which outputs are skipped because their fingerprints match the build state, and
// which are planned again when one of their inputs changes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "batch/batch_plan.h"
#include "batch/build_state.h"
#include "batch/batch_test_project.h"

using namespace handout;
using namespace handout::test;
namespace fs = std::filesystem;

namespace {

// One planning pass, as a batch makes it, against `state` (and what it knows of the inputs).
std::vector<ArticlePlan> plan_all(const Project& project, const BatchOptions& options, BuildState& state,
                                  const std::string& fonts = "fonts-1") {
  BatchPlan plan(project, options, fonts);
  CHECK(plan.load_layouts().empty());
  plan.lint_layouts();
  plan.take_variant_digests();
  std::vector<ArticlePlan> articles;
  for (std::size_t i = 0; i < project.content.size(); ++i)
    articles.push_back(plan.plan_article(
        project.content[i],
        [&](const std::string& output, const std::string& hash) { return state.up_to_date(output, hash); }, i,
        &state));
  return articles;
}

std::vector<const OutputResult*> outputs_of(const ArticlePlan& article) {
  std::vector<const OutputResult*> outputs;
  for (const PlannedGroup& group : article.groups)
    for (const OutputResult& output : group.outputs) outputs.push_back(&output);
  return outputs;
}

// Records every planned output as built: its file written, its fingerprint in the state.
void record_all(const std::vector<ArticlePlan>& articles, BuildState& state) {
  fs::create_directories(fs::path(articles.front().groups.front().stem).parent_path());
  for (const ArticlePlan& article : articles)
    for (const OutputResult* output : outputs_of(article)) {
      write(output->output, "%PDF " + output->output);
      state.record(output->output, output->inputs_hash, {output->output});
    }
}

bool all(const ArticlePlan& article, OutputResult::Status status, bool pending) {
  for (const OutputResult* output : outputs_of(article))
    if (output->status != status || output->pending() != pending) return false;
  return !outputs_of(article).empty();
}

bool all_planned(const ArticlePlan& article) { return all(article, OutputResult::Status::failed, true); }
bool all_skipped(const ArticlePlan& article) { return all(article, OutputResult::Status::up_to_date, false); }

// Writes `text` over `path` in place (same inode) and sets its modification time back to what
// it was: only the change time (which no program can set) and the bytes tell the edit.
void rewrite_keeping_time(const std::string& path, const std::string& text) {
  const fs::file_time_type modified = fs::last_write_time(path);
  write(path, text);
  fs::last_write_time(path, modified);
}

}  // namespace

TEST_CASE("without a build state every output is planned, named and fingerprinted") {
  BatchTestProject fixture;
  BatchOptions options;
  BuildState empty;
  std::vector<ArticlePlan> articles = plan_all(fixture.project, options, empty);
  REQUIRE(articles.size() == 2);
  for (const ArticlePlan& article : articles) {
    CHECK(article.document);
    REQUIRE(article.groups.size() == 1);
    CHECK(all_planned(article));
  }
  const OutputResult& a = articles[0].groups[0].outputs.at(0);
  CHECK(a.output == (fs::path(fixture.out) / "a.summary.pdf").string());
  CHECK(a.content == fixture.a);
  CHECK(a.profile == "print");
  CHECK(a.inputs_hash.size() == 64);
  CHECK(a.inputs_hash != articles[1].groups[0].outputs.at(0).inputs_hash);
}

TEST_CASE("outputs whose fingerprints and files match the state are skipped; any change plans them again") {
  BatchTestProject fixture;
  BatchOptions options;
  BuildState state;
  record_all(plan_all(fixture.project, options, state), state);
  // Stamps taken in the clock tick the files were written in cannot vouch for their bytes; once
  // the clock has moved on, the next plan compares the bytes and finds the stamps settled.
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  plan_all(fixture.project, options, state);
  REQUIRE(state.recall(fixture.a)->settled);

  SECTION("nothing changed: every output is skipped") {
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) CHECK(all_skipped(article));
  }
  SECTION("a file touched without a change: still skipped") {
    fs::last_write_time(fixture.a, fs::last_write_time(fixture.a) + std::chrono::seconds(5));
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) CHECK(all_skipped(article));
  }
  SECTION("an article unchanged by its stamp is skipped without being parsed") {
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) {
      CHECK(all_skipped(article));
      CHECK_FALSE(article.document);  // decided from the build state alone
    }
  }
  SECTION("an edit of the same size with the modification time set back: planned again") {
    const std::string before = read(fixture.a);
    std::string edited = before;
    edited[edited.find("Rest")] = 'B';  // "Best helps.": same length
    rewrite_keeping_time(fixture.a, edited);
    REQUIRE(fs::file_size(fixture.a) == before.size());
    std::vector<ArticlePlan> articles = plan_all(fixture.project, options, state);
    CHECK(all_planned(articles[0]));
    CHECK(all_skipped(articles[1]));
  }
  SECTION("an article replaced by another file of the same size and time: planned again") {
    const std::string replacement = fixture.a + ".new";
    write(replacement, article_text("Alpho"));
    fs::last_write_time(replacement, fs::last_write_time(fixture.a));
    fs::rename(replacement, fixture.a);
    std::vector<ArticlePlan> articles = plan_all(fixture.project, options, state);
    CHECK(all_planned(articles[0]));
    CHECK(all_skipped(articles[1]));
  }
  SECTION("an edit within the clock tick the stamp was taken in: compared by its bytes, planned again") {
    write(fixture.a, article_text("Alpho"));  // same size as "Alpha"
    // As if the build had read the file in the very tick of this write: the state holds the new
    // stamp for the old bytes, and knows that stamp was too fresh to vouch for them.
    KnownSource known = *state.recall(fixture.a);
    known.stamp = *source_stamp(fixture.a);
    known.settled = false;
    state.remember(fixture.a, known);
    std::vector<ArticlePlan> articles = plan_all(fixture.project, options, state);
    CHECK(all_planned(articles[0]));
    CHECK(all_skipped(articles[1]));
  }
  SECTION("a touched article is compared by its bytes once, then known by its new stamp") {
    fs::last_write_time(fixture.a, fs::last_write_time(fixture.a) + std::chrono::seconds(5));
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) CHECK(all_skipped(article));
    CHECK(state.recall(fixture.a)->stamp == *source_stamp(fixture.a));
  }
  SECTION("an edited image: the outputs of the article that shows it") {
    const std::string image = (fs::path(fixture.a).parent_path() / "figure.png").string();
    write(image, "not yet a picture");
    write(fixture.a, article_text("Alpha") + "\n![A figure](figure.png)\n");
    record_all(plan_all(fixture.project, options, state), state);
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) CHECK(all_skipped(article));
    write(image, "now another picture");
    std::vector<ArticlePlan> articles = plan_all(fixture.project, options, state);
    CHECK(all_planned(articles[0]));
    CHECK(all_skipped(articles[1]));
  }
  SECTION("an edited article: its outputs only") {
    write(fixture.a, article_text("Alpha, edited"));
    std::vector<ArticlePlan> articles = plan_all(fixture.project, options, state);
    CHECK(all_planned(articles[0]));
    CHECK(all_skipped(articles[1]));
  }
  SECTION("an edited layout: every output that uses it") {
    write(fixture.layout, read(fixture.layout) + "\n# edited\n");
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) CHECK(all_planned(article));
  }
  SECTION("other fonts: everything") {
    for (const ArticlePlan& article : plan_all(fixture.project, options, state, "fonts-2"))
      CHECK(all_planned(article));
  }
  SECTION("a variant's value: that variant's outputs") {
    Variant clinic;
    clinic.name = "riverside";
    clinic.values = {{"clinic.name", "Riverside"}};
    fixture.project.variants.push_back(clinic);
    std::vector<ArticlePlan> articles = plan_all(fixture.project, options, state);
    for (const ArticlePlan& article : articles) {
      REQUIRE(article.groups.size() == 2);
      CHECK(article.groups[0].outputs[0].status == OutputResult::Status::up_to_date);
      CHECK(article.groups[1].outputs[0].pending());
      CHECK(article.groups[1].outputs[0].output.ends_with(".summary.riverside.pdf"));
    }
  }
  SECTION("an output file deleted: that output") {
    fs::remove(fs::path(fixture.out) / "b.summary.pdf");
    std::vector<ArticlePlan> articles = plan_all(fixture.project, options, state);
    CHECK(all_skipped(articles[0]));
    CHECK(all_planned(articles[1]));
  }
  SECTION("--force: everything") {
    options.force = true;
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) CHECK(all_planned(article));
  }
  SECTION("another profile: planned under its own name") {
    options.profiles = {OutputProfile::print, OutputProfile::email};
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) {
      std::vector<const OutputResult*> outputs = outputs_of(article);
      REQUIRE(outputs.size() == 2);
      CHECK(outputs[0]->status == OutputResult::Status::up_to_date);
      CHECK(outputs[1]->pending());
      CHECK(outputs[1]->output.ends_with(".summary.email.pdf"));
    }
  }
}

TEST_CASE("an article skipped by its stamp keeps its warnings, and a layout edit plans it in full again") {
  BatchTestProject fixture;
  write(fixture.a, article_text("Alpha") + "\n<div>raw HTML</div>\n");
  BatchOptions options;
  BuildState state;
  std::vector<ArticlePlan> first = plan_all(fixture.project, options, state);
  REQUIRE_FALSE(first[0].warnings.empty());
  record_all(first, state);
  std::vector<ArticlePlan> unchanged = plan_all(fixture.project, options, state);
  CHECK(all_skipped(unchanged[0]));
  CHECK(unchanged[0].warnings == first[0].warnings);
  CHECK(unchanged[0].groups[0].outputs[0].warnings == first[0].groups[0].outputs[0].warnings);
  write(fixture.layout, read(fixture.layout) + "\n# edited\n");
  std::vector<ArticlePlan> edited = plan_all(fixture.project, options, state);
  CHECK(all_planned(edited[0]));
  CHECK(edited[0].document);
  CHECK(edited[0].warnings == first[0].warnings);
}

TEST_CASE("encrypted outputs are always planned, and a password for a profile that cannot encrypt is refused") {
  BatchTestProject fixture;
  BatchOptions options;
  BuildState state;
  options.profiles = {OutputProfile::email};
  record_all(plan_all(fixture.project, options, state), state);
  options.password = "secret";
  for (const ArticlePlan& article : plan_all(fixture.project, options, state)) CHECK(all_planned(article));

  options.profiles = {OutputProfile::print};
  BatchPlan plan(fixture.project, options, "fonts-1");
  plan.load_layouts();
  std::optional<std::string> problem = plan.password_problem();
  REQUIRE(problem);
  CHECK(problem->find("a password encrypts only the email profile, but " + fixture.layout +
                      " would be written as print") != std::string::npos);
}

TEST_CASE("a broken article fails only its own outputs, at its place, and is never skipped") {
  BatchTestProject fixture;
  BatchOptions options;
  BuildState state;
  record_all(plan_all(fixture.project, options, state), state);
  write(fixture.a, "+++\ntitle = \n+++\n\nText.\n");
  std::vector<ArticlePlan> articles = plan_all(fixture.project, options, state);
  CHECK_FALSE(articles[0].document);
  for (const OutputResult* output : outputs_of(articles[0])) {
    CHECK(output->status == OutputResult::Status::failed);
    CHECK(output->error.starts_with(fixture.a + ":2:"));
  }
  CHECK(all_skipped(articles[1]));
}

TEST_CASE("a broken layout is one error, and every output that needs it fails with it") {
  BatchTestProject fixture;
  write(fixture.layout, "[body]\nsize = \"large\"\n");
  BatchOptions options;
  BatchPlan plan(fixture.project, options, "fonts-1");
  std::vector<std::string> errors = plan.load_layouts();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].starts_with(fixture.layout + ":2:"));
  plan.lint_layouts();
  plan.take_variant_digests();
  CHECK(plan.planned_outputs() == 2);
  for (const std::string& content : fixture.project.content) {
    ArticlePlan article = plan.plan_article(content, [](const std::string&, const std::string&) { return false; });
    REQUIRE(article.groups.size() == 1);
    CHECK_FALSE(article.groups[0].needs_building());
    CHECK(article.groups[0].outputs.at(0).error == errors[0]);
  }
}

TEST_CASE("a layout read again with the same bytes is taken as last parsed; other bytes are parsed") {
  BatchTestProject fixture;
  BatchOptions options;
  BatchPlan first(fixture.project, options, "fonts-1");
  REQUIRE(first.load_layouts().empty());
  std::map<std::string, LoadedLayout> kept = first.layouts();
  kept.at(fixture.layout).spec->name = "as kept";  // tells the kept spec from a new parse
  BatchPlan same(fixture.project, options, "fonts-1");
  REQUIRE(same.load_layouts(&kept).empty());
  CHECK(same.layouts().at(fixture.layout).spec->name == "as kept");
  write(fixture.layout, read(fixture.layout) + "\n# edited\n");
  BatchPlan edited(fixture.project, options, "fonts-1");
  REQUIRE(edited.load_layouts(&kept).empty());
  CHECK(edited.layouts().at(fixture.layout).spec->name == "summary");
  CHECK(edited.layouts().at(fixture.layout).digest != kept.at(fixture.layout).digest);
}
