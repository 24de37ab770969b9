#include "util/link_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace handout {

const std::vector<std::string>& default_link_schemes() {
  static const std::vector<std::string> schemes{"http", "https", "mailto", "tel"};
  return schemes;
}

bool is_forbidden_link_scheme(std::string_view scheme) {
  static const char* forbidden[] = {"javascript", "vbscript", "file", "data", "launch", "smb", "cifs", "nfs", "jar",
                                    "ms-msdt", "search-ms", "ms-officecmd", "res", "about", "blob", "filesystem"};
  return std::any_of(std::begin(forbidden), std::end(forbidden), [&](const char* name) { return scheme == name; });
}

std::optional<std::string> link_scheme(std::string_view target) {
  std::size_t colon = target.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  if (!std::isalpha(static_cast<unsigned char>(target[0]))) return std::nullopt;
  std::string scheme;
  for (char c : target.substr(0, colon)) {
    auto byte = static_cast<unsigned char>(c);
    if (!std::isalnum(byte) && c != '+' && c != '-' && c != '.') return std::nullopt;  // "a/b:c" is a path
    scheme += static_cast<char>(std::tolower(byte));
  }
  return scheme;
}

LinkVerdict judge_link(std::string_view target, const std::vector<std::string>& schemes) {
  // Leading spaces or control characters would hide a scheme from this test but not from a
  // reader that trims them: such a target is refused outright.
  if (!target.empty() && static_cast<unsigned char>(target.front()) <= ' ') return LinkVerdict::refused;
  std::optional<std::string> scheme = link_scheme(target);
  if (!scheme) return LinkVerdict::relative;
  if (is_forbidden_link_scheme(*scheme)) return LinkVerdict::refused;
  return std::find(schemes.begin(), schemes.end(), *scheme) != schemes.end() ? LinkVerdict::allowed
                                                                            : LinkVerdict::refused;
}

std::string ascii_uri(std::string_view target) {
  std::string out;
  for (char c : target) {
    auto byte = static_cast<unsigned char>(c);
    if (byte > ' ' && byte < 0x7f)
      out += c;
    else
      out += fmt::format("%{:02X}", byte);
  }
  return out;
}

std::string pdf_string_body(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '(' || c == ')' || c == '\\')
      out += {'\\', c};
    else if (byte < ' ' || byte >= 0x7f)
      out += fmt::format("\\{:03o}", byte);
    else
      out += c;
  }
  return out;
}

std::optional<std::string> allowed_scheme_problem(const std::string& scheme) {
  // A scheme as RFC 3986 spells it, compared without regard to case.
  if (link_scheme(scheme + ":") != scheme)
    return fmt::format("has \"{}\", which is not a lower-case URI scheme (such as \"https\")", scheme);
  if (is_forbidden_link_scheme(scheme))
    return fmt::format("cannot allow \"{}\": links of that scheme run code or open local files", scheme);
  return std::nullopt;
}

}  // namespace handout
