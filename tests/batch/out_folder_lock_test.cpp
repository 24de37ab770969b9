// One build at a time per output folder.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>

#include "batch/out_folder_lock.h"
#include "support/test_files.h"

using namespace handout;
using namespace handout::test;
namespace fs = std::filesystem;

TEST_CASE("a second build of one output folder waits for the first, and gives up clearly after its timeout") {
  Folder folder;
  std::ostringstream first_messages, second_messages;
  {
    OutFolderLock first(folder.path.string(), std::chrono::milliseconds(0), first_messages);
    auto started = std::chrono::steady_clock::now();
    std::string error = error_of([&] {
      OutFolderLock second(folder.path.string(), std::chrono::milliseconds(300), second_messages);
    });
    auto waited = std::chrono::steady_clock::now() - started;
    const std::string pid = std::to_string(::getpid());
    CHECK(second_messages.str() ==
          "handout: waiting for another build of " + folder.path.string() + " (pid " + pid + ")\n");
    CHECK(error.find("another build of " + folder.path.string() + " (pid " + pid +
                     ") still holds the output folder after 0.3 s") != std::string::npos);
    CHECK(waited >= std::chrono::milliseconds(300));
    CHECK(waited < std::chrono::seconds(10));
  }
  CHECK(first_messages.str().empty());
  // Released when the first ends: the next one takes it at once, without a message.
  std::ostringstream third_messages;
  OutFolderLock third(folder.path.string(), std::chrono::milliseconds(0), third_messages);
  CHECK(third_messages.str().empty());
}

TEST_CASE("a lock file that is a link is refused, not followed") {
  Folder folder;
  const fs::path victim = folder.path / "victim.txt";
  write(victim, "precious");
  fs::create_symlink(victim, OutFolderLock::path_in(folder.path.string()));
  std::ostringstream messages;
  std::string error = error_of([&] { OutFolderLock lock(folder.path.string(), std::chrono::milliseconds(0), messages); });
  CHECK(error.find("cannot open the output folder's lock file") != std::string::npos);
  CHECK(read(victim) == "precious");
}
