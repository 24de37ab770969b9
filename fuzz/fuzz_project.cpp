// The project file loader. The folders and files a project names are looked up relative to the
// working folder: scripts/fuzz.sh runs this from the source tree, where content/ and layouts/ are.
#include "build/project.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace handout;
  fuzz::expecting_handout_errors([&] { Project project = parse_project(fuzz::as_text(data, size), "handout.toml"); });
  return 0;
}
