#pragma once
// `--shard K/N`: one of N disjoint parts of a build, so that N processes on N machines can
// build one project into shared storage. The unit is the article × layout × variant group (the
// outputs whose profiles share one typesetting and one page dump), named as its files are named
// in the output folder: ARTICLE.LAYOUT[.VARIANT]. A group belongs to the shard that a SHA-256 of
// that name picks, so the split is the same on every machine and run, whatever the order of the
// files and whichever other articles exist.
#include <optional>
#include <string>
#include <string_view>

namespace handout {

struct Shard {
  int index = 1;  // K, from 1
  int count = 1;  // N
  bool operator==(const Shard&) const = default;

  // "K/N", as the command line and the report write it.
  std::string text() const;
  // "K-of-N", as file names carry it (.handout-state.K-of-N.toml).
  std::string file_tag() const;
  // Whether the group named `group_name` (ARTICLE.LAYOUT[.VARIANT]) is this shard's.
  bool owns(std::string_view group_name) const { return shard_of(group_name, count) == index; }

  // The shard, from 1 to `count`, that the group named `group_name` belongs to.
  static int shard_of(std::string_view group_name, int count);
};

// "K/N" with whole numbers 1 <= K <= N <= 1000000; nothing for anything else.
std::optional<Shard> parse_shard(std::string_view text);

// FILE with ".K-of-N" before its extension (report.json -> report.2-of-3.json), so the shards'
// reports can share one folder.
std::string shard_file_name(const std::string& path, const Shard& shard);

}  // namespace handout
