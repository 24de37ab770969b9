#pragma once
// Reading one article: front matter and Markdown body into a Document.
#include <string>
#include <string_view>

#include "content/document.h"

namespace handout {

Document load_document(const std::string& path, Warnings& warnings);

// The same for an article already in memory; `path` names it in messages, gives the document its
// name and is where its images are looked up from.
Document parse_document(std::string_view text, const std::string& path, Warnings& warnings);

}  // namespace handout
