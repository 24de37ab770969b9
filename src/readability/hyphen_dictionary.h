#pragma once
// A file of hyphenation patterns as libhyphen reads it, loaded once per process and shared by
// syllable counting and word breaking: reading a file (hash tables and fallback states for
// thousands of patterns) costs far more than hyphenating every word of an article.
#include <filesystem>
#include <memory>
#include <mutex>

struct _HyphenDict;

namespace handout {

struct HyphenDictionary {
  struct Free {
    void operator()(_HyphenDict* dict) const;
  };
  std::unique_ptr<_HyphenDict, Free> dict;
  // libhyphen promises nothing about threads; a word takes microseconds, so callers take turns.
  std::mutex mutex;
};

// The patterns of `path`, read on first use; nothing when libhyphen cannot read the file.
// Thread-safe.
std::shared_ptr<HyphenDictionary> hyphen_dictionary(const std::filesystem::path& path);

}  // namespace handout
