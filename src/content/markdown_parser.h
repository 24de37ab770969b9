#pragma once
// Markdown (CommonMark with tables and strikethrough, read by md4c) to the document model.
#include <string>
#include <string_view>
#include <vector>

#include "content/document.h"

namespace handout {

struct MarkdownSource {
  std::string_view text;
  std::string path;         // for messages
  int first_line = 1;       // line of text[0] in the file, so places match the file
  std::string image_folder;  // images are looked up relative to this
};

// Throws HandoutError for what cannot be set (a missing image file); warns about what it leaves
// out (raw HTML), so no text is dropped without a message.
std::vector<Block> parse_markdown(const MarkdownSource& source, Warnings& warnings);

}  // namespace handout
