#include "paint/output_writer.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <string_view>

#include "paint/cairo_painter.h"
#include "paint/haru_painter.h"
#include "paint/link_annotations.h"
#include "paint/pdf_finisher.h"
#include "paint/pdfa_repair.h"
#include "paint/png_painter.h"
#include "typeset/page_dump.h"
#include "util/atomic_file.h"
#include "util/text.h"

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
std::string cairo_pdf(const Pages& pages, const std::string& target, const FinishOptions& finish) {
  FinishOptions options = finish;
  options.link_uris = expected_link_uris(pages);
  options.link_pieces = link_pieces(pages);
  options.shown_name = target;
  std::string painted = paint_cairo_pdf(pages, &options.top_level_tags);
  std::string pdf = finish_pdf(painted, target, options);
  check_pdf(pdf, target);
  return pdf;
}

PreparedOutput prepare_profile(const Pages& pages, const std::string& stem, const OutputRequest& request) {
  PreparedOutput prepared;
  prepared.stem = stem;
  prepared.profile = request.profile;
  prepared.pages = static_cast<int>(pages.pages.size());
  const std::string target = output_path(stem, request.profile);
  FinishOptions finish;
  finish.language = pages.info.language;
  finish.figure_alts = pages.figure_alts;
  for (const Page& page : pages.pages)
    for (const PageItem& item : page.items)
      if (const auto* begin = std::get_if<StructBegin>(&item); begin && begin->role == "TH")
        finish.header_scopes.push_back(begin->scope.empty() ? "Column" : begin->scope);
  switch (request.profile) {
    case OutputProfile::print:
      prepared.files.push_back({target, cairo_pdf(pages, target, finish)});
      break;
    case OutputProfile::email:
      finish.compact = true;
      finish.password = request.password;
      finish.fixed_randomness_for_tests = request.fixed_randomness_for_tests;
      prepared.files.push_back({target, cairo_pdf(pages, target, finish)});
      break;
    case OutputProfile::archive_accessible:
      finish.pdfa_output_intent = read_file(request.icc_profile);
      prepared.files.push_back({target, cairo_pdf(pages, target, finish)});
      break;
    case OutputProfile::archive: {
      std::string pdf = paint_haru_pdf(pages, target, HaruOptions{true, request.icc_profile});
      check_pdf(pdf, target);
      pdf = repair_pdfa(pdf, pages.info, target);
      check_pdf(pdf, target);
      verify_link_annotations_in_bytes(pdf, expected_link_uris(pages), target);
      prepared.files.push_back({target, std::move(pdf)});
      break;
    }
    case OutputProfile::preview: {
      PngPainter painter(pages);
      for (std::size_t i = 0; i < pages.pages.size(); ++i) {
        std::string path = output_path(stem, OutputProfile::preview, static_cast<int>(i) + 1);
        std::string png = painter.paint(i, request.preview_dpi, path);
        check_png(png, path);
        prepared.files.push_back({std::move(path), std::move(png)});
      }
      break;
    }
  }
  if (request.dump_pages) prepared.files.push_back({dump_path(stem), dump_pages(pages)});
  return prepared;
}

std::vector<std::string> commit_profile(const PreparedOutput& prepared, bool flush_the_folder) {
  std::vector<std::unique_ptr<AtomicOutput>> outputs;
  std::vector<std::string> paths;
  // Every file is written and checked before any replaces its target: all or nothing.
  for (const PreparedFile& file : prepared.files) {
    outputs.push_back(std::make_unique<AtomicOutput>(file.path));
    outputs.back()->write(file.bytes);
    paths.push_back(file.path);
  }
  for (auto& output : outputs) output->commit(flush_the_folder);
  if (prepared.profile == OutputProfile::preview)
    // A document that lost pages must not leave previews of pages it no longer has.
    for (int page = prepared.pages + 1;; ++page) {
      std::error_code error;
      if (!std::filesystem::remove(output_path(prepared.stem, OutputProfile::preview, page), error)) break;
    }
  return paths;
}

// A message without a place names the file the user asked for.
[[noreturn]] void rethrow_placed(const HandoutError& error, const std::string& stem, OutputProfile profile) {
  Diagnostic diagnostic = error.diagnostic();
  if (diagnostic.place.path.empty()) diagnostic.place.path = output_path(stem, profile);
  throw HandoutError(diagnostic);
}

}  // namespace

std::string dump_path(const std::string& stem) { return stem + ".pages.txt"; }

PreparedOutput prepare_outputs(const Pages& pages, const std::string& stem, const OutputRequest& request) {
  try {
    return prepare_profile(pages, stem, request);
  } catch (const HandoutError& error) {
    rethrow_placed(error, stem, request.profile);
  }
}

std::vector<std::string> commit_outputs(const PreparedOutput& prepared, bool flush_the_folder) {
  try {
    return commit_profile(prepared, flush_the_folder);
  } catch (const HandoutError& error) {
    rethrow_placed(error, prepared.stem, prepared.profile);
  }
}

}  // namespace handout
