// The article loader: front matter and Markdown, read from memory. Every warning and error it
// gives points inside the article.
#include "content/content_loader.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace handout;
  const std::string_view text = fuzz::as_text(data, size);
  const std::string path = fuzz::article_path();
  Warnings warnings;
  fuzz::expecting_handout_errors([&] { Document document = parse_document(path, std::string(text), warnings); }, text, path);
  for (const Diagnostic& warning : warnings.items()) fuzz::require_inside(warning, text, path);
  return 0;
}
