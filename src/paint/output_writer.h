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
  std::string icc_profile;              // archive profiles only: the sRGB profile of the output intent
  bool fixed_randomness_for_tests = false;
  bool dump_pages = false;  // also write the page description as text (dump_path)
};

// The file (or, for previews, the first file) a profile writes for `stem` ("out/article.layout"):
// stem.pdf for print, stem.PROFILE.pdf otherwise, stem.preview-N.png for previews.
std::string output_path(const std::string& stem, OutputProfile profile, int page = 1);

// Where the page description's text dump goes: stem.pages.txt.
std::string dump_path(const std::string& stem);

// The files of one output, painted and checked in memory (a whole PDF from `%PDF-` to its last
// `%%EOF`, a PNG from its signature to its end chunk), not yet on the disk.
struct PreparedFile {
  std::string path;
  std::string bytes;
};
struct PreparedOutput {
  std::string stem;
  OutputProfile profile = OutputProfile::print;
  int pages = 0;
  std::vector<PreparedFile> files;
};

// Paints every file of the profile into memory: the work that needs the processor.
PreparedOutput prepare_outputs(const Pages& pages, const std::string& stem, const OutputRequest& request);

// Writes each file to a temporary file that is checked (every write, fsync, length and bytes
// read back, close) and renamed into place only when all are complete; returns their paths. On
// any failure the previous files stay. Preview pages beyond the new page count are removed.
// Without `flush_the_folder`, the caller flushes the folder (flush_folder) before it relies on the
// renames, once for many outputs.
std::vector<std::string> commit_outputs(const PreparedOutput& prepared, bool flush_the_folder);

}  // namespace handout
