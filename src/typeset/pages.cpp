#include "typeset/pages.h"

namespace handout {

DisplayItem translated(const DisplayItem& item, double dx, double dy) {
  return std::visit(
      [&](auto copy) -> DisplayItem {
        if constexpr (std::is_same_v<decltype(copy), TextLineItem>) {
          copy.x += dx;
          copy.baseline += dy;
        } else if constexpr (std::is_same_v<decltype(copy), StructBegin> ||
                             std::is_same_v<decltype(copy), StructEnd>) {
          // structure marks have no position
        } else {
          copy.x += dx;
          copy.y += dy;
        }
        return copy;
      },
      item);
}

}  // namespace handout
