#include <catch2/catch.hpp>

#include "layout/template_text.h"

using namespace handout;

TEST_CASE("templates expand their placeholders") {
  TemplateValues values{{"page", "2"}, {"pages", "5"}, {"title", "Bone health"}};
  CHECK(expand_template("Page {page} of {pages}", values) == "Page 2 of 5");
  CHECK(expand_template("{title} {{draft}}", values) == "Bone health {draft}");
}

TEST_CASE("template mistakes are found before any page is set") {
  CHECK_FALSE(check_template("Page {page} of {pages}"));
  REQUIRE(check_template("Page {pgae}"));
  CHECK(check_template("Page {pgae}")->find("unknown placeholder '{pgae}'") != std::string::npos);
  CHECK(check_template("Page {page")->find("unclosed") != std::string::npos);
  CHECK(check_template("a } b")->find("unmatched") != std::string::npos);
}

TEST_CASE("a placeholder's alternatives give the first value there is") {
  TemplateValues values{{"organisation", "Northfield"}};
  CHECK(expand_template("{clinic.name|organisation}", values) == "Northfield");
  values["clinic.name"] = "Riverside";
  CHECK(expand_template("{clinic.name|organisation}", values) == "Riverside");
  CHECK_FALSE(check_template("{clinic.name|organisation}"));
  CHECK(check_template("{clinic.name|organisaton}")->find("'{organisaton}'") != std::string::npos);
  CHECK(missing_template_value("{clinic.phone} {page}", values) == std::optional<std::string>("clinic.phone"));
}

TEST_CASE("a part of a template whose value is missing goes, with its separator") {
  TemplateValues values{{"source", ""}, {"reviewed", "1 January 2019"}, {"organisation", "Northfield"},
                        {"page", "1"}, {"pages", "2"}};
  CHECK(expand_template("Source: {source} · reviewed {reviewed}", values) == "reviewed 1 January 2019");
  CHECK(expand_template("{organisation} · Source: {source} · Page {page} of {pages}", values) ==
        "Northfield · Page 1 of 2");
  CHECK(expand_template("{organisation} | {clinic.phone}", values) == "Northfield");
  CHECK(expand_template("Source: {source}", values) == "");
  values["source"] = "cancer.gov";
  CHECK(expand_template("Source: {source} · reviewed {reviewed}", values) ==
        "Source: cancer.gov · reviewed 1 January 2019");
  // A dot with no spaces around it is no separator; an empty alternative gives way to the next.
  CHECK(expand_template("a·{clinic.name}", values) == "");
  values["clinic.name"] = "";
  CHECK(expand_template("{clinic.name|organisation}", values) == "Northfield");
}
