#include "readability/hyphen_dictionary.h"

#include <hyphen.h>

#include <map>
#include <string>

namespace handout {

void HyphenDictionary::Free::operator()(HyphenDict* dict) const { hnj_hyphen_free(dict); }

namespace {

// At namespace scope, so made before main and destroyed after every function's own statics: a
// language's patterns may still be loading on their own thread (SyllableCounter::load_ahead)
// when the program ends, and that thread's future waits for it among those statics.
std::mutex mutex;
std::map<std::string, std::shared_ptr<HyphenDictionary>> loaded;  // by path; null: unreadable

}  // namespace

std::shared_ptr<HyphenDictionary> hyphen_dictionary(const std::filesystem::path& path) {
  std::lock_guard<std::mutex> lock(mutex);
  auto [found, added] = loaded.try_emplace(path.string());
  if (!added) return found->second;
  if (HyphenDict* dict = hnj_hyphen_load(path.c_str())) {
    found->second = std::make_shared<HyphenDictionary>();
    found->second->dict.reset(dict);
  }
  return found->second;
}

}  // namespace handout
