#include "paint/output_writer.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <string_view>

#include "paint/cairo_painter.h"
#include "paint/haru_painter.h"
#include "paint/pdf_finisher.h"
#include "paint/png_painter.h"
#include "util/atomic_file.h"

namespace handout {

std::string output_path(const std::string& stem, OutputProfile profile, int page) {
  switch (profile) {
    case OutputProfile::print: return stem + ".pdf";
    case OutputProfile::preview: return fmt::format("{}.preview-{}.png", stem, page);
    default: return fmt::format("{}.{}.pdf", stem, profile_name(profile));
  }
}

namespace {

// A painter's bytes are a whole file before they go to the disk: a PDF from its header to its
// last end-of-file marker, a PNG from its signature to its end chunk. A writer that stopped
// half-way is caught here rather than by the reader.
void check_pdf(std::string_view bytes, const std::string& target) {
  std::string_view tail = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
  std::size_t eof = tail.rfind("%%EOF");
  bool whole = bytes.starts_with("%PDF-") && eof != std::string_view::npos &&
               tail.find("startxref") != std::string_view::npos &&
               tail.substr(eof + 5).find_first_not_of("\r\n") == std::string_view::npos;
  if (!whole) throw HandoutError({target}, "the PDF writer produced an incomplete file; the previous file, if any, is kept");
}

void check_png(std::string_view bytes, const std::string& target) {
  static constexpr std::string_view signature("\x89PNG\r\n\x1a\n", 8);
  static constexpr std::string_view end("\0\0\0\0IEND\xae\x42\x60\x82", 12);
  if (!bytes.starts_with(signature) || !bytes.ends_with(end))
    throw HandoutError({target}, "the PNG writer produced an incomplete file; the previous file, if any, is kept");
}

// Cairo's PDF, finished by qpdf.
void write_cairo_pdf(const Pages& pages, const std::string& target, const FinishOptions& finish, bool flush_folder) {
  std::string pdf = finish_pdf(paint_cairo_pdf(pages), target, finish);
  check_pdf(pdf, target);
  write_file_atomically(target, pdf, flush_folder);
}

std::vector<std::string> write_previews(const Pages& pages, const std::string& stem, double dpi, bool flush_folder) {
  std::vector<std::unique_ptr<AtomicOutput>> outputs;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < pages.pages.size(); ++i) {
    paths.push_back(output_path(stem, OutputProfile::preview, static_cast<int>(i) + 1));
    std::string png = paint_png_page(pages.pages[i], dpi, paths.back());
    check_png(png, paths.back());
    outputs.push_back(std::make_unique<AtomicOutput>(paths.back()));
    outputs.back()->write(png);
  }
  for (auto& output : outputs) output->commit(flush_folder);
  // A document that lost pages must not leave previews of pages it no longer has.
  for (int page = static_cast<int>(pages.pages.size()) + 1;; ++page) {
    std::error_code error;
    if (!std::filesystem::remove(output_path(stem, OutputProfile::preview, page), error)) break;
  }
  return paths;
}

}  // namespace

namespace {

std::vector<std::string> write_profile(const Pages& pages, const std::string& stem, const OutputRequest& request);

}  // namespace

std::vector<std::string> write_outputs(const Pages& pages, const std::string& stem, const OutputRequest& request) {
  try {
    return write_profile(pages, stem, request);
  } catch (const HandoutError& error) {
    // A message without a place names the file the user asked for.
    Diagnostic diagnostic = error.diagnostic();
    if (diagnostic.place.path.empty())
      diagnostic.place.path = output_path(stem, request.profile);
    throw HandoutError(diagnostic);
  }
}

namespace {

std::vector<std::string> write_profile(const Pages& pages, const std::string& stem, const OutputRequest& request) {
  const std::string target = output_path(stem, request.profile);
  FinishOptions finish;
  finish.language = pages.info.language;
  finish.figure_alts = pages.figure_alts;
  switch (request.profile) {
    case OutputProfile::print:
      write_cairo_pdf(pages, target, finish, !request.defer_folder_flush);
      return {target};
    case OutputProfile::email:
      finish.compact = true;
      finish.password = request.password;
      finish.fixed_randomness_for_tests = request.fixed_randomness_for_tests;
      write_cairo_pdf(pages, target, finish, !request.defer_folder_flush);
      return {target};
    case OutputProfile::archive: {
      std::string pdf = paint_haru_pdf(pages, target, HaruOptions{true, request.icc_profile});
      check_pdf(pdf, target);
      write_file_atomically(target, pdf, !request.defer_folder_flush);
      return {target};
    }
    case OutputProfile::preview:
      return write_previews(pages, stem, request.preview_dpi, !request.defer_folder_flush);
  }
  return {};
}

}  // namespace

}  // namespace handout
