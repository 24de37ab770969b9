#pragma once
// Small text helpers shared by the stages.
#include <optional>
#include <string>
#include <string_view>

namespace handout {

std::string trim(std::string_view text);
std::string lowercase_ascii(std::string_view text);

// Collapses runs of white space to one space, as HTML and Markdown do for inline text.
std::string collapse_whitespace(std::string_view text);

std::string read_file(const std::string& path);  // throws HandoutError when unreadable

// Nothing when `path` names a regular file; else why not ("not found", "not a file", or the
// system's reason, such as "File name too long"), without throwing.
std::optional<std::string> regular_file_problem(const std::string& path);

}  // namespace handout
