#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "layout/layout_loader.h"
#include "layout/locale_strings.h"
#include "layout/template_text.h"
#include "support/layout_errors.h"

using namespace handout;
using handout::testing::layout_error_of;

namespace {

std::multiset<std::string> placeholders(const std::string& text) {
  std::multiset<std::string> names;
  std::regex placeholder("\\{([a-z_.|]+)\\}");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1]);
  return names;
}

}  // namespace

TEST_CASE("every bundled language has every English string, with the same placeholders") {
  std::vector<std::string> languages = builtin_languages();
  for (std::string wanted : {"en", "es", "fr", "de", "pt", "vi", "zh", "ar", "ko", "ru", "tl"})
    CHECK(std::find(languages.begin(), languages.end(), wanted) != languages.end());
  const StringMap& english = english_strings();
  REQUIRE(english.count("page_of_pages"));
  for (const std::string& language : languages) {
    const StringMap* table = builtin_strings(language);
    REQUIRE(table);
    CHECK(table->size() == english.size());
    for (const auto& [key, text] : english) {
      INFO(language << ": " << key);
      REQUIRE(table->count(key));
      CHECK(placeholders(table->at(key)) == placeholders(text));
      CHECK_FALSE(table->at(key).empty());
      if (language != "en" && key != "figure") CHECK(table->at(key) != text);  // translated, not copied
    }
  }
}

TEST_CASE("a language tag finds its table by its primary subtag") {
  REQUIRE(builtin_strings("es-MX"));
  CHECK(builtin_strings("es-MX") == builtin_strings("es"));
  CHECK(builtin_strings("pt_BR") == builtin_strings("pt"));
  CHECK(builtin_strings("ZH-Hans") == builtin_strings("zh"));
  CHECK(builtin_strings("xx") == nullptr);
}

TEST_CASE("a layout's strings override the language's, per language first") {
  LayoutStrings layout;
  layout.common["figure"] = "Illustration";
  layout.by_language["es"]["figure"] = "Ilustración";
  Warnings warnings;
  SourcePlace place{"a.md"};
  CHECK(LocaleStrings("es-ES", layout).get("figure", warnings, place) == "Ilustración");
  CHECK(LocaleStrings("fr", layout).get("figure", warnings, place) == "Illustration");
  CHECK(LocaleStrings("fr", {}).get("page_of_pages", warnings, place) == "Page {page} sur {pages}");
  CHECK(LocaleStrings("de", {}).get("page_of_pages", warnings, place) == "Seite {page} von {pages}");
  CHECK(warnings.items().empty());
}

TEST_CASE("a language without a table falls back to English, with one warning") {
  Warnings warnings;
  LocaleStrings strings("it", {});
  SourcePlace place{"content/a.md"};
  CHECK(strings.get("page_of_pages", warnings, place) == "Page {page} of {pages}");
  CHECK(strings.get("figure", warnings, place) == "Figure");
  REQUIRE(warnings.items().size() == 1);
  CHECK(warnings.items()[0].place.path == "content/a.md");
  CHECK(warnings.items()[0].message.find("'it'") != std::string::npos);

  // A key the layout adds for one language only: English has none, so another language gets it
  // from the layout's own [strings] or not at all.
  LayoutStrings layout;
  layout.by_language["es"]["helpline"] = "Línea de ayuda";
  layout.common["helpline"] = "Helpline";
  CHECK(LocaleStrings("es", layout).get("helpline", warnings, place) == "Línea de ayuda");
  CHECK(LocaleStrings("vi", layout).get("helpline", warnings, place) == "Helpline");
}

TEST_CASE("templates name strings as {text.KEY}") {
  CHECK(string_keys_in("{text.page_of_pages} · {title} {{text.no}} {clinic.name|text.figure}") ==
        std::vector<std::string>{"page_of_pages", "figure"});
  LayoutSpec spec = parse_layout(
      "[strings]\nhelpline = \"Helpline {clinic.phone}\"\n[strings.es]\nhelpline = \"Ayuda {clinic.phone}\"\n"
      "[footer]\nleft = \"{text.helpline}\"\nright = \"{text.page_of_pages}\"\n",
      "layouts/x.toml");
  CHECK(spec.strings.common.at("helpline") == "Helpline {clinic.phone}");
  CHECK(spec.strings.by_language.at("es").at("helpline") == "Ayuda {clinic.phone}");
}

TEST_CASE("string errors are at their keys") {
  Diagnostic unknown = layout_error_of("[footer]\n\nright = \"{text.page_of}\"\n");
  CHECK(unknown.place.line == 3);
  CHECK(unknown.place.column == 9);
  CHECK(unknown.message.find("no string 'page_of'") != std::string::npos);

  Diagnostic placeholder = layout_error_of("[strings]\nfigure = \"{nope}\"\n");
  CHECK(placeholder.place.line == 2);
  CHECK(placeholder.message.find("unknown placeholder '{nope}'") != std::string::npos);

  Diagnostic nested = layout_error_of("[strings.es]\nfigure = \"{text.figure}\"\n");
  CHECK(nested.place.line == 2);
  CHECK(nested.message.find("cannot name another string") != std::string::npos);

  Diagnostic tag = layout_error_of("[strings.\"e s\"]\nfigure = \"x\"\n");
  CHECK(tag.place.line == 1);
  CHECK(tag.message.find("language tag") != std::string::npos);

  Diagnostic type = layout_error_of("[strings]\nfigure = 3\n");
  CHECK(type.place.line == 2);
}
