#pragma once
// The ICC profile of the archive profile's output intent, checked as ICC before libharu embeds
// it: any readable file would otherwise go into the PDF as it is.
#include <string>

#include "util/diagnostic.h"

namespace handout {

// Throws HandoutError at `place` unless `path` is an ICC profile (its header's size matches the
// file, the 'acsp' signature, a tag table that fits) for RGB colour of a device class an output
// intent can use (monitor 'mntr' or output 'prtr', as PDF/A-1 requires), of an ICC version
// below 5 (as PDF/A-2 requires).
void check_icc_profile(const std::string& path, const SourcePlace& place);

}  // namespace handout
