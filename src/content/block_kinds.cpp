#include <utility>

#include "content/document.h"

namespace handout {

const char* const block_kind_names = "heading, paragraph, list, callout, figure, table, code or rule";

std::optional<BlockKind> block_kind_named(std::string_view name) {
  static const std::pair<std::string_view, BlockKind> kinds[] = {
      {"heading", BlockKind::heading}, {"paragraph", BlockKind::paragraph}, {"list", BlockKind::list},
      {"callout", BlockKind::callout}, {"figure", BlockKind::figure},       {"table", BlockKind::table},
      {"code", BlockKind::code},       {"rule", BlockKind::rule}};
  for (const auto& [known, kind] : kinds)
    if (known == name) return kind;
  return std::nullopt;
}

}  // namespace handout
