#pragma once
// The PDF profiles the end-to-end tests build and read back: the one list to extend when a
// profile is added.
#include <string>
#include <vector>

namespace handout::testing {

struct PdfProfile {
  std::string name;    // as --profile takes it
  std::string suffix;  // of the file name after ARTICLE.LAYOUT: ".pdf", ".email.pdf"
  bool tagged;         // a structure tree that PDF/UA-1 and the spoken-word checks apply to
  bool password;       // built here with a password, so a reader must be given it
};

inline const std::vector<PdfProfile>& pdf_profiles() {
  static const std::vector<PdfProfile> profiles = {
      {"print", ".pdf", true, false},
      {"email", ".email.pdf", true, true},
      {"archive", ".archive.pdf", false, false},
      {"archive-accessible", ".archive-accessible.pdf", true, false},
  };
  return profiles;
}

inline std::vector<PdfProfile> tagged_profiles() {
  std::vector<PdfProfile> tagged;
  for (const PdfProfile& profile : pdf_profiles())
    if (profile.tagged) tagged.push_back(profile);
  return tagged;
}

// "--profile A --profile B" for the given profiles.
inline std::string profile_options(const std::vector<PdfProfile>& profiles) {
  std::string options;
  for (const PdfProfile& profile : profiles) options += " --profile " + profile.name;
  return options;
}

}  // namespace handout::testing
