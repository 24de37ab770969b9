#include "typeset/flow_item.h"

#include <type_traits>

namespace handout {

FlowItem translated(const FlowItem& item, double dx, double dy) {
  return std::visit(
      [&](auto copy) -> FlowItem {
        using Item = decltype(copy);
        if constexpr (std::is_same_v<Item, TextLineItem>) {
          copy.x += dx;
          copy.baseline += dy;
          for (LineLink& link : copy.links) {
            link.area.x += dx;
            link.area.y += dy;
          }
        } else if constexpr (std::is_same_v<Item, RectItem> || std::is_same_v<Item, RuleItem> ||
                             std::is_same_v<Item, ImageItem>) {
          copy.x += dx;
          copy.y += dy;
        }
        // marks have no position
        return copy;
      },
      item);
}

}  // namespace handout
