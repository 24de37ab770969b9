// Articles in Spanish, Vietnamese, Chinese and Arabic (tests/data/language-*.md): every word
// reaches the handout in order, every character has a glyph from the project's own fonts, and
// the page furniture and dates are in the article's language.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "content/content_loader.h"
#include "e2e/article_words.h"
#include "e2e/pdf_tools.h"
#include "e2e/process.h"

using namespace handout;
using namespace handout::testing;

namespace {

const std::string binary = HANDOUT_BINARY;

struct Fixture {
  std::string name;
  std::vector<std::string> handout_furniture, summary_furniture;
  // No spaces between words (Chinese), ligatures poppler reorders (Arabic), spaces poppler drops
  // after some letters with a dot below (Vietnamese "trị hóa" extracts as "trịhóa").
  bool compare_characters;
  std::vector<std::string> running_heads = {};  // how the header and footer lines start
};

// The characters of `text` in order, without white space, directional marks, list numbers and
// (for Arabic) lam and alef, whose ligature poppler gives back in either order, and vowel marks.
std::u32string letters(const std::string& text, bool drop_lam_alef) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char byte = static_cast<unsigned char>(text[i]);
    int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? byte : byte & (0xFF >> (length + 1));
    for (int k = 1; k < length && i + k < text.size(); ++k) c = c << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += length;
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == 0x2028 || c == 0xA0;
    bool mark = (c >= 0x200E && c <= 0x200F) || (c >= 0x202A && c <= 0x202E);
    bool lam_alef = drop_lam_alef && (c == 0x0644 || c == 0x0627 || c == 0x0623 || c == 0x0625 || c == 0x0622);
    bool vowel_mark = drop_lam_alef && ((c >= 0x064B && c <= 0x065F) || c == 0x0670);  // order varies too
    if (!space && !mark && !lam_alef && !vowel_mark) out += c;
  }
  return out;
}

// How much of `wanted` appears, in order, within `text` (other characters may stand between).
std::size_t in_order(const std::u32string& wanted, const std::u32string& text) {
  std::size_t found = 0;
  for (char32_t c : text)
    if (found < wanted.size() && wanted[found] == c) ++found;
  return found;
}

}  // namespace

TEST_CASE("articles in other languages keep their words, glyphs, furniture and dates") {
  const std::vector<Fixture> fixtures = {
      {"language-es", {"Página 1 de 2", "Página 2 de 2", "Revisado el 14 de marzo de 2026"},
       {"Resumen clínico: Cómo controlar", "revisado el 14 de marzo de 2026", "Página 1 de 1"}, false,
       {"Clínica del Corazón de Northfield", "Revisado el"}},
      {"language-vi", {"Trang 1/{pages}", "Xem xét lần cuối: 8 tháng 5, 2026"},
       {"Tóm tắt cho bác sĩ:", "Trang 1/1"}, true},
      {"language-zh", {"第 1 页，共 1 页", "审阅日期：2026年6月30日"}, {"临床摘要：", "第 1 页，共 1 页"}, true},
      {"language-ar", {"صفحة 1 من 2", "سبتمبر"}, {"ملخص للأطباء", "صفحة 1 من 1"}, true},
  };
  for (const Fixture& fixture : fixtures) {
    INFO(fixture.name);
    TempFolder out;
    const std::string article = "tests/data/" + fixture.name + ".md";
    ProcessResult result = run_command(quote(binary) + " build --no-project " + article +
                                       " --layout patient-handout --layout clinician-summary --out " + quote(out.path()));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    // Every character found a glyph in a font the project names: no missing-glyph warning.
    CHECK(result.err.find("no glyph") == std::string::npos);
    CHECK(result.err.find("U+") == std::string::npos);
    CHECK(result.err.find("string table") == std::string::npos);  // every word from the language's table

    const std::string handout = out.path() + "/" + fixture.name + ".patient-handout.pdf";
    const std::string summary = out.path() + "/" + fixture.name + ".clinician-summary.pdf";
    REQUIRE(page_count(summary) == 1);
    std::string handout_text = pdf_text(handout), summary_text = pdf_text(summary);
    // pdftotext puts directional marks around numbers in right-to-left lines: compare letters.
    auto shows = [&](const std::string& text, const std::string& words) {
      if (!fixture.compare_characters) return text.find(words) != std::string::npos;
      const bool arabic = fixture.name == "language-ar";
      return letters(text, arabic).find(letters(words, arabic)) != std::u32string::npos;
    };
    // "{pages}": the handout's page count, which the fixture's length does not fix.
    for (std::string words : fixture.handout_furniture) {
      if (auto at = words.find("{pages}"); at != std::string::npos)
        words.replace(at, 7, std::to_string(page_count(handout)));
      CHECK(shows(handout_text, words));
    }
    for (const std::string& words : fixture.summary_furniture) CHECK(shows(summary_text, words));
    for (std::string english : {"Page ", "Reviewed", "Clinician summary", "Source", "readability formula", "easy",
                                "difficult"}) {
      CHECK(handout_text.find(english) == std::string::npos);
      CHECK(summary_text.find(english) == std::string::npos);
    }
    // A glyph drawn as .notdef extracts as U+FFFD or nothing.
    CHECK(handout_text.find("\uFFFD") == std::string::npos);

    // Only fonts of fonts/ and those fonts/fonts.toml names, all embedded.
    ProcessResult fonts = run_command("pdffonts " + quote(handout));
    REQUIRE(fonts.exit_code == 0);
    std::istringstream lines(fonts.out);
    std::string line;
    int font_lines = 0;
    for (int n = 0; std::getline(lines, line); ++n) {
      if (n < 2 || line.empty()) continue;
      ++font_lines;
      INFO(line);
      bool ours = false;
      for (std::string family : {"AtkinsonHyperlegible", "NotoSans-", "NotoSansArabic", "NotoSansMono",
                                 "DroidSansFallback", "NanumGothic"})
        ours = ours || line.find("+" + family) != std::string::npos;
      CHECK(ours);
      CHECK(line.find(" yes yes ") != std::string::npos);  // embedded, as a subset
    }
    CHECK(font_lines > 0);

    Warnings warnings;
    Document document = load_document(std::string(HANDOUT_SOURCE_DIR) + "/" + article, warnings);
    if (fixture.compare_characters) {
      // Chinese has no spaces between words, and poppler returns Arabic lam-alef in either order:
      // compare the characters themselves, in order.
      const bool arabic = fixture.name == "language-ar";
      std::u32string wanted = letters(document_text(document.blocks), arabic);
      std::u32string got = letters(handout_text, arabic);
      REQUIRE(wanted.size() > 200);
      std::size_t found = in_order(wanted, got);
      INFO("characters in order: " << found << " of " << wanted.size());
      CHECK(found == wanted.size());
    } else {
      std::vector<std::string> wanted = document_words(document.blocks);
      REQUIRE(wanted.size() > 100);
      const std::vector<std::string> labels = {"1", "2", "3", "4", "\u2022"};  // list numbers and bullets
      std::vector<std::string> got = words_of(without_lines_starting(pdf_text(handout, "-raw"), fixture.running_heads));
      std::size_t mismatch = first_mismatch(wanted, got, labels);
      INFO("first word missing or out of order: " << (mismatch < wanted.size() ? wanted[mismatch] : "") << " (word "
                                                  << mismatch << " of " << wanted.size() << ")");
      CHECK(mismatch == wanted.size());
    }
  }
}

TEST_CASE("a character no named font has is a warning at its own line and column") {
  TempFolder out;
  const std::string article = out.path() + "/ethiopic.md";
  {
    std::ofstream file(article);
    file << "+++\ntitle = \"Glyphs\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n"
            "# Glyphs\n\nSome text,\nthen Ethiopic \u1230\u120B\u121D here.\n";
  }
  ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(article) +
                                     " --layout patient-handout --out " + quote(out.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find(article + ":11:15: warning: 3 character(s) have no glyph") != std::string::npos);
  CHECK(result.err.find("U+1230") != std::string::npos);
}

TEST_CASE("an Arabic summary starts in its right-hand column") {
  TempFolder out;
  ProcessResult result = run_command(quote(binary) + " build --no-project tests/data/language-ar.md --layout "
                                     "clinician-summary --out " + quote(out.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string pdf = out.path() + "/language-ar.clinician-summary.pdf";
  // The article's first paragraph, and its last, by halves of the A4 page (595 pt wide).
  auto half = [&](int x) {
    return run_command("pdftotext -x " + std::to_string(x) + " -y 100 -W 297 -H 650 " + quote(pdf) + " -").out;
  };
  const std::string first = "\u064a\u0645\u0643\u0646";  // the first word, "يمكن"
  CHECK(half(297).find(first) != std::string::npos);
  CHECK(half(0).find(first) == std::string::npos);
  CHECK(half(0).find("\u0641\u0648\u0631") != std::string::npos);  // the last paragraph's "فور(اً)"
}

TEST_CASE("a layout's [strings.LANGUAGE] table replaces the language's words") {
  TempFolder out;
  std::string layout = out.path() + "/handout-es.toml";
  {
    std::ofstream file(layout);
    file << "[strings.es]\npage_of_pages = \"Hoja {page} de {pages}\"\n"
            "[footer]\nleft = \"{text.reviewed_on}\"\nright = \"{text.page_of_pages}\"\n";
  }
  ProcessResult result = run_command(quote(binary) + " build --no-project tests/data/language-es.md --layout " +
                                     quote(layout) + " --out " + quote(out.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::string text = pdf_text(out.path() + "/language-es.handout-es.pdf");
  CHECK(text.find("Hoja 1 de ") != std::string::npos);
  CHECK(text.find("Página") == std::string::npos);
  CHECK(text.find("Revisado el 14 de marzo de 2026") != std::string::npos);
}
