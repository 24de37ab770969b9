#pragma once
// `handout report merge`: the reports of the shards of one build (--shard K/N --report FILE),
// merged into the report the build of every output would have written, apart from its
// timings: the outputs in the whole build's order, the counts taken from them, the problems
// outside any one output once each, and as its "seconds" the longest shard's.
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace handout {

// Reads each report and merges them. Throws HandoutError, at the report concerned, for a file
// that is not a build's report, reports of different builds (another version of handout, or
// another list of articles, layouts, variants, profiles or output folder), of different shard
// counts, the same shard twice, a shard missing, or an output in two reports.
toml::table merge_reports(const std::vector<std::string>& paths);

}  // namespace handout
