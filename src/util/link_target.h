#pragma once
// Link targets: which ones a handout may carry, and how one is written into a PDF string.
// A PDF goes to patients by e-mail: a link must only ever open a web page, a mail or a call.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

// The schemes allowed when a layout says nothing.
const std::vector<std::string>& default_link_schemes();

// Schemes that run code or reach local files and devices: no layout may allow them.
bool is_forbidden_link_scheme(std::string_view scheme);

// Why `scheme` may not stand in a list of allowed schemes (a layout's or a project's), as the
// end of a message after the key: "has \"X\", which is not ..." or "cannot allow \"X\": ...";
// nothing when it may.
std::optional<std::string> allowed_scheme_problem(const std::string& scheme);

// The scheme of an absolute URI (RFC 3986: a letter, then letters, digits, '+', '-', '.',
// before the first ':'), lower-cased; nothing for a relative reference ("page.html",
// "#part", "//host/x") or an empty one.
std::optional<std::string> link_scheme(std::string_view target);

enum class LinkVerdict {
  allowed,   // an absolute URI of an allowed scheme
  relative,  // no scheme: it has no meaning in a PDF sent on its own
  refused,   // a scheme not in the list
};
LinkVerdict judge_link(std::string_view target, const std::vector<std::string>& schemes);

// The URI as a PDF's /URI wants it: 7-bit ASCII, so every byte outside '!'..'~' (spaces,
// control characters, UTF-8) is percent-encoded, as a browser would send it.
std::string ascii_uri(std::string_view target);

// The body of a PDF literal string holding `text`: '(', ')' and '\' escaped with a backslash,
// any byte outside printable ASCII written as an octal escape. What a PDF reader reads back
// from "(" + pdf_string_body(text) + ")" is `text`, byte for byte.
std::string pdf_string_body(std::string_view text);

}  // namespace handout
