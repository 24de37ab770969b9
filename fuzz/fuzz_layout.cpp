// The layout loader. What it accepts is then used as a build would: scaled for large print, and
// set (a short article of every kind of block, through the fit search when the layout has one)
// and painted into a PDF in memory. A layout that loads must never hang, crash or upset Pango.
#include <glib.h>

#include <optional>

#include "content/content_loader.h"
#include "fuzz_support.h"
#include "layout/layout_loader.h"
#include "paint/cairo_painter.h"
#include "typeset/fit_search.h"
#include "typeset/font_set.h"
#include "typeset/typesetter.h"

namespace {

using namespace handout;

const char* const article =
    "+++\n"
    "title = \"Living with bone metastases\"\n"
    "language = \"en\"\n"
    "source = \"Fuzzing fixture\"\n"
    "reviewed = 2026-05-06\n"
    "organisation = \"Test Clinic\"\n"
    "+++\n"
    "# Living with bone metastases\n\n"
    "## Introduction\n\nA paragraph with *emphasis*, **strong**, `code` and [a link](https://example.org).\n\n"
    "## Treatment\n\n1. First\n   - nested\n2. Second\n\n> **Call** the clinic.\n\n"
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n![A scan]()\n\n![Logo](clinics/riverside-logo.png)\n\n"
    "```\ncode\n```\n\n---\n\n### Questions\n\nLast words.\n";

struct Fixture {
  FontSet fonts{HANDOUT_SOURCE_DIR "/fonts"};
  Document document = [] {
    Warnings warnings;
    return parse_document(fuzz::article_path(), article, warnings);
  }();
  TemplateValues values{{"clinic.name", "Riverside Community Clinic"},
                        {"clinic.logo", HANDOUT_SOURCE_DIR "/content/clinics/riverside-logo.png"}};
};

const Fixture& fixture() {
  static const Fixture instance;
  return instance;
}

void typeset_and_paint(const LayoutSpec& layout) {
  const Fixture& fixed = fixture();
  Warnings warnings;
  Typesetter typesetter(fixed.fonts, layout, fixed.document, warnings, fixed.values);
  Pages pages = layout.fit.enabled
                    ? typesetter.typeset(find_fitting_size(typesetter, layout.fit, fixed.document.path).fitting)
                    : typesetter.typeset(layout.body.size);
  pages.info.date = "2026-05-06T00:00:00Z";
  std::string pdf = paint_cairo_pdf(pages);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // A Pango warning or failed assertion (a size that is not a size) means handout passed on
  // what it should have refused: abort, so libFuzzer reports it.
  g_log_set_always_fatal(static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL));
  fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const std::string path = "fuzzed-layout.toml";
  std::optional<LayoutSpec> spec;
  fuzz::expecting_handout_errors([&] { spec = parse_layout(text, path); }, text, path);
  if (!spec) return 0;
  fuzz::expecting_handout_errors([&] { typeset_and_paint(*spec); }, text, path);
  fuzz::expecting_handout_errors([&] { typeset_and_paint(with_text_scale(*spec, 1.3)); }, text, path);
  return 0;
}
