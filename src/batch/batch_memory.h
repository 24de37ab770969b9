#pragma once
// What a long-lived process (handout watch) keeps from one batch to the next, so that a rebuild
// pays only for what changed: the build state as this process last saved it (read again only
// when another build has rewritten it since), the layouts as parsed, each article's results,
// and which articles the changes named.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "batch/batch_plan.h"
#include "batch/batch_result.h"
#include "batch/build_state.h"
#include "batch/source_stamp.h"

namespace handout {

struct BatchMemory {
  std::string state_path;
  std::optional<BuildState> state;         // as last saved or loaded
  std::optional<SourceStamp> state_stamp;  // of its file then
  std::map<std::string, std::vector<OutputResult>> results;  // by article: its outputs in the last batch
  std::map<std::string, LoadedLayout> layouts;               // by path, as the last batch read them
  // Set before a batch when the changes named articles only: the other articles, whose last
  // outputs were all built or up to date, keep them without being planned again.
  std::optional<std::set<std::string>> changed_articles;

  // Whether an article's last results stand for this batch (it was not named, none failed).
  const std::vector<OutputResult>* unchanged_results(const std::string& article) const;
};

}  // namespace handout
