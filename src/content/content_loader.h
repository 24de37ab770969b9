#pragma once
// Reading one article file: front matter and Markdown body into a Document.
#include <string>

#include "content/document.h"

namespace handout {

Document load_document(const std::string& path, Warnings& warnings);
// The same from the file's bytes, already read (so a caller can fingerprint exactly those).
Document parse_document(const std::string& path, const std::string& text, Warnings& warnings);

}  // namespace handout
