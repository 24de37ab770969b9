#include "readability/hyphen_dictionary.h"

#include <hyphen.h>

#include <map>
#include <string>

namespace handout {

void HyphenDictionary::Free::operator()(HyphenDict* dict) const { hnj_hyphen_free(dict); }

std::shared_ptr<HyphenDictionary> hyphen_dictionary(const std::filesystem::path& path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<HyphenDictionary>> loaded;  // by path; null: unreadable
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
