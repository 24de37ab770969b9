#pragma once
// Opening PDFs with the readers people use besides Poppler: pdf.js and MuPDF (from npm, run by
// Node: tests/readers/, installed by scripts/install-deps.sh) and Ghostscript.
#include <optional>
#include <string>
#include <vector>

namespace handout::testing {

// Why pdf.js and MuPDF cannot run (no `node`, or tests/readers/node_modules missing), or nothing.
std::optional<std::string> node_readers_missing();

// What one reader made of one file.
struct ReaderView {
  std::string file;
  int pages = -1;
  std::vector<std::string> page_texts;  // one per page, in page order
  std::vector<std::string> warnings;    // everything it reported about the file
  std::vector<std::string> notes;       // about its own environment, not the file
  std::string error;                    // why it could not open the file, or empty
};

// pdf.js (tests/readers/pdfjs-pages.mjs) and MuPDF (tests/readers/mupdf-pages.mjs) on `files`,
// with `password` when not empty; one view per file, in order.
std::vector<ReaderView> pdfjs_views(const std::vector<std::string>& files, const std::string& password = "");
std::vector<ReaderView> mupdf_views(const std::vector<std::string>& files, const std::string& password = "");
// Ghostscript's txtwrite device on one file, stopping at its first error or warning.
ReaderView ghostscript_view(const std::string& file, const std::string& password = "");

// The structure text a screen reader gets, in tree order, one quoted line per run of an element's
// own text: from Poppler (`pdfinfo -struct-text`) and from pdf.js (getStructTree and the marked
// content of getTextContent, tests/readers/pdfjs-spoken-text.mjs).
std::string poppler_structure_text(const std::string& pdf);
std::string pdfjs_structure_text(const std::string& pdf);

}  // namespace handout::testing
