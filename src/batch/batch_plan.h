#pragma once
// Planning a batch: what to build. Every layout is read and linted once; each article is read
// once, fingerprinted with everything each of its outputs is made from, and each output is
// planned as up to date (its fingerprint and files match the build state), failed (with the
// error of its article, layout, lint or glossary) or to be built. Nothing here typesets,
// paints, writes or prints.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "batch/batch_result.h"
#include "batch/project.h"
#include "content/document.h"
#include "content/glossary.h"
#include "layout/layout_spec.h"
#include "util/diagnostic.h"

namespace handout {

struct LoadedLayout {
  std::string path;
  std::string digest;  // of the file's bytes, taken once for all the outputs that use it
  std::optional<LayoutSpec> spec;  // empty when the file has an error
  std::string error;
};

// One article × layout × variant: typeset once for all its profiles.
struct PlannedGroup {
  const LoadedLayout* layout = nullptr;
  const Variant* variant = nullptr;
  std::string stem;                      // OUT/ARTICLE.LAYOUT[.VARIANT]
  std::vector<OutputProfile> profiles;
  std::vector<OutputResult> outputs;     // one per profile, in the same order
  bool needs_building() const;           // any output still pending
};

// One article, read once for all its outputs.
struct ArticlePlan {
  std::string path;
  std::string text;                  // the bytes read, which the fingerprints cover
  std::optional<Document> document;  // empty when the article has an error
  TemplateValues facts;              // its readability, for running heads ({grade})
  std::optional<Glossary> glossary;
  std::vector<std::string> warnings;  // of reading it
  std::vector<PlannedGroup> groups;
};

// Whether an output with this fingerprint is up to date (the build state says).
using UpToDate = std::function<bool(const std::string& output, const std::string& inputs_hash)>;

class BatchPlan {
 public:
  // `fonts_fingerprint`: of the fonts folder, part of every output's fingerprint.
  BatchPlan(const Project& project, const BatchOptions& options, std::string fonts_fingerprint);

  // Reads every layout the project names (once); returns the error line of each that fails.
  std::vector<std::string> load_layouts();
  // Each layout as each variant sets it; returns each finding's line once, however many
  // variants share it.
  std::vector<std::string> lint_layouts();
  // A password with a profile other than email: the usage error, else nothing.
  std::optional<std::string> password_problem() const;
  // Takes each variant's fingerprint (its values and the files they name), once per batch.
  void take_variant_digests();

  std::size_t planned_outputs() const;  // of this shard (all without one), for the progress line
  // How many outputs each article lists (the same for every article).
  std::size_t outputs_per_article() const;
  // What the whole build lists, whatever the shard: the tool's version, the output folder, the
  // articles in order, and each variant's layouts with their profiles. Shards of one build
  // agree on it; `handout report merge` refuses reports that do not.
  std::string fingerprint() const;
  // Whether this build (its shard, if any) builds any of the article's groups; an article it
  // does not is not even read.
  bool builds_any_of(const std::string& content_path) const;
  // Plans every output of one article that this build's shard owns; `article_index` is its place
  // in the project's list, for the outputs' positions. Throws only for what no output can be
  // listed for.
  ArticlePlan plan_article(const std::string& content_path, const UpToDate& up_to_date,
                           std::size_t article_index = 0) const;

 private:
  const std::vector<std::string>& layouts_of(const Variant& variant) const;
  std::vector<OutputProfile> profiles_of(const LayoutSpec& layout) const;
  std::size_t outputs_of(const LoadedLayout& layout) const;
  // Whether this build builds the group; its name is ARTICLE.LAYOUT[.VARIANT], as its files are.
  bool builds(const std::string& group_name) const;
  std::string inputs_hash(const std::string& content_digest, const LoadedLayout& layout, const Variant& variant,
                          OutputProfile profile, const std::string& target) const;

  const Project& project_;
  const BatchOptions& options_;
  std::string fonts_fingerprint_;
  std::map<std::string, LoadedLayout> layouts_;
  std::map<std::pair<std::string, const Variant*>, std::vector<Diagnostic>> lints_;
  std::map<const Variant*, std::string> variant_digests_;
};

}  // namespace handout
