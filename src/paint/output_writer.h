#pragma once
// Writing typeset pages as one output profile: file names, painters and atomic replacement.
#include <optional>
#include <string>
#include <vector>

#include "layout/output_profile.h"
#include "typeset/pages.h"

namespace handout {

struct OutputRequest {
  OutputProfile profile = OutputProfile::print;
  std::optional<std::string> password;  // email only: AES-256
  double preview_dpi = 100;
  std::string icc_profile;              // archive only: the sRGB profile of the output intent
  bool fixed_randomness_for_tests = false;
  // The caller flushes the output folder itself (flush_folder) before it relies on the renames,
  // once for many outputs, rather than once per file here.
  bool defer_folder_flush = false;
};

// The file (or, for previews, the first file) a profile writes for `stem` ("out/article.layout"):
// stem.pdf for print, stem.PROFILE.pdf otherwise, stem.preview-N.png for previews.
std::string output_path(const std::string& stem, OutputProfile profile, int page = 1);

// Writes every file of the profile, each to a temporary file that is checked (length, bytes read
// back, a whole PDF or PNG) and renamed into place only when all are complete; returns their
// paths. On any failure the previous files stay. Preview pages beyond the new page count are
// removed.
std::vector<std::string> write_outputs(const Pages& pages, const std::string& stem, const OutputRequest& request);

}  // namespace handout
