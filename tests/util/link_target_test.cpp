#include <catch2/catch.hpp>

#include "util/link_target.h"

using namespace handout;

TEST_CASE("a link's scheme decides whether a handout may carry it") {
  const auto& schemes = default_link_schemes();
  CHECK(judge_link("https://example.org", schemes) == LinkVerdict::allowed);
  CHECK(judge_link("HTTP://example.org", schemes) == LinkVerdict::allowed);
  CHECK(judge_link("mailto:a@example.org", schemes) == LinkVerdict::allowed);
  CHECK(judge_link("tel:+441614960732", schemes) == LinkVerdict::allowed);
  for (const char* refused : {"javascript:alert(1)", "JaVaScRiPt:x", "file:///etc/passwd", "launch:x", "data:,x",
                              "smb://h/s", "vbscript:x", "ftp://example.org", " javascript:x", "\tjavascript:x"})
    CHECK(judge_link(refused, schemes) == LinkVerdict::refused);
  for (const char* relative : {"page.html", "#part", "//example.org/x", "", "a/b:c", "1abc:x", ":x"})
    CHECK(judge_link(relative, schemes) == LinkVerdict::relative);
  // Even a layout that lists a code-running scheme does not make it allowed.
  CHECK(judge_link("javascript:x", {"javascript"}) == LinkVerdict::refused);
  CHECK(judge_link("ftp://example.org", {"ftp"}) == LinkVerdict::allowed);
}

TEST_CASE("a URI is written as printable ASCII inside an escaped PDF string") {
  CHECK(ascii_uri("https://example.org/caf\xC3\xA9 x\n") == "https://example.org/caf%C3%A9%20x%0A");
  CHECK(ascii_uri("http://a) /S /Launch") == "http://a)%20/S%20/Launch");
  CHECK(pdf_string_body("a) /S /JavaScript /JS (app\\x") == "a\\) /S /JavaScript /JS \\(app\\\\x");
  CHECK(pdf_string_body(std::string("\x01\xff", 2)) == "\\001\\377");
  // Balanced or not, no parenthesis is left to end the string early.
  std::string body = pdf_string_body("))((\\");
  for (std::size_t i = 0; i < body.size(); ++i)
    if (body[i] == '(' || body[i] == ')') CHECK((i > 0 && body[i - 1] == '\\'));
}
