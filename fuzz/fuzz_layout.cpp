// The layout loader, and the large-print scaling every variant with text_scale applies.
#include "fuzz_support.h"
#include "layout/layout_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace handout;
  fuzz::expecting_handout_errors([&] {
    LayoutSpec spec = parse_layout(fuzz::as_text(data, size), "fuzzed-layout.toml");
    LayoutSpec large = with_text_scale(spec, 1.3);
  });
  return 0;
}
