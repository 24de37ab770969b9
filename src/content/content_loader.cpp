#include "content/content_loader.h"

#include <filesystem>

#include "content/front_matter.h"
#include "content/markdown_parser.h"
#include "util/text.h"

namespace handout {

Document load_document(const std::string& path, Warnings& warnings) {
  std::string text = read_file(path);
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
