// A text the first family of its family list can show is set with that family alone (one
// fontconfig pattern for each size and style instead of two); the faces must not change.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "typeset/font_set.h"
#include "typeset/test_fixtures.h"
#include "typeset/text_layout.h"

using namespace handout;
using handout::testing::fonts_dir;

namespace {

struct RunFace {
  PangoFont* font;
  std::string family;
  std::vector<PangoGlyphInfo> glyphs;
};

std::vector<RunFace> faces_of(PangoLayout* layout) {
  std::vector<RunFace> faces;
  for (GSList* line = pango_layout_get_lines_readonly(layout); line; line = line->next)
    for (GSList* node = static_cast<PangoLayoutLine*>(line->data)->runs; node; node = node->next) {
      const auto* run = static_cast<const PangoGlyphItem*>(node->data);
      FontDescriptionPtr described(pango_font_describe(run->item->analysis.font));
      faces.push_back({run->item->analysis.font, pango_font_description_get_family(described.get()),
                       {run->glyphs->glyphs, run->glyphs->glyphs + run->glyphs->num_glyphs}});
    }
  return faces;
}

// The text set as it was before a family list was ever cut short: with the whole list.
GObjectPtr<PangoLayout> with_whole_list(const FontSet& fonts, const std::string& text, const TextSpec& spec) {
  GObjectPtr<PangoLayout> layout(pango_layout_new(fonts.context()));
  FontDescriptionPtr description(pango_font_description_new());
  pango_font_description_set_family(description.get(), spec.font.family.c_str());
  pango_font_description_set_absolute_size(description.get(), spec.font.size * PANGO_SCALE);
  pango_font_description_set_weight(description.get(), spec.font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  AttrListPtr attributes(pango_attr_list_new());
  pango_attr_list_insert(attributes.get(), pango_attr_language_new(pango_language_from_string(spec.language.c_str())));
  pango_layout_set_attributes(layout.get(), attributes.get());
  return layout;
}

}  // namespace

TEST_CASE("a family covers what every one of its faces shows; spaces, controls and format characters need no glyph") {
  FontCatalog catalog(fonts_dir());
  CHECK(catalog.covers("Atkinson Hyperlegible", "Bone scans find 50 mg/dL (at night)."));
  CHECK(catalog.covers("Atkinson Hyperlegible", "one\nline\u00ADbreak\u2028next\tcell"));
  CHECK(catalog.covers("Atkinson Hyperlegible", ""));
  CHECK_FALSE(catalog.covers("Atkinson Hyperlegible", "Vi\u1EC7t Nam"));  // Vietnamese letters
  CHECK(catalog.covers("Noto Sans", "Vi\u1EC7t Nam"));
  CHECK_FALSE(catalog.covers("Atkinson Hyperlegible", "\u0645\u0631\u062D\u0628\u0627"));
  CHECK(catalog.covers("Noto Sans Arabic", "\u0645\u0631\u062D\u0628\u0627"));
  CHECK_FALSE(catalog.covers("No Such Family", "a"));
  CHECK_FALSE(catalog.covers("Atkinson Hyperlegible", "bad \xff byte"));
}

TEST_CASE("a text its first family covers is set in the very faces and glyphs its whole family list gives") {
  FontSet fonts(fonts_dir());
  TextSpec spec;
  spec.font.family = fonts.catalog().family_list("Atkinson Hyperlegible", "en", true);
  REQUIRE(spec.font.family.find(',') != std::string::npos);
  spec.language = "en";
  for (double size : {9.0, 10.3945, 12.0})
    for (bool bold : {false, true}) {
      spec.font.size = size;
      spec.font.bold = bold;
      const std::string text = "Bone scans find metastases before symptoms appear: 50 mg/dL.";
      SetText set = set_text(fonts, InlineText{TextRun{text, style_plain, {}}}, spec);
      CHECK(std::string(pango_font_description_get_family(pango_layout_get_font_description(set.layout.get()))) ==
            "Atkinson Hyperlegible");
      std::vector<RunFace> cut = faces_of(set.layout.get());
      GObjectPtr<PangoLayout> whole = with_whole_list(fonts, text, spec);
      std::vector<RunFace> listed = faces_of(whole.get());
      REQUIRE(cut.size() == listed.size());
      for (std::size_t i = 0; i < cut.size(); ++i) {
        CHECK(cut[i].font == listed[i].font);  // the same font object: the same face at the same size
        CHECK(cut[i].family == "Atkinson Hyperlegible");
        REQUIRE(cut[i].glyphs.size() == listed[i].glyphs.size());
        for (std::size_t g = 0; g < cut[i].glyphs.size(); ++g) {
          CHECK(cut[i].glyphs[g].glyph == listed[i].glyphs[g].glyph);
          CHECK(cut[i].glyphs[g].geometry.width == listed[i].glyphs[g].geometry.width);
        }
      }
    }
}

TEST_CASE("a character the first family lacks still comes from the family list's fallback") {
  FontSet fonts(fonts_dir());
  TextSpec spec;
  spec.font.family = fonts.catalog().family_list("Atkinson Hyperlegible", "en", true);
  spec.code_family = fonts.catalog().family_list("Noto Sans Mono", "en", false);
  spec.language = "en";
  InlineText text{TextRun{"Say \u0645\u0631\u062D\u0628\u0627 and run ", style_plain, {}},
                  TextRun{"ls \u0645", style_code, {}}};
  SetText set = set_text(fonts, text, spec);
  CHECK(pango_font_description_get_family(pango_layout_get_font_description(set.layout.get())) == spec.font.family);
  std::vector<std::string> families;
  for (const RunFace& face : faces_of(set.layout.get())) families.push_back(face.family);
  CHECK(set.unknown_glyphs == 0);
  CHECK(std::find(families.begin(), families.end(), "Atkinson Hyperlegible") != families.end());
  CHECK(std::find(families.begin(), families.end(), "Noto Sans Arabic") != families.end());
  CHECK(std::find(families.begin(), families.end(), "Noto Sans Mono") != families.end());
}
