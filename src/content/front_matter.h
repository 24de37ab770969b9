#pragma once
// Splitting an article into its TOML front matter (between "+++" lines) and Markdown body.
#include <string>
#include <string_view>

#include "content/document.h"

namespace handout {

struct ArticleParts {
  std::string_view front_matter;  // the TOML text, without the fences
  int front_matter_first_line = 0;  // 1-based line of its first line in the file
  std::string_view body;          // the Markdown text after the closing fence
  int body_first_line = 0;
};

// Throws HandoutError when the file does not start with a "+++" fence or never closes it.
ArticleParts split_article(std::string_view text, const std::string& path);

// Reads the metadata; unknown keys, wrong types and missing required keys are errors.
DocumentMetadata parse_front_matter(std::string_view toml_text, const std::string& path, int first_line);

// The README's table of front matter keys, printed from the schema the reader walks.
std::string front_matter_schema_markdown();

}  // namespace handout
