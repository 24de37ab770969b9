#include "layout/output_profile.h"

namespace handout {

namespace {
constexpr std::pair<std::string_view, OutputProfile> profiles[] = {{"print", OutputProfile::print},
                                                                    {"email", OutputProfile::email},
                                                                    {"archive", OutputProfile::archive},
                                                                    {"archive-accessible", OutputProfile::archive_accessible},
                                                                    {"preview", OutputProfile::preview}};
}

std::optional<OutputProfile> profile_from_name(std::string_view name) {
  for (const auto& [known, profile] : profiles)
    if (known == name) return profile;
  return std::nullopt;
}

std::string_view profile_name(OutputProfile profile) {
  for (const auto& [known, value] : profiles)
    if (value == profile) return known;
  return "print";
}

}  // namespace handout
