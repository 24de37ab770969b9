#include "content/content_loader.h"

#include <fmt/format.h>
#include <glib.h>

#include <algorithm>
#include <filesystem>

#include "content/front_matter.h"
#include "content/markdown_parser.h"
#include "util/text.h"

namespace handout {

Document load_document(const std::string& path, Warnings& warnings) {
  return parse_document(read_file(path), path, warnings);
}

namespace {

// Pango and Cairo take only UTF-8, and would set an article that is not with its bytes replaced
// (and a warning on the terminal only): an error at the first byte that is not UTF-8 instead.
// A NUL character is valid (CommonMark sets it as U+FFFD); GLib's validator stops at one.
void require_utf8(std::string_view text, const std::string& path) {
  std::size_t start = 0;
  while (start < text.size()) {
    const gchar* end = nullptr;
    if (g_utf8_validate_len(text.data() + start, text.size() - start, &end)) return;
    std::size_t offset = static_cast<std::size_t>(end - text.data());
    if (text[offset] != '\0') {
      std::string_view before = text.substr(0, offset);
      std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
      int line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
      throw HandoutError({path, line, static_cast<int>(offset - line_start) + 1},
                         fmt::format("the article is not UTF-8 text: byte 0x{:02X} cannot start or continue a "
                                     "character here (save the file as UTF-8)",
                                     static_cast<unsigned char>(text[offset])));
    }
    start = offset + 1;
  }
}

}  // namespace

Document parse_document(std::string_view text, const std::string& path, Warnings& warnings) {
  require_utf8(text, path);
  ArticleParts parts = split_article(text, path);
  Document document;
  document.path = path;
  document.name = std::filesystem::path(path).stem().string();
  document.metadata = parse_front_matter(parts.front_matter, path, parts.front_matter_first_line);
  MarkdownSource source{parts.body, path, parts.body_first_line,
                        std::filesystem::path(path).parent_path().string()};
  document.blocks = parse_markdown(source, warnings);
  if (document.blocks.empty()) throw HandoutError({path}, "the article has no body text");
  return document;
}

}  // namespace handout
