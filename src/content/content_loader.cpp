#include "content/content_loader.h"

#include <fmt/format.h>
#include <glib.h>

#include <algorithm>
#include <filesystem>

#include "content/audience_marks.h"
#include "content/front_matter.h"
#include "content/markdown_parser.h"
#include "util/text.h"

namespace handout {

namespace {

// An article must be UTF-8: Pango would otherwise warn on its own, with no place, and set boxes.
void require_utf8(const std::string& text, const std::string& path) {
  // GLib refuses NUL bytes, which CommonMark allows (they become U+FFFD): validate around them.
  const gchar* end = nullptr;
  std::size_t start = 0;
  while (!g_utf8_validate_len(text.data() + start, text.size() - start, &end) && *end == '\0')
    start = static_cast<std::size_t>(end - text.data()) + 1;
  if (start >= text.size() || end == nullptr || end == text.data() + text.size()) return;
  std::size_t offset = static_cast<std::size_t>(end - text.data());
  std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string::npos || offset == 0) ? 0 : line_start + 1;
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  // The column counts characters, as editors do; the valid text before the bad byte is UTF-8.
  int column = 1 + static_cast<int>(g_utf8_strlen(text.data() + line_start, static_cast<gssize>(offset - line_start)));
  throw HandoutError({path, line, column},
                     fmt::format("the article is not valid UTF-8 (byte 0x{:02X}); save it as UTF-8",
                                 static_cast<unsigned char>(text[offset])));
}

}  // namespace

Document load_document(const std::string& path, Warnings& warnings) {
  return parse_document(path, read_file(path), warnings);
}

Document parse_document(const std::string& path, const std::string& text, Warnings& warnings) {
  require_utf8(text, path);
  ArticleParts parts = split_article(text, path);
  Document document;
  document.path = path;
  document.source = text;
  document.name = std::filesystem::path(path).stem().string();
  document.metadata = parse_front_matter(parts.front_matter, path, parts.front_matter_first_line);
  MarkdownSource source{parts.body, path, parts.body_first_line,
                        std::filesystem::path(path).parent_path().string()};
  document.blocks = parse_markdown(source, warnings);
  apply_audience_marks(document.blocks, warnings);
  if (document.blocks.empty()) {
    // Point at the body's first line, or at the closing fence when the file ends there.
    bool has_body_line = parts.body.find_first_not_of("\r\n") != std::string_view::npos;
    SourcePlace place{path, has_body_line ? parts.body_first_line : parts.body_first_line - 1, 1};
    throw HandoutError(place, "the article has no text to set: its body is empty or holds only what is not set "
                              "(raw HTML, link reference definitions)");
  }
  return document;
}

}  // namespace handout
