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

TEST_CASE("the build state keeps what it knows of input files, and an article's findings, across a save") {
  Folder folder;
  const std::string article = (folder.path / "a.md").string();
  write(article, "+++\n+++\n");
  KnownSource known;
  known.stamp = *source_stamp(article);
  known.settled = true;
  known.digest = source_digest(article, std::string("+++\n+++\n"));
  known.article = true;
  known.images = {"figure.png"};
  known.warnings = {"a.md:3:1: warning: raw HTML is not set"};
  known.context = "layouts-1";
  KnownSource image;
  image.stamp = SourceStamp{12, 3, 4, ~std::uint64_t(0), 7};  // inodes use all 64 bits
  image.digest = "image-digest";
  BuildState state;
  state.remember(article, known);
  state.remember("figure.png", image);
  const std::string state_path = BuildState::path_in(folder.path.string());
  state.save(state_path);
  BuildState loaded = BuildState::load(state_path);
  REQUIRE(loaded.recall(article));
  CHECK(*loaded.recall(article) == known);
  REQUIRE(loaded.recall("figure.png"));
  CHECK(*loaded.recall("figure.png") == image);
  CHECK_FALSE(loaded.recall("other.md"));
}

TEST_CASE("a stamp vouches for a file's bytes only once the clock has moved past it") {
  SourceStamp stamp{100, 5'000'000'123, 5'000'000'123, 1, 1};
  CHECK(stamp_settled(stamp, 5'000'000'124));
  CHECK_FALSE(stamp_settled(stamp, 5'000'000'123));  // a write within the same tick keeps the stamp
  CHECK_FALSE(stamp_settled(stamp, 4'000'000'000));
  // A file system of whole seconds: the second must be over, with a second's margin.
  SourceStamp seconds{100, 5'000'000'000, 5'000'000'000, 1, 1};
  CHECK_FALSE(stamp_settled(seconds, 5'500'000'000));
  CHECK_FALSE(stamp_settled(seconds, 6'500'000'000));
  CHECK(stamp_settled(seconds, 7'000'000'000));
}
