// The project file loader. The folders and files a project names are looked up relative to the
// working folder: scripts/fuzz.sh runs this from the source tree, where content/ and layouts/ are.
#include <cmath>

#include "batch/project.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace handout;
  const std::string_view text = fuzz::as_text(data, size);
  const std::string path = "handout.toml";
  fuzz::expecting_handout_errors(
      [&] {
        Project project = parse_project(text, path);
        // The README's bounds: a variant's text scale is 0.5 to 3.
        for (const Variant& variant : project.variants)
          if (!(variant.text_scale >= 0.5 && variant.text_scale <= 3))
            fuzz::broken_promise("variant '" + variant.name + "' has text_scale " + std::to_string(variant.text_scale));
      },
      text, path);
  return 0;
}
