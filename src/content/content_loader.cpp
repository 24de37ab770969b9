#include "content/content_loader.h"

#include <filesystem>

#include "content/front_matter.h"
#include "content/markdown_parser.h"
#include "util/text.h"

namespace handout {

Document load_document(const std::string& path, Warnings& warnings) {
  return parse_document(path, read_file(path), warnings);
}

Document parse_document(const std::string& path, const std::string& text, Warnings& warnings) {
  ArticleParts parts = split_article(text, path);
  Document document;
  document.path = path;
  document.name = std::filesystem::path(path).stem().string();
  document.metadata = parse_front_matter(parts.front_matter, path, parts.front_matter_first_line);
  MarkdownSource source{parts.body, path, parts.body_first_line,
                        std::filesystem::path(path).parent_path().string()};
  document.blocks = parse_markdown(source, warnings);
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
