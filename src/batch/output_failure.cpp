#include "batch/output_failure.h"

#include "typeset/fit_search.h"

namespace handout {

std::optional<std::string> error_of(const SourcePlace& place, const std::function<void()>& work) {
  try {
    work();
    return std::nullopt;
  } catch (...) {
    return current_exception_diagnostic(place).to_string();
  }
}

bool fail_on_error(const std::vector<OutputResult*>& outputs, const SourcePlace& place,
                   const std::function<void()>& work) {
  std::string error;
  std::vector<SectionRoom> fit_sections;
  try {
    work();
    return true;
  } catch (...) {
    error = current_exception_diagnostic(place).to_string();
    // A summary that did not fit also says where its room went, for the report.
    try {
      throw;
    } catch (const FitError& fit_error) {
      fit_sections = fit_error.sections();
    } catch (...) {
    }
  }
  for (OutputResult* output : outputs)
    if (output->status != OutputResult::Status::up_to_date && output->error.empty()) {
      output->status = OutputResult::Status::failed;
      output->error = error;
      output->fit_sections = fit_sections;
    }
  return false;
}

}  // namespace handout
