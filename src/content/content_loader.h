#pragma once
// Reading one article file: front matter and Markdown body into a Document.
#include <string>

#include "content/document.h"

namespace handout {

Document load_document(const std::string& path, Warnings& warnings);

}  // namespace handout
