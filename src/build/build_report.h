#pragma once
// The --report file: one JSON entry per output, for dashboards and scripts.
#include <string>

#include "build/batch_builder.h"

namespace handout {

// Throws HandoutError when the file cannot be written.
void write_report(const BatchResult& result, const std::string& path);

}  // namespace handout
