#include <catch2/catch.hpp>

#include "content/glossary.h"

using namespace handout;

namespace {

std::string error_of(const std::string& text) {
  try {
    parse_glossary(text, "content/glossary.toml");
  } catch (const HandoutError& error) {
    return error.diagnostic().to_string();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a glossary reads terms, pronunciations, forms and a watch list") {
  Glossary glossary = parse_glossary(R"(watch = ["-ectomy", "Metasta"]

[[term]]
term = "Inferior  Vena Cava"
sounds_like = "in-FEER-ee-ur VEE-nuh KAY-vuh"
definition = " the large vein from the lower body to the heart "
forms = ["IVC"]
)",
                                     "g.toml");
  REQUIRE(glossary.entries.size() == 1);
  const GlossaryEntry& entry = glossary.entries[0];
  CHECK(entry.term == "Inferior  Vena Cava");
  CHECK(entry.definition == "the large vein from the lower body to the heart");
  CHECK(entry.forms == std::vector<std::string>{"inferior vena cava", "ivc"});
  CHECK(entry.place.line == 3);
  REQUIRE(glossary.watch.size() == 2);
  CHECK(glossary.watch[0].suffix);
  CHECK(glossary.watch[0].text == "ectomy");
  CHECK_FALSE(glossary.watch[1].suffix);
  CHECK(glossary.watch[1].text == "metasta");
}

TEST_CASE("glossary mistakes are errors at their place") {
  CHECK(error_of("[[term]]\nterm = \"x\"\n") ==
        "content/glossary.toml:1:1: error: missing key 'term[1].definition'");
  CHECK(error_of("[[term]]\nterm = \"bone scan\"\ndefinition = \"a test\"\nmeaning = \"?\"\n")
            .rfind("content/glossary.toml:4:1: error: unknown key 'term[1].meaning'", 0) == 0);
  CHECK(error_of("[[term]]\nterm = \"  \"\ndefinition = \"a test\"\n") ==
        "content/glossary.toml:2:8: error: 'term[1].term' must not be empty");
  CHECK(error_of("watch = [\"-it\"]\n").rfind("content/glossary.toml:1:10: error: 'watch' has \"-it\"", 0) == 0);
  CHECK(error_of("term = \"x\"\n") ==
        "content/glossary.toml:1:8: error: 'term' must be an array of tables: write each term as [[term]]");
  CHECK(error_of("[[term]]\nterm = \"bone scan\"\ndefinition = \"a\"\n[[term]]\nterm = \"scan\"\ndefinition = "
                 "\"b\"\nforms = [\"Bone Scan\"]\n") ==
        "content/glossary.toml:7:10: error: \"Bone Scan\" is already a form of the term \"bone scan\"");
  CHECK(error_of("[[term]]\nterm = \"x-ray!\"\ndefinition = \"a\"\n")
            .rfind("content/glossary.toml:2:8: error: \"x-ray!\" cannot be matched as words", 0) == 0);
  CHECK(error_of("[[term]]\nterm = \"x\"\ndefinition = \"a\"\nforms = \"y\"\n")
            .rfind("content/glossary.toml:4:9: error:", 0) == 0);
}
