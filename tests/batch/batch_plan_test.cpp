// Planning: which outputs are skipped because their fingerprints match the build state, and
// which are planned again when one of their inputs changes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "batch/batch_plan.h"
#include "batch/build_state.h"
#include "batch/batch_test_project.h"

using namespace handout;
using namespace handout::test;
namespace fs = std::filesystem;

namespace {

// One planning pass, as a batch makes it, against `state`.
std::vector<ArticlePlan> plan_all(const Project& project, const BatchOptions& options, const BuildState& state,
                                  const std::string& fonts = "fonts-1") {
  BatchPlan plan(project, options, fonts);
  CHECK(plan.load_layouts().empty());
  plan.lint_layouts();
  plan.take_variant_digests();
  std::vector<ArticlePlan> articles;
  for (const std::string& content : project.content)
    articles.push_back(plan.plan_article(
        content, [&](const std::string& output, const std::string& hash) { return state.up_to_date(output, hash); }));
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

}  // namespace

TEST_CASE("without a build state every output is planned, named and fingerprinted") {
  BatchTestProject fixture;
  BatchOptions options;
  std::vector<ArticlePlan> articles = plan_all(fixture.project, options, BuildState{});
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

  SECTION("nothing changed: every output is skipped") {
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) CHECK(all_skipped(article));
  }
  SECTION("a file touched without a change: still skipped") {
    fs::last_write_time(fixture.a, fs::last_write_time(fixture.a) + std::chrono::seconds(5));
    for (const ArticlePlan& article : plan_all(fixture.project, options, state)) CHECK(all_skipped(article));
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
