#include "paint/output_writer.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "paint/cairo_painter.h"
#include "paint/haru_painter.h"
#include "paint/link_annotations.h"
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

// Cairo's PDF, finished by qpdf on its way to the file.
void write_cairo_pdf(const Pages& pages, const std::string& target, const FinishOptions& finish) {
  AtomicOutput output(target);
  FinishOptions options = finish;
  options.link_uris = expected_link_uris(pages);
  options.shown_name = target;
  finish_pdf(paint_cairo_pdf(pages), output.temporary_path().string(), options);
  output.commit();
}

std::vector<std::string> write_previews(const Pages& pages, const std::string& stem, double dpi) {
  std::vector<std::unique_ptr<AtomicOutput>> outputs;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < pages.pages.size(); ++i) {
    paths.push_back(output_path(stem, OutputProfile::preview, static_cast<int>(i) + 1));
    outputs.push_back(std::make_unique<AtomicOutput>(paths.back()));
    paint_png_page(pages.pages[i], dpi, outputs.back()->temporary_path().string());
  }
  for (auto& output : outputs) output->commit();
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
    // Messages name the file the user asked for, not the temporary file it was being written as.
    Diagnostic diagnostic = error.diagnostic();
    if (diagnostic.place.path.empty() || diagnostic.place.path.find(".tmp-") != std::string::npos)
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
      write_cairo_pdf(pages, target, finish);
      return {target};
    case OutputProfile::email:
      finish.compact = true;
      finish.password = request.password;
      finish.fixed_randomness_for_tests = request.fixed_randomness_for_tests;
      write_cairo_pdf(pages, target, finish);
      return {target};
    case OutputProfile::archive: {
      AtomicOutput output(target);
      paint_haru_pdf(pages, output.temporary_path().string(), HaruOptions{true, request.icc_profile});
      verify_link_annotations_in_file(output.temporary_path().string(), expected_link_uris(pages), target);
      output.commit();
      return {target};
    }
    case OutputProfile::preview:
      return write_previews(pages, stem, request.preview_dpi);
  }
  return {};
}

}  // namespace

}  // namespace handout
