#include "batch/batch_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "batch/input_hash.h"
#include "batch/output_failure.h"
#include "content/content_loader.h"
#include "layout/layout_lint.h"
#include "layout/layout_loader.h"
#include "paint/output_writer.h"
#include "readability/readability_report.h"
#include "readability/syllable_counter.h"
#include "typeset/block_selection.h"
#include "util/text.h"

namespace handout {

namespace fs = std::filesystem;

namespace {

void collect_images(const std::vector<Block>& blocks, std::vector<std::string>& images) {
  for (const Block& block : blocks) {
    if (!block.image_path.empty()) images.push_back(block.image_path);
    collect_images(block.children, images);
  }
}

// ARTICLE.LAYOUT[.VARIANT]: the name of a group's files in the output folder, and what a shard
// is chosen by.
std::string group_name(const std::string& content_path, const std::string& layout_file, const Variant& variant) {
  std::string name = fs::path(content_path).stem().string() + "." + fs::path(layout_file).stem().string();
  if (!variant.name.empty()) name += "." + variant.name;
  return name;
}

}  // namespace

bool PlannedGroup::needs_building() const {
  return std::any_of(outputs.begin(), outputs.end(), [](const OutputResult& output) { return output.pending(); });
}

BatchPlan::BatchPlan(const Project& project, const BatchOptions& options, std::string fonts_fingerprint)
    : project_(project), options_(options), fonts_fingerprint_(std::move(fonts_fingerprint)) {}

// A broken layout is reported once; the outputs that need it fail with the same message.
std::vector<std::string> BatchPlan::load_layouts(const std::map<std::string, LoadedLayout>* kept) {
  std::vector<std::string> errors;
  std::vector<std::string> paths = project_.layouts;
  for (const Variant& variant : project_.variants)
    if (variant.layouts) paths.insert(paths.end(), variant.layouts->begin(), variant.layouts->end());
  for (const std::string& path : paths) {
    if (layouts_.count(path)) continue;
    LoadedLayout& loaded = layouts_[path];
    loaded.path = path;
    std::optional<std::string> error = error_of({path}, [&] {
      // The fingerprint is of the very bytes the layout is read from, so an edit made while
      // the batch runs is never recorded as built.
      std::string text = read_file(path);
      loaded.digest = InputHash().add(path).add(text).hex();
      auto same = kept ? kept->find(path) : std::map<std::string, LoadedLayout>::const_iterator();
      if (kept && same != kept->end() && same->second.spec && same->second.digest == loaded.digest)
        loaded.spec = same->second.spec;  // parsing depends on the bytes and the path alone
      else
        loaded.spec = parse_layout(text, path);
    });
    if (error) {
      loaded.error = *error;
      errors.push_back(*error);
    } else {
      loaded.icc_digest = InputHash().add_file(loaded.spec->output.icc_profile).hex();
    }
  }
  // What an article's warnings depend on besides its bytes: the layouts, and which names
  // layouts/ offers (an article's table for a layout neither built nor there is a warning).
  InputHash context;
  for (const auto& [path, layout] : layouts_) context.add(path).add(layout.digest).add(layout.error);
  std::set<std::string> offered;
  std::error_code absent;
  for (auto it = fs::directory_iterator("layouts", absent); !absent && it != fs::directory_iterator();
       it.increment(absent))
    offered.insert(it->path().filename().string());
  for (const std::string& name : offered) context.add(name);
  layouts_context_ = context.hex();
  return errors;
}

std::vector<std::string> BatchPlan::lint_layouts() {
  std::set<std::string> printed;
  std::vector<std::string> lines;
  for (const Variant& variant : project_.variants)
    for (const std::string& path : layouts_of(variant)) {
      const LoadedLayout& layout = layouts_.at(path);
      if (!layout.spec) continue;
      LayoutSpec scaled =
          variant.text_scale == 1.0 ? *layout.spec : with_text_scale(*layout.spec, variant.text_scale);
      std::vector<Diagnostic>& found = lints_[{path, &variant}];
      found = lint_layout(scaled, {variant.large_print, variant.scale_place});
      for (const Diagnostic& finding : found)
        if (printed.insert(finding.to_string()).second) lines.push_back(finding.to_string());
    }
  return lines;
}

std::optional<std::string> BatchPlan::password_problem() const {
  if (!options_.password) return std::nullopt;
  for (const auto& [path, layout] : layouts_)
    if (layout.spec)
      for (OutputProfile profile : profiles_of(*layout.spec))
        if (profile != OutputProfile::email)
          return fmt::format("handout: error: a password encrypts only the email profile, but {} "
                             "would be written as {} (add --profile email)",
                             path, profile_name(profile));
  return std::nullopt;
}

// A variant's name, scale and values, and the bytes of any value that names a file (a logo):
// taken once per variant, before the workers start, rather than once per output.
void BatchPlan::take_variant_digests() {
  for (const Variant& variant : project_.variants) {
    InputHash hash;
    hash.add(variant.name).add(fmt::format("{}", variant.text_scale));
    for (const auto& [name, value] : variant.values) {
      hash.add(name).add(value);
      std::error_code not_a_file;  // most values are not paths at all: no error for those
      if (fs::is_regular_file(value, not_a_file)) hash.add_file(value);
    }
    variant_digests_[&variant] = hash.hex();
  }
  for (const Variant& variant : project_.variants)
    for (const std::string& path : layouts_of(variant))
      if (const LoadedLayout& layout = layouts_.at(path); layout.spec)
        for (OutputProfile profile : profiles_of(*layout.spec))
          setup_digests_[{path, &variant, profile}] = setup_digest(layout, variant, profile);
}

const std::vector<std::string>& BatchPlan::layouts_of(const Variant& variant) const {
  return variant.layouts ? *variant.layouts : project_.layouts;
}

std::vector<OutputProfile> BatchPlan::profiles_of(const LayoutSpec& layout) const {
  return options_.profiles.empty() ? std::vector<OutputProfile>{layout.output.profile} : options_.profiles;
}

std::size_t BatchPlan::outputs_of(const LoadedLayout& layout) const {
  return layout.spec ? profiles_of(*layout.spec).size() : 1;
}

bool BatchPlan::builds(const std::string& name) const { return !options_.shard || options_.shard->owns(name); }

std::size_t BatchPlan::outputs_per_article() const {
  std::size_t n = 0;
  for (const Variant& variant : project_.variants)
    for (const std::string& path : layouts_of(variant)) n += outputs_of(layouts_.at(path));
  return n;
}

std::size_t BatchPlan::planned_outputs() const {
  if (!options_.shard) return outputs_per_article() * project_.content.size();
  std::size_t n = 0;
  for (const std::string& content : project_.content)
    for (const Variant& variant : project_.variants)
      for (const std::string& path : layouts_of(variant))
        if (builds(group_name(content, path, variant))) n += outputs_of(layouts_.at(path));
  return n;
}

std::string BatchPlan::fingerprint() const {
  InputHash hash;
  hash.add("handout " HANDOUT_VERSION).add(project_.out_dir);
  for (const std::string& content : project_.content) hash.add("article").add(content);
  for (const Variant& variant : project_.variants) {
    hash.add("variant").add(variant.name);
    for (const std::string& path : layouts_of(variant)) {
      hash.add("layout").add(path);
      const LoadedLayout& layout = layouts_.at(path);
      if (layout.spec)
        for (OutputProfile profile : profiles_of(*layout.spec)) hash.add(profile_name(profile));
    }
  }
  return hash.hex();
}

bool BatchPlan::builds_any_of(const std::string& content_path) const {
  if (!options_.shard) return true;
  for (const Variant& variant : project_.variants)
    for (const std::string& path : layouts_of(variant))
      if (builds(group_name(content_path, path, variant))) return true;
  return false;
}

std::string BatchPlan::setup_digest(const LoadedLayout& layout, const Variant& variant, OutputProfile profile) const {
  InputHash hash;
  hash.add("handout " HANDOUT_VERSION).add(fonts_fingerprint_);
  hash.add(layout.digest);
  hash.add(variant_digests_.at(&variant));
  for (const std::string& scheme : project_.link_schemes) hash.add("link scheme " + scheme);
  hash.add(profile_name(profile));
  if (profile == OutputProfile::preview)
    hash.add(fmt::format("{}", options_.preview_dpi.value_or(layout.spec->output.preview_dpi)));
  if (profile == OutputProfile::archive || profile == OutputProfile::archive_accessible)
    hash.add(layout.icc_digest);
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  hash.add(epoch ? epoch : "");
  return hash.hex();
}

// `content_digest` covers the article and its images; it is taken once per article.
std::string BatchPlan::inputs_hash(const std::string& content_digest, const LoadedLayout& layout,
                                   const Variant& variant, OutputProfile profile, const std::string& target) const {
  auto setup = setup_digests_.find({layout.path, &variant, profile});
  return InputHash()
      .add(setup != setup_digests_.end() ? setup->second : setup_digest(layout, variant, profile))
      .add(target)
      .add(content_digest)
      .hex();
}

std::string BatchPlan::glossary_digest(const std::string& content_digest, const std::string& glossary_path,
                                       KnownSources* known) const {
  return InputHash().add(content_digest).add(source_digest(glossary_path, known)).hex();
}

ArticlePlan BatchPlan::plan_article(const std::string& content_path, const UpToDate& up_to_date,
                                   std::size_t article_index, KnownSources* known) const {
  if (known)
    if (std::optional<ArticlePlan> unchanged = plan_unchanged(content_path, up_to_date, article_index, *known))
      return std::move(*unchanged);
  return plan_changed(content_path, up_to_date, article_index, known);
}

ArticlePlan BatchPlan::plan_changed(const std::string& content_path, const UpToDate& up_to_date,
                                    std::size_t article_index, KnownSources* known) const {
  ArticlePlan plan;
  plan.path = content_path;
  Warnings content_warnings;
  const std::int64_t clock_before = stamp_clock_ns();
  std::optional<SourceStamp> stamp;
  std::optional<std::string> content_error = error_of({content_path}, [&] {
    // The stamp before the bytes: a write after it changes it (or the bytes were read after it).
    stamp = source_stamp(content_path);
    plan.text = read_file(content_path);
    plan.document = parse_document(content_path, plan.text, content_warnings);
  });
  if (plan.document) {
    std::vector<const LayoutSpec*> layouts;
    for (const Variant& variant : project_.variants)
      for (const std::string& layout_file : layouts_of(variant))
        if (const LoadedLayout& layout = layouts_.at(layout_file); layout.spec) layouts.push_back(&*layout.spec);
    check_article_choices(*plan.document, layouts, content_warnings);
  }
  for (const Diagnostic& warning : content_warnings.items()) plan.warnings.push_back(warning.to_string());
  std::vector<std::string> images;
  if (plan.document) collect_images(plan.document->blocks, images);
  // Syllables are counted with the language's hyphenation patterns, which take a while to read:
  // they load while the article's first layout sets its pages.
  if (plan.document) SyllableCounter::load_ahead(plan.document->metadata.language);
  // The article's fingerprint is of the bytes this build set, not of the file as it is later.
  // Images are fingerprinted before they are read, so an image edited meanwhile makes the next
  // build set the output again rather than skip it.
  const std::string article_digest = source_digest(content_path, plan.text);
  if (known && stamp && plan.document && !content_error)
    known->remember(content_path, KnownSource{*stamp, stamp_settled(*stamp, clock_before), article_digest, true,
                                              images, plan.warnings, layouts_context_});
  InputHash content_hash;
  content_hash.add(article_digest);
  for (const std::string& image : images) content_hash.add(source_digest(image, known));
  Digests digests{content_hash.hex(), {}};
  // The glossary is read once per article, and fingerprinted from the bytes read, for the
  // layouts that use it; its error fails only those layouts' outputs.
  std::optional<std::string> glossary_error;
  if (const std::string glossary_path = glossary_path_for(project_, content_path); !glossary_path.empty()) {
    glossary_error = error_of({glossary_path}, [&] {
      std::string text = read_file(glossary_path);
      digests.glossary = InputHash().add(digests.content).add(source_digest(glossary_path, text)).hex();
      plan.glossary = parse_glossary(text, glossary_path);
    });
    if (!plan.glossary) digests.glossary.clear();
  }
  plan_outputs(plan, article_index, content_error, glossary_error, digests, up_to_date);
  return plan;
}

std::optional<ArticlePlan> BatchPlan::plan_unchanged(const std::string& content_path, const UpToDate& up_to_date,
                                                     std::size_t article_index, KnownSources& known) const {
  if (options_.force || options_.password) return std::nullopt;
  const std::int64_t clock_before = stamp_clock_ns();
  std::optional<SourceStamp> stamp = source_stamp(content_path);
  std::optional<KnownSource> article = known.recall(content_path);
  if (!stamp || !article || !article->article || article->context != layouts_context_) return std::nullopt;
  if (!article->settled || article->stamp != *stamp) {
    // Touched, replaced, or last stamped too recently to vouch for its bytes: compare them.
    std::string text;
    try {
      text = read_file(content_path);
    } catch (const std::exception&) {
      return std::nullopt;  // the full plan reports it
    }
    if (source_digest(content_path, text) != article->digest) return std::nullopt;
    article->stamp = *stamp;
    article->settled = stamp_settled(*stamp, clock_before);
    known.remember(content_path, *article);
  }
  ArticlePlan plan;
  plan.path = content_path;
  plan.warnings = article->warnings;
  InputHash content_hash;
  content_hash.add(article->digest);
  for (const std::string& image : article->images) content_hash.add(source_digest(image, &known));
  Digests digests{content_hash.hex(), {}};
  if (const std::string glossary_path = glossary_path_for(project_, content_path); !glossary_path.empty())
    digests.glossary = glossary_digest(digests.content, glossary_path, &known);
  plan_outputs(plan, article_index, std::nullopt, std::nullopt, digests, up_to_date);
  for (const PlannedGroup& group : plan.groups)
    for (const OutputResult& output : group.outputs)
      if (output.status != OutputResult::Status::up_to_date) return std::nullopt;
  return plan;
}

void BatchPlan::plan_outputs(ArticlePlan& plan, std::size_t article_index,
                             const std::optional<std::string>& content_error,
                             const std::optional<std::string>& glossary_error, const Digests& digests,
                             const UpToDate& up_to_date) const {
  const std::string& content_path = plan.path;
  // Positions count the groups of other shards too, so every shard numbers alike.
  std::size_t position = article_index * outputs_per_article();
  for (const Variant& variant : project_.variants) {
    for (const std::string& layout_file : layouts_of(variant)) {
      const LoadedLayout& layout = layouts_.at(layout_file);
      const std::string stem_name = group_name(content_path, layout_file, variant);
      const std::size_t first_position = position;
      position += outputs_of(layout);
      if (!builds(stem_name)) continue;
      PlannedGroup& group = plan.groups.emplace_back();
      group.layout = &layout;
      group.variant = &variant;
      group.stem = (fs::path(project_.out_dir) / stem_name).string();
      group.profiles = layout.spec ? profiles_of(*layout.spec) : std::vector<OutputProfile>{OutputProfile::print};
      const bool uses_glossary = layout.spec && layout.spec->glossary.enabled;
      static const std::vector<Diagnostic> no_lints;
      auto linted = lints_.find({layout_file, &variant});  // read only: the workers share the map
      const std::vector<Diagnostic>& lints = linted != lints_.end() ? linted->second : no_lints;
      auto lint_error =
          std::find_if(lints.begin(), lints.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
      for (OutputProfile profile : group.profiles) {
        OutputResult& result = group.outputs.emplace_back();
        result.position = first_position + group.outputs.size() - 1;
        result.output = output_path(group.stem, profile);
        result.content = content_path;
        result.layout = layout_file;
        result.variant = variant.name;
        result.profile = std::string(profile_name(profile));
        result.warnings = plan.warnings;
        for (const Diagnostic& finding : lints)
          if (finding.severity == Severity::warning) result.warnings.push_back(finding.to_string());
        if (content_error || !layout.spec) {
          result.error = content_error ? *content_error : layout.error;
        } else if (lint_error != lints.end()) {
          result.error = lint_error->to_string();
        } else if (uses_glossary && glossary_error) {
          result.error = *glossary_error;
        } else {
          fail_on_error({&result}, {content_path}, [&] {
            const bool glossary = uses_glossary && !digests.glossary.empty();
            result.inputs_hash =
                inputs_hash(glossary ? digests.glossary : digests.content, layout, variant, profile, result.output);
            if (!options_.force && !options_.password && up_to_date(result.output, result.inputs_hash))
              result.status = OutputResult::Status::up_to_date;
          });
        }
      }
    }
  }
}

}  // namespace handout
