#include "batch/batch_memory.h"

#include <filesystem>

namespace handout {

const std::vector<OutputResult>* BatchMemory::unchanged_results(const std::string& article) const {
  if (!changed_articles) return nullptr;
  const std::string normal = std::filesystem::path(article).lexically_normal().string();
  if (changed_articles->count(normal)) return nullptr;
  auto found = results.find(article);
  if (found == results.end() || found->second.empty()) return nullptr;
  for (const OutputResult& output : found->second)
    if (output.status == OutputResult::Status::failed) return nullptr;  // tried again every time
  return &found->second;
}

}  // namespace handout
