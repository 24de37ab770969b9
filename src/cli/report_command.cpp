#include "cli/report_command.h"

#include <fmt/format.h>

#include <ostream>

#include "batch/build_report.h"
#include "batch/report_merge.h"
#include "util/diagnostic.h"

namespace handout {

int run_report_merge(const Command& command, std::ostream& output, std::ostream& errors) {
  try {
    toml::table merged = merge_reports(command.reports);
    if (!command.merged_report) {
      output << toml::json_formatter{merged} << '\n';
      return 0;
    }
    write_report_table(merged, *command.merged_report);
    output << fmt::format("merged {} reports into {}: {} built, {} up to date, {} failed\n", command.reports.size(),
                          *command.merged_report, merged["built"].value_or(int64_t{0}),
                          merged["up_to_date"].value_or(int64_t{0}), merged["failed"].value_or(int64_t{0}));
    return 0;
  } catch (...) {
    errors << current_exception_diagnostic({}).to_string() << '\n';
    return 1;
  }
}

}  // namespace handout
