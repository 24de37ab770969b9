#include "cli/check_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <set>

#include "batch/build_report.h"
#include "cli/build_command.h"
#include "content/content_loader.h"
#include "content/glossary.h"
#include "layout/layout_lint.h"
#include "layout/layout_loader.h"
#include "readability/readability_report.h"
#include "typeset/block_selection.h"
#include "typeset/glossary_marking.h"
#include "typeset/link_policy.h"
#include "util/atomic_file.h"
#include "util/text.h"

namespace handout {

namespace {

// "sentences 41, words 912, syllables 1602, polysyllables 140; FK grade 12.6, reading ease 30, SMOG 13.9"
std::string figures(const ReadabilityReport& report) {
  const ReadabilityScores& s = report.scores;
  std::string line = fmt::format("{} sentences, {} words, {} syllables, {} polysyllables", s.counts.sentences,
                                 s.counts.words, s.counts.syllables, s.counts.polysyllables);
  if (s.grade) line += fmt::format("; FK grade {:.1f}, reading ease {:.1f}, SMOG {:.1f}", *s.grade, *s.reading_ease, *s.smog);
  if (s.inflesz) line += fmt::format("; INFLESZ {:.1f} ({})", *s.inflesz, inflesz_band(*s.inflesz));
  if (s.scale == ReadabilityScale::none) line += "; " + report.summary();
  return line;
}

class Check {
 public:
  Check(std::ostream& output, std::ostream& errors, bool quiet) : output_(output), errors_(errors), quiet_(quiet) {}

  int run(const Project& project) {
    std::vector<std::pair<std::string, std::optional<LayoutSpec>>> layouts;
    for (const std::string& path : layout_paths(project)) {
      try {
        if (auto problem = regular_file_problem(path)) throw HandoutError({path}, "layout file " + *problem);
        layouts.emplace_back(path, load_layout(path));
      } catch (...) {
        fail(current_exception_diagnostic({path}).to_string());
        layouts.emplace_back(path, std::nullopt);
      }
    }
    lint(project, layouts);
    for (const std::string& content : project.content) check_article(project, content, layouts);
    return failed_ ? 1 : 0;
  }

 private:
  // Variants change values and sizes, not the text: each layout is checked once.
  static std::vector<std::string> layout_paths(const Project& project) {
    std::vector<std::string> paths;
    std::set<std::string> seen;
    auto add = [&](const std::string& path) {
      if (seen.insert(path).second) paths.push_back(path);
    };
    for (const Variant& variant : project.variants)
      for (const std::string& path : variant.layouts ? *variant.layouts : project.layouts) add(path);
    if (project.variants.empty())
      for (const std::string& path : project.layouts) add(path);
    return paths;
  }

  // Each layout as each variant sets it, as a build lints it; a finding is printed once.
  void lint(const Project& project, const std::vector<std::pair<std::string, std::optional<LayoutSpec>>>& layouts) {
    std::set<std::string> printed;
    for (const Variant& variant : project.variants)
      for (const auto& [layout_path, layout] : layouts) {
        if (!layout) continue;
        if (variant.layouts &&
            std::find(variant.layouts->begin(), variant.layouts->end(), layout_path) == variant.layouts->end())
          continue;
        LayoutSpec scaled = variant.text_scale == 1.0 ? *layout : with_text_scale(*layout, variant.text_scale);
        for (const Diagnostic& finding : lint_layout(scaled, {variant.large_print, variant.scale_place})) {
          if (!printed.insert(finding.to_string()).second) continue;
          if (finding.severity == Severity::error)
            fail(finding.to_string());
          else
            errors_ << finding.to_string() << '\n';
        }
      }
  }

  // The glossary an article's layouts would mark it with, read once per file.
  const Glossary* glossary_for(const Project& project, const std::string& article) {
    const std::string path = glossary_path_for(project, article);
    if (path.empty()) return nullptr;
    auto found = glossaries_.find(path);
    if (found == glossaries_.end()) {
      std::optional<Glossary> glossary;
      try {
        glossary = parse_glossary(read_file(path), path);
      } catch (...) {
        fail(current_exception_diagnostic({path}).to_string());
      }
      found = glossaries_.emplace(path, std::move(glossary)).first;
    }
    return found->second ? &*found->second : nullptr;
  }

  void check_article(const Project& project, const std::string& path,
                     const std::vector<std::pair<std::string, std::optional<LayoutSpec>>>& layouts) {
    const std::vector<std::string>& extra_schemes = project.link_schemes;
    std::string article;
    Document document;
    try {
      if (auto problem = regular_file_problem(path)) throw HandoutError({path}, "article " + *problem);
      article = read_file(path);
      Warnings warnings;
      document = parse_document(path, article, warnings);
      std::vector<const LayoutSpec*> loaded;
      for (const auto& [layout_path, layout] : layouts)
        if (layout) loaded.push_back(&*layout);
      check_article_choices(document, loaded, warnings);
      print(warnings);
    } catch (...) {
      fail(current_exception_diagnostic({path}).to_string());
      return;
    }
    ReadabilityMemo readability_memo;  // the article's paragraphs, measured once for all its layouts
    for (const auto& [layout_path, layout] : layouts) {
      if (!layout) continue;
      try {
        std::vector<std::string> schemes = layout->link_schemes;
        for (const std::string& scheme : extra_schemes)
          if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end()) schemes.push_back(scheme);
        check_link_schemes(document.blocks, schemes);
        Warnings warnings;
        std::vector<Block> selected = select_for_layout(document, *layout, warnings);
        if (selected.empty())
          throw HandoutError({layout_path}, fmt::format("the layout's [select] rules keep nothing of {}", path));
        unlink_relative_links(selected, schemes, warnings);
        // The words-to-know marking warns of watched words without an entry, as a build does.
        if (layout->glossary.enabled)
          if (const Glossary* glossary = glossary_for(project, path)) {
            std::vector<Block> marked = selected;
            mark_glossary_terms(marked, *glossary, warnings, article);
          }
        ReadabilityReport report =
            analyse_readability(selected, path, document.metadata.language, layout->readability, article,
                                &readability_memo);
        for (const ReadabilityFlag& flag : report.flags) warnings.add(flag.place, flag.message);
        print(warnings);
        if (report.hard_limit) fail(report.hard_limit->to_string());
        if (!quiet_)
          output_ << fmt::format("{} with {}: {} ({})\n", path, layout->name, report.summary(), figures(report));
      } catch (...) {
        fail(current_exception_diagnostic({path}).to_string());
      }
    }
  }

  void print(const Warnings& warnings) {
    for (const Diagnostic& warning : warnings.items()) errors_ << warning.to_string() << '\n';
  }

  void fail(const std::string& line) {
    errors_ << line << '\n';
    failed_ = true;
  }

  std::ostream& output_;
  std::ostream& errors_;
  bool quiet_;
  bool failed_ = false;
  std::map<std::string, std::optional<Glossary>> glossaries_;
};

}  // namespace

int run_check(const BuildOptions& options, std::ostream& output, std::ostream& errors) {
  try {
    Project project = project_for(options);
    return Check(output, errors, options.quiet).run(project);
  } catch (...) {
    errors << current_exception_diagnostic({}).to_string() << '\n';
    return 1;
  }
}

}  // namespace handout
