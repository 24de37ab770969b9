// Typesetting a fuzzed article with the bundled layouts and fonts into pages, and painting those
// pages into a PDF in memory, as a build does for the print profile (without the files).
#include <glib.h>

#include <optional>
#include <vector>

#include "content/content_loader.h"
#include "fuzz_support.h"
#include "layout/layout_loader.h"
#include "paint/cairo_painter.h"
#include "typeset/fit_search.h"
#include "typeset/font_set.h"
#include "typeset/typesetter.h"

namespace {

using namespace handout;

struct Fixture {
  FontSet fonts{HANDOUT_SOURCE_DIR "/fonts"};
  std::vector<LayoutSpec> layouts{load_layout(HANDOUT_SOURCE_DIR "/layouts/patient-handout.toml"),
                                  load_layout(HANDOUT_SOURCE_DIR "/layouts/clinician-summary.toml")};
  // The bundled project's values, so running heads show a clinic and its logo.
  TemplateValues values{{"clinic.name", "Riverside Community Clinic"},
                        {"clinic.phone", "0113 496 0518"},
                        {"clinic.address", "3 Mill Lane, Riverside"},
                        {"clinic.logo", HANDOUT_SOURCE_DIR "/content/clinics/riverside-logo.png"}};
};

const Fixture& fixture() {
  static const Fixture instance;
  return instance;
}

void typeset_and_paint(const Fixture& fixture, const LayoutSpec& layout, const Document& document,
                       std::string_view text) {
  Warnings warnings;
  Typesetter typesetter(fixture.fonts, layout, document, warnings, fixture.values);
  Pages pages = layout.fit.enabled
                    ? typesetter.typeset(find_fitting_size(typesetter, layout.fit, document.path).fitting)
                    : typesetter.typeset(layout.body.size);
  pages.info.creator = "handout fuzz";
  pages.info.date = document.metadata.reviewed + "T00:00:00Z";
  std::string pdf = paint_cairo_pdf(pages);
  for (const Diagnostic& warning : warnings.items()) fuzz::require_inside(warning, text, document.path);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // A Pango warning or failed assertion (text that is not UTF-8, a size that is not a size) means
  // handout passed on what it should have refused: abort, so libFuzzer reports it.
  g_log_set_always_fatal(static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL));
  fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& fixed = fixture();
  const std::string_view text = fuzz::as_text(data, size);
  const std::string path = fuzz::article_path();
  std::optional<Document> document;
  fuzz::expecting_handout_errors(
      [&] {
        Warnings warnings;
        document = parse_document(path, std::string(text), warnings);
      },
      text, path);
  if (!document) return 0;
  for (const LayoutSpec& layout : fixed.layouts)
    fuzz::expecting_handout_errors([&] { typeset_and_paint(fixed, layout, *document, text); }, text, path);
  return 0;
}
