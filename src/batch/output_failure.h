#pragma once
// The one place where an error of an output, of whatever type (a located HandoutError, a
// file system error, a library's exception, memory), becomes that output's failure: placed,
// counted in the summary and the report, and never the end of the batch.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "batch/batch_result.h"
#include "util/diagnostic.h"

namespace handout {

// Runs `work`: nothing when it returns, else what it threw as one line
// ("path:line:col: error: message"), placed at `place` when the error carries no place.
std::optional<std::string> error_of(const SourcePlace& place, const std::function<void()>& work);

// Runs `work`; when it throws, each of `outputs` that is not up to date and has no error yet
// fails with that error (and, for a summary that did not fit, its sections by room). Returns
// false when it threw.
bool fail_on_error(const std::vector<OutputResult*>& outputs, const SourcePlace& place,
                   const std::function<void()>& work);

}  // namespace handout
