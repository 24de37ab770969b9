#pragma once
// The --report file: one JSON entry per output, for dashboards and scripts.
#include <string>

#include <toml++/toml.h>

#include "batch/batch_result.h"

namespace handout {

// The figures and flagged places of one document, as the report and `handout check --report` write them.
toml::table readability_json(const ReadabilityReport& report);

// Throws HandoutError when the file cannot be written.
void write_report(const BatchResult& result, const std::string& path);

}  // namespace handout
