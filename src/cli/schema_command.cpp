#include "cli/schema_command.h"

#include <fmt/format.h>

#include "batch/project.h"
#include "content/front_matter.h"
#include "layout/layout_loader.h"

namespace handout {

const std::vector<std::string_view>& schema_names() {
  static const std::vector<std::string_view> names{"layout", "article", "project"};
  return names;
}

std::string schema_table(std::string_view name) {
  if (name == "layout") return layout_schema_markdown();
  if (name == "article") return front_matter_schema_markdown();
  if (name == "project") return project_schema_markdown();
  return {};
}

std::string schema_markdown(std::string_view name) {
  std::string out;
  for (std::string_view each : schema_names()) {
    if (!name.empty() && name != each) continue;
    // Blank lines around the table, so that no Markdown reader takes a marker for one of its rows.
    out += fmt::format("{}<!-- schema:{} begin -->\n\n{}\n<!-- schema:{} end -->\n", out.empty() ? "" : "\n", each,
                       schema_table(each), each);
  }
  return out;
}

}  // namespace handout
