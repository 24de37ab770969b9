#pragma once
// Reading one article: front matter and Markdown body into a Document.
#include <string>

#include "content/document.h"

namespace handout {

Document load_document(const std::string& path, Warnings& warnings);

// The same for an article already in memory (so a caller can fingerprint exactly the bytes it
// sets); `path` names it in messages, gives the document its name and is where its images are
// looked up from.
Document parse_document(const std::string& path, const std::string& text, Warnings& warnings);

}  // namespace handout
