#include "util/text.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/diagnostic.h"

namespace handout {

std::string trim(std::string_view text) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string lowercase_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool in_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) out += ' ';
    in_space = false;
    out += c;
  }
  return out;
}

std::string read_file(const std::string& path) {
  // A folder opens as an empty stream: it would pass as an empty layout or article.
  std::error_code error;
  std::filesystem::file_status status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::directory)
    throw HandoutError({path}, "cannot read file: this is a folder, not a regular file");
  if (!error && status.type() != std::filesystem::file_type::regular && status.type() != std::filesystem::file_type::not_found)
    throw HandoutError({path}, "cannot read file: not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HandoutError({path}, "cannot read file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::optional<std::string> regular_file_problem(const std::string& path) {
  std::error_code error;
  std::filesystem::file_status status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) return "not found";
  if (error) return error.message();
  if (status.type() != std::filesystem::file_type::regular) return "not a file";
  return std::nullopt;
}

}  // namespace handout
