#include "typeset/pages.h"

#include <map>

namespace handout {

void link_outline(std::vector<OutlineEntry>& outline) {
  std::map<int, int> last_at_level;  // the latest entry of each level still open
  for (std::size_t i = 0; i < outline.size(); ++i) {
    OutlineEntry& entry = outline[i];
    entry.parent = -1;
    for (int level = entry.level - 1; level >= 1; --level) {
      auto found = last_at_level.find(level);
      if (found != last_at_level.end()) {
        entry.parent = found->second;
        break;
      }
    }
    last_at_level[entry.level] = static_cast<int>(i);
    // A deeper entry before this one cannot be the parent of a later one.
    last_at_level.erase(last_at_level.upper_bound(entry.level), last_at_level.end());
  }
}

}  // namespace handout
