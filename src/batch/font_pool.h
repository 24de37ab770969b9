#pragma once
// Fonts kept from one batch to the next (watch mode): fontconfig's catalogue, and one Pango
// font set per worker, each used by one thread at a time, with its caches warm.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "typeset/font_set.h"

namespace handout {

class FontPool {
 public:
  explicit FontPool(const std::string& folder);
  FontSet& worker(std::size_t index);  // made on first use
  const std::string& folder() const { return catalog_->folder(); }
  // A changed font file means a new catalogue: forget everything.
  void reload_if_changed();
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  std::string folder_;
  std::shared_ptr<const FontCatalog> catalog_;
  std::string fingerprint_;
  std::vector<std::unique_ptr<FontSet>> workers_;
  std::mutex mutex_;
};

}  // namespace handout
