#include "batch/font_pool.h"

#include "batch/input_hash.h"

namespace handout {

FontPool::FontPool(const std::string& folder)
    : folder_(folder), catalog_(std::make_shared<const FontCatalog>(folder)), fingerprint_(fonts_fingerprint(folder)) {}

FontSet& FontPool::worker(std::size_t index) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (workers_.size() <= index) workers_.resize(index + 1);
  if (!workers_[index]) workers_[index] = std::make_unique<FontSet>(catalog_);
  return *workers_[index];
}

void FontPool::reload_if_changed() {
  std::string now = fonts_fingerprint(folder_);
  if (now == fingerprint_) return;
  workers_.clear();
  catalog_ = std::make_shared<const FontCatalog>(folder_);
  fingerprint_ = now;
}

}  // namespace handout
