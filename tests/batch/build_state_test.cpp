// The build state: files recorded as committed, and a failed save that leaves the last one whole.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "batch/build_state.h"
#include "support/test_files.h"
#include "util/atomic_file.h"

using namespace handout;
using namespace handout::test;
namespace fs = std::filesystem;

TEST_CASE("the build state records files as committed, and a file changed since is not up to date") {
  Folder folder;
  const std::string pdf = (folder.path / "a.pdf").string();
  write_file_atomically(pdf, "%PDF first");
  BuildState state;
  state.record(pdf, "hash-1", {pdf});
  const std::string state_path = BuildState::path_in(folder.path.string());
  state.save(state_path);
  BuildState loaded = BuildState::load(state_path);
  CHECK(loaded.up_to_date(pdf, "hash-1"));
  CHECK_FALSE(loaded.up_to_date(pdf, "hash-2"));
  // Rewritten behind the state's back (another build, a person): the same name is not enough.
  write(pdf, "%PDF other");
  fs::last_write_time(pdf, fs::last_write_time(pdf) + std::chrono::seconds(1));
  CHECK_FALSE(loaded.up_to_date(pdf, "hash-1"));
  // A file that is not there when recorded is not recorded.
  state.record(pdf + ".missing", "hash-3", {pdf + ".missing"});
  CHECK_FALSE(state.up_to_date(pdf + ".missing", "hash-3"));
}

TEST_CASE("a state that cannot be saved leaves the previous state whole") {
  Folder folder;
  const std::string pdf = (folder.path / "a.pdf").string();
  write_file_atomically(pdf, "%PDF first");
  const std::string state_path = BuildState::path_in(folder.path.string());
  BuildState state;
  state.record(pdf, "hash-1", {pdf});
  state.save(state_path);
  const std::string saved = read(state_path);
  state.record(pdf, "hash-2", {pdf});
  std::string error;
  {
    FullDiskAfter disk(20);
    error = error_of([&] { state.save(state_path); });
  }
  CHECK(error.find("No space left on device") != std::string::npos);
  CHECK(read(state_path) == saved);
  CHECK(BuildState::load(state_path).up_to_date(pdf, "hash-1"));
  CHECK(folder.names() == std::vector<std::string>{".handout-state.toml", "a.pdf"});
}
