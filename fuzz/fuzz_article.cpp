// The article loader: front matter and Markdown, read from memory.
#include "content/content_loader.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace handout;
  fuzz::expecting_handout_errors([&] {
    Warnings warnings;
    Document document = parse_document(fuzz::as_text(data, size), fuzz::article_path(), warnings);
  });
  return 0;
}
