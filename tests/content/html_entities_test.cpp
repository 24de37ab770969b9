#include <catch2/catch.hpp>

#include <set>

#include "content/html_entities.h"
#include "content/markdown_parser.h"

using namespace handout;

TEST_CASE("named entities decode to their UTF-8 text") {
  CHECK(decode_html_entity("&ntilde;") == "\u00F1");
  CHECK(decode_html_entity("&Ntilde;") == "\u00D1");
  CHECK(decode_html_entity("&eacute;") == "\u00E9");
  CHECK(decode_html_entity("&iquest;") == "\u00BF");
  CHECK(decode_html_entity("&iexcl;") == "\u00A1");
  CHECK(decode_html_entity("&laquo;") == "\u00AB");
  CHECK(decode_html_entity("&raquo;") == "\u00BB");
  CHECK(decode_html_entity("&amp;") == "&");
  CHECK(decode_html_entity("&AMP;") == "&");
  CHECK(decode_html_entity("&HilbertSpace;") == "\u210B");
  CHECK(decode_html_entity("&ClockwiseContourIntegral;") == "\u2232");
  CHECK(decode_html_entity("&Dcaron;") == "\u010E");
  CHECK(decode_html_entity("&fjlig;") == "fj");
  CHECK(decode_html_entity("&zwnj;") == "\u200C");
  CHECK(decode_html_entity("&Afr;") == "\U0001D504");  // outside the Basic Multilingual Plane
}

TEST_CASE("some entities are two code points") {
  CHECK(decode_html_entity("&ngE;") == "\u2267\u0338");
  CHECK(decode_html_entity("&NotNestedLessLess;") == "\u2AA1\u0338");
  CHECK(decode_html_entity("&bne;") == "=\u20E5");
  CHECK(decode_html_entity("&acE;") == "\u223E\u0333");
}

TEST_CASE("names are case-sensitive, need their semicolon, and must be HTML5 names") {
  CHECK_FALSE(decode_html_entity("&NTILDE;"));
  CHECK_FALSE(decode_html_entity("&copy"));  // HTML accepts it; CommonMark does not
  CHECK_FALSE(decode_html_entity("&MadeUpEntity;"));
  CHECK_FALSE(decode_html_entity("&ThisIsNotDefined;"));
  CHECK_FALSE(decode_html_entity("&;"));
  CHECK_FALSE(decode_html_entity("ntilde;"));
  // Past both ends of the sorted table.
  CHECK_FALSE(decode_html_entity("&AAAA;"));
  CHECK_FALSE(decode_html_entity("&zzzz;"));
}

TEST_CASE("every HTML5 name is in the table, once, and the binary search finds each") {
  auto table = html_named_entities();
  CHECK(table.size() == 2125);  // the WHATWG list of names ending in ';'
  std::set<std::string_view> names;
  for (const NamedEntity& entity : table) {
    INFO(entity.name);
    CHECK(names.insert(entity.name).second);
    std::string reference = "&";
    reference.append(entity.name).push_back(';');
    auto decoded = decode_html_entity(reference);
    REQUIRE(decoded);
    CHECK_FALSE(decoded->empty());
  }
}

TEST_CASE("numeric references follow CommonMark") {
  CHECK(decode_html_entity("&#35;") == "#");
  CHECK(decode_html_entity("&#1234;") == "\u04D2");
  CHECK(decode_html_entity("&#992;") == "\u03E0");
  CHECK(decode_html_entity("&#X22;") == "\"");
  CHECK(decode_html_entity("&#XD06;") == "\u0D06");
  CHECK(decode_html_entity("&#xcab;") == "\u0CAB");
  CHECK(decode_html_entity("&#x1F600;") == "\U0001F600");
  CHECK(decode_html_entity("&#0;") == "\uFFFD");          // NUL
  CHECK(decode_html_entity("&#xD800;") == "\uFFFD");      // a surrogate
  CHECK(decode_html_entity("&#1114112;") == "\uFFFD");    // past U+10FFFF
  CHECK(decode_html_entity("&#9999999;") == "\uFFFD");    // 7 digits: a reference, but no code point
  CHECK_FALSE(decode_html_entity("&#87654321;"));         // 8 digits: not a reference
  CHECK_FALSE(decode_html_entity("&#x1000000;"));         // 7 hex digits: not a reference
  CHECK_FALSE(decode_html_entity("&#;"));
  CHECK_FALSE(decode_html_entity("&#x;"));
  CHECK_FALSE(decode_html_entity("&#abcdef0;"));
  CHECK_FALSE(decode_html_entity("&#-1;"));
}

TEST_CASE("Spanish text with entities reads as written, and an unknown name is kept with a warning") {
  Warnings warnings;
  auto blocks = parse_markdown(
      MarkdownSource{"&iquest;Qu&eacute; es la met&aacute;stasis &oacute;sea? &laquo;Se&ntilde;ales&raquo; &fakename;\n",
                     "es.md", 3, "."},
      warnings);
  REQUIRE(blocks.size() == 1);
  CHECK(plain_text(blocks[0].text) ==
        "\u00BFQu\u00E9 es la met\u00E1stasis \u00F3sea? \u00ABSe\u00F1ales\u00BB &fakename;");
  REQUIRE(warnings.items().size() == 1);
  CHECK(warnings.items()[0].message.find("&fakename;") != std::string::npos);
  CHECK(warnings.items()[0].place.line == 3);
  CHECK(warnings.items()[0].place.column == 86);
}
