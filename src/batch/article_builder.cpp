#include "batch/article_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <optional>

#include "batch/output_failure.h"
#include "image/icc_profile.h"
#include "layout/layout_loader.h"
#include "paint/output_writer.h"
#include "readability/readability_report.h"
#include "typeset/block_selection.h"
#include "typeset/fit_search.h"
#include "typeset/typesetter.h"
#include "util/library_log.h"
#include "util/text.h"

namespace handout {

namespace {

using Clock = std::chrono::steady_clock;

// The PDF date: SOURCE_DATE_EPOCH when the build system sets it, else the article's review date.
std::string pdf_date(const DocumentMetadata& metadata) {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    long long seconds = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0' && seconds >= 0) {
      std::time_t time = static_cast<std::time_t>(seconds);
      std::tm utc{};
      gmtime_r(&time, &utc);
      return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                         utc.tm_hour, utc.tm_min, utc.tm_sec);
    }
  }
  return metadata.reviewed + "T00:00:00Z";
}

}  // namespace

std::vector<OutputResult> ArticleBuilder::report_unchanged(ArticlePlan plan) {
  std::vector<OutputResult> results;
  report_.lines(plan.warnings);
  for (PlannedGroup& group : plan.groups)
    for (OutputResult& output : group.outputs) {
      report_.finished(output);
      results.push_back(std::move(output));
    }
  return results;
}

BuiltArticle ArticleBuilder::build(const FontSet* fonts, ArticlePlan plan) {
  BuiltArticle built;
  report_.lines(plan.warnings);
  for (PlannedGroup& group : plan.groups) {
    const std::size_t first_index = built.results.size();
    const std::size_t pending_before = built.pending.size();
    if (plan.document && group.layout->spec && group.needs_building())
      build_group(*fonts, plan, group, first_index, built.pending);
    // Those being written are reported once committed (finish_writes).
    for (std::size_t k = 0; k < group.outputs.size(); ++k) {
      bool writing = false;
      for (std::size_t w = pending_before; w < built.pending.size(); ++w)
        writing = writing || built.pending[w].index == first_index + k;
      if (!writing) report_.finished(group.outputs[k]);
    }
    built.results.insert(built.results.end(), std::make_move_iterator(group.outputs.begin()),
                         std::make_move_iterator(group.outputs.end()));
  }
  return built;
}

void ArticleBuilder::finish_writes(std::vector<OutputResult>& results, std::vector<PendingWrite>& pending) {
  for (PendingWrite& write : pending) {
    OutputResult& result = results[write.index];
    fail_on_error({&result}, {result.output}, [&] {
      result.files = write.files.get();
      result.status = OutputResult::Status::built;
      state_.record_committed(result);
    });
    report_.finished(result);
  }
  pending.clear();
}

// Typesets once for all the profiles of one article, layout and variant that need building.
// Outputs painted are handed to `pending` (their index: `first_index` + their place in the
// group), to be committed on the disk.
void ArticleBuilder::build_group(const FontSet& fonts, const ArticlePlan& article, PlannedGroup& group,
                                 std::size_t first_index, std::vector<PendingWrite>& pending) {
  if (!group.needs_building()) return;
  const Document& document = *article.document;
  const LayoutSpec& base_layout = *group.layout->spec;
  const Variant& variant = *group.variant;
  std::vector<OutputResult*> to_build;
  for (OutputResult& output : group.outputs)
    if (output.pending()) to_build.push_back(&output);
  auto started = Clock::now();
  Warnings warnings;
  std::vector<std::string> warning_lines;
  // A library's message while this group is set or painted (a Pango warning) is one of its warnings.
  LibraryLogScope library_log({document.path}, warnings);
  std::optional<LayoutSpec> layout;
  std::optional<Typesetter> typesetter;
  std::optional<ReadabilityReport> readability;
  FitOutcome fit;
  Pages pages;
  const bool set = fail_on_error(to_build, {document.path}, [&] {
    layout = variant.text_scale == 1.0 ? base_layout : with_text_scale(base_layout, variant.text_scale);
    for (const std::string& scheme : project_.link_schemes)
      if (std::find(layout->link_schemes.begin(), layout->link_schemes.end(), scheme) == layout->link_schemes.end())
        layout->link_schemes.push_back(scheme);
    typesetter.emplace(fonts, *layout, document, warnings, variant.values, variant.value_places, files_,
                       article.glossary ? &*article.glossary : nullptr);
    ReadabilityMemo& memo = *article.readability_memo;
    typesetter->set_facts([&memo, &document, &article] {
      return memo.facts([&] {
        // What patients read: the blocks marked for clinicians (the key points) are not theirs.
        return readability_values(analyse_readability(blocks_for(document.blocks, Audience::patient), document.path,
                                                      document.metadata.language, {}, article.text, &memo));
      });
    });
    // The pages are set before the text is scored, so that the hyphenation patterns syllables
    // are counted with load meanwhile (the plan asked for them); what is printed and what fails
    // is as if the text had been scored first.
    const std::size_t warnings_before = warnings.items().size();
    std::exception_ptr typesetting_error;
    try {
      if (layout->fit.enabled) {
        // A summary that does not fit is the article's to narrow: the error is placed there.
        const LayoutChoice* choice = layout_choice_for(document, base_layout.name);
        fit = find_fitting_size(*typesetter, layout->fit, document.path,
                                choice ? choice->place : SourcePlace{document.path, 1, 1});
        pages = typesetter->typeset(std::move(fit.fitting));
      } else {
        pages = typesetter->typeset(layout->body.size);
      }
    } catch (...) {
      typesetting_error = std::current_exception();
    }
    // The text this layout sets, against the layout's plain-language target (the words-to-know
    // box is the glossary's text, which readability leaves out).
    readability = analyse_readability(typesetter->selected_blocks(), document.path, document.metadata.language,
                                      layout->readability, article.text, &memo);
    std::vector<std::string> readability_lines;
    for (const ReadabilityFlag& flag : readability->flags)
      readability_lines.push_back(Diagnostic{Severity::warning, flag.place, flag.message}.to_string());
    // Variants change values and sizes, not the text: an article's readability warnings for a
    // layout are printed once per build, and kept in every output's report entry.
    if (report_.first_readability_report(document.path, base_layout.path)) report_.lines(readability_lines);
    if (readability->hard_limit) {
      warnings.keep_first(warnings_before);  // a text over the limit is not set: no warnings of setting it
      throw HandoutError(readability->hard_limit->place, readability->hard_limit->message);
    }
    if (typesetting_error) std::rethrow_exception(typesetting_error);
    pages.info.creator = "handout " HANDOUT_VERSION;
    pages.info.date = pdf_date(document.metadata);
    for (const Diagnostic& warning : warnings.items()) warning_lines.push_back(warning.to_string());
    report_.lines(warning_lines);
    warning_lines.insert(warning_lines.end(), readability_lines.begin(), readability_lines.end());
  });
  if (!set) {
    if (warning_lines.empty()) {  // not printed yet: the failure came while typesetting
      for (const Diagnostic& warning : warnings.items()) warning_lines.push_back(warning.to_string());
      report_.lines(warning_lines);
    }
    return;
  }
  bool dumped = false;
  for (std::size_t i = 0; i < group.profiles.size(); ++i) {
    OutputResult& result = group.outputs[i];
    if (!result.pending()) continue;
    // Any exception, not only ours: this output fails, the group's other profiles go on.
    fail_on_error({&result}, {document.path}, [&] {
      result.warnings.insert(result.warnings.end(), warning_lines.begin(), warning_lines.end());
      if (group.profiles[i] == OutputProfile::archive || group.profiles[i] == OutputProfile::archive_accessible)
        check_layout_icc(layout->output);
      OutputRequest request{group.profiles[i], options_.password,
                            options_.preview_dpi.value_or(layout->output.preview_dpi), layout->output.icc_profile,
                            options_.fixed_randomness_for_tests};
      request.dump_pages = options_.dump_pages && !dumped;  // once for all the profiles
      PreparedOutput prepared = prepare_outputs(pages, group.stem, request);
      dumped = dumped || request.dump_pages;
      result.pages = static_cast<int>(pages.pages.size());
      result.body_size = pages.body_size;
      result.fit_passes = fit.passes;
      result.readability = readability;
      // The disk's part (writes, fsync, rename) runs while this worker sets the next
      // document; the folder is flushed once before each state save.
      pending.push_back({first_index + i, std::async(std::launch::async, [job = std::move(prepared)] {
                           return commit_outputs(job, false);
                         })});
    });
    result.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    started = Clock::now();
  }
}

// The archive profiles' ICC profile: a regular file, inside the project, and ICC for RGB.
void ArticleBuilder::check_layout_icc(const OutputSpec& output) const {
  if (auto problem = regular_file_problem(output.icc_profile))
    throw HandoutError(output.icc_place,
                       fmt::format("ICC profile '{}' {}; the archive profiles need an sRGB profile "
                                   "for their output intent (Debian's icc-profiles-free installs one)",
                                   output.icc_profile, *problem));
  if (auto refused = files_.refusal(output.icc_profile))
    throw HandoutError(output.icc_place, fmt::format("ICC profile '{}' {}", output.icc_profile, *refused));
  check_icc_profile(output.icc_profile, output.icc_place);
}

}  // namespace handout
