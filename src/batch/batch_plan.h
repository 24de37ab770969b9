#pragma once
// Planning a batch: what to build. Every layout is read and linted once; each article is read
// once, fingerprinted with everything each of its outputs is made from, and each output is
// planned as up to date (its fingerprint and files match the build state), failed (with the
// error of its article, layout, lint or glossary) or to be built. An article whose file the
// build state knows by its stamp, and whose outputs are all up to date, is not even read.
// Nothing here typesets, paints, writes or prints.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "batch/batch_result.h"
#include "batch/project.h"
#include "batch/source_stamp.h"
#include "content/document.h"
#include "content/glossary.h"
#include "layout/layout_spec.h"
#include "readability/readability_report.h"
#include "util/diagnostic.h"

namespace handout {

struct LoadedLayout {
  std::string path;
  std::string digest;  // of the file's bytes, taken once for all the outputs that use it
  std::string icc_digest;  // of its archive ICC profile
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
  std::string text;                  // the bytes read, which the fingerprints cover (none when skipped unread)
  std::optional<Document> document;  // empty when the article has an error
  // Its paragraphs as readability measured them, for the reports of its layouts, and its own
  // figures for running heads ({readability}, {grade}), made when a layout first names them.
  std::shared_ptr<ReadabilityMemo> readability_memo = std::make_shared<ReadabilityMemo>();
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
  // A layout whose bytes are those of one in `kept` (a long-lived process's last batch) is not
  // parsed again.
  std::vector<std::string> load_layouts(const std::map<std::string, LoadedLayout>* kept = nullptr);
  const std::map<std::string, LoadedLayout>& layouts() const { return layouts_; }
  // Each layout as each variant sets it; returns each finding's line once, however many
  // variants share it.
  std::vector<std::string> lint_layouts();
  // A password with a profile other than email: the usage error, else nothing.
  std::optional<std::string> password_problem() const;
  // Takes each variant's fingerprint (its values and the files they name), and what each
  // output's fingerprint shares with the others of its layout, variant and profile, once per
  // batch (after load_layouts).
  void take_variant_digests();

  std::size_t planned_outputs() const;  // of this shard (all without one), for the progress line
  // How many outputs each article lists (the same for every article).
  std::size_t outputs_per_article() const;
  // What the whole build lists, whatever the shard: the tool's version, the output folder, the
  // articles in order, and each variant's layouts with their profiles. Shards of one build
  // agree on it; `handout report merge` refuses reports that do not.
  std::string fingerprint() const;
  // Whether this build (its shard, if any) builds any of the article's groups; an article it
  // does not is not even read (nor its stamp taken).
  bool builds_any_of(const std::string& content_path) const;
  // Plans every output of one article that this build's shard owns; `article_index` is its place
  // in the project's list, for the outputs' positions. Throws only for what no output can be
  // listed for. `known`: what earlier builds learnt of the input files (read and hash only those
  // whose stamps changed); what this plan reads is remembered there. Tries plan_unchanged first.
  ArticlePlan plan_article(const std::string& content_path, const UpToDate& up_to_date,
                           std::size_t article_index = 0, KnownSources* known = nullptr) const;
  // The plan of an article whose outputs (this shard's) are all up to date, decided from the
  // stamps of its files without parsing it (reading it only when its stamp changed); nothing
  // otherwise, or when --force or a password builds everything. Cheap enough to run for every
  // article before any worker starts.
  std::optional<ArticlePlan> plan_unchanged(const std::string& content_path, const UpToDate& up_to_date,
                                            std::size_t article_index, KnownSources& known) const;
  // The full plan: reads, parses and fingerprints the article.
  ArticlePlan plan_changed(const std::string& content_path, const UpToDate& up_to_date, std::size_t article_index,
                           KnownSources* known = nullptr) const;

 private:
  struct Digests {
    std::string content;   // the article and its images
    std::string glossary;  // and the glossary, for the layouts that set one; empty without a glossary
  };
  // Every output of the article that this build's shard owns, with its fingerprint, whether it
  // is up to date, and its position in the whole build's list.
  void plan_outputs(ArticlePlan& plan, std::size_t article_index, const std::optional<std::string>& content_error,
                    const std::optional<std::string>& glossary_error, const Digests& digests,
                    const UpToDate& up_to_date) const;
  std::string glossary_digest(const std::string& content_digest, const std::string& glossary_path,
                              KnownSources* known) const;

  const std::vector<std::string>& layouts_of(const Variant& variant) const;
  std::vector<OutputProfile> profiles_of(const LayoutSpec& layout) const;
  std::string setup_digest(const LoadedLayout& layout, const Variant& variant, OutputProfile profile) const;
  std::size_t outputs_of(const LoadedLayout& layout) const;
  // Whether this build builds the group; its name is ARTICLE.LAYOUT[.VARIANT], as its files are.
  bool builds(const std::string& group_name) const;
  std::string inputs_hash(const std::string& content_digest, const LoadedLayout& layout, const Variant& variant,
                          OutputProfile profile, const std::string& target) const;

  const Project& project_;
  const BatchOptions& options_;
  std::string fonts_fingerprint_;
  std::map<std::string, LoadedLayout> layouts_;
  std::string layouts_context_;  // all the layouts' fingerprints: an article's warnings depend on them
  std::map<std::pair<std::string, const Variant*>, std::vector<Diagnostic>> lints_;
  std::map<const Variant*, std::string> variant_digests_;
  // Everything an output's fingerprint holds but its name and its article: by layout, variant
  // and profile, taken once per batch.
  std::map<std::tuple<std::string, const Variant*, OutputProfile>, std::string> setup_digests_;
};

}  // namespace handout
