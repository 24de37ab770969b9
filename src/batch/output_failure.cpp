#include "batch/output_failure.h"

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
  std::optional<std::string> error = error_of(place, work);
  if (!error) return true;
  for (OutputResult* output : outputs)
    if (output->status != OutputResult::Status::up_to_date && output->error.empty()) {
      output->status = OutputResult::Status::failed;
      output->error = *error;
    }
  return false;
}

}  // namespace handout
