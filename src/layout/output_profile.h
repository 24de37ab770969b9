#pragma once
// Output profiles: the same typeset pages written for a use.
//   print   (default) tagged PDF through Cairo
//   email   tagged PDF through Cairo, then compressed, linearized and optionally encrypted
//           (AES-256) with qpdf
//   archive PDF/A-1b as far as libharu can make it
//   preview one PNG per page through a Cairo image surface
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

enum class OutputProfile { print, email, archive, preview };

std::optional<OutputProfile> profile_from_name(std::string_view name);
std::string_view profile_name(OutputProfile profile);
constexpr std::string_view profile_names = "print, email, archive or preview";

}  // namespace handout
