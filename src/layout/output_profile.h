#pragma once
// Output profiles: the same typeset pages written for a use.
//   print   (default) tagged PDF through Cairo
//   email   tagged PDF through Cairo, then compressed, linearized and optionally encrypted
//           (AES-256) with qpdf
//   archive PDF/A-1b through libharu, repaired with qpdf
//   archive-accessible
//           PDF/A-2a and PDF/UA-1 at once: the tagged Cairo PDF of print, with an output intent
//           and the PDF/A claim
//   preview one PNG per page through a Cairo image surface
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

enum class OutputProfile { print, email, archive, archive_accessible, preview };

std::optional<OutputProfile> profile_from_name(std::string_view name);
std::string_view profile_name(OutputProfile profile);
constexpr std::string_view profile_names = "print, email, archive, archive-accessible or preview";

}  // namespace handout
