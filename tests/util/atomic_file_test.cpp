// Atomic outputs: a failed write never replaces a good file nor leaves a temporary file, links
// are never written through, and temporary files of dead builds are recognised and removed.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>

#include "util/atomic_file.h"
#include "util/diagnostic.h"
#include "support/test_files.h"

using namespace handout;
using namespace handout::test;
namespace fs = std::filesystem;

TEST_CASE("an atomic output replaces the target with the whole new file and leaves nothing else") {
  Folder folder;
  const fs::path target = folder.path / "a.pdf";
  write(target, "old");
  write_file_atomically(target, "new contents");
  CHECK(read(target) == "new contents");
  CHECK(folder.names() == std::vector<std::string>{"a.pdf"});
}

TEST_CASE("a write that fails part-way keeps the old file byte for byte and leaves no temporary file") {
  Folder folder;
  const fs::path target = folder.path / "a.pdf";
  const std::string good = "%PDF-1.5 the good old file %%EOF\n";
  write(target, good);
  std::string error;
  {
    FullDiskAfter disk(10);
    error = error_of([&] { write_file_atomically(target, std::string(5000, 'x')); });
  }
  INFO(error);
  CHECK(error.starts_with(target.string() + ": error: cannot write the output file: No space left on device"));
  CHECK(read(target) == good);
  CHECK(folder.names() == std::vector<std::string>{"a.pdf"});
}

TEST_CASE("short writes are continued until the whole file is written") {
  Folder folder;
  const fs::path target = folder.path / "a.png";
  set_write_function_for_tests([](int fd, const void* data, std::size_t size) {
    return ::write(fd, data, std::min<std::size_t>(size, 7));  // never more than 7 bytes at a time
  });
  std::string bytes(1000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 13);
  write_file_atomically(target, bytes);
  set_write_function_for_tests({});
  CHECK(read(target) == bytes);
}

TEST_CASE("a target that is a link is replaced, and what it points to is left alone") {
  Folder folder;
  const fs::path victim = folder.path / "victim.txt";
  write(victim, "precious");
  const fs::path target = folder.path / "a.pdf";
  fs::create_symlink(victim, target);
  write_file_atomically(target, "output");
  CHECK(read(victim) == "precious");
  CHECK_FALSE(fs::is_symlink(target));
  CHECK(read(target) == "output");
}

TEST_CASE("links planted at the temporary names anyone could guess are never written through") {
  Folder folder;
  const fs::path victim = folder.path / "victim.txt";
  write(victim, "precious");
  const fs::path target = folder.path / "a.pdf";
  // The name older versions used (TARGET.tmp-PID), and the same with suffixes.
  const std::string pid = std::to_string(::getpid());
  for (const char* suffix : {"", "-", "-000000", "-aaaaaa", "-XXXXXX"})
    fs::create_symlink(victim, target.string() + ".tmp-" + pid + suffix);
  for (int i = 0; i < 20; ++i) write_file_atomically(target, "output " + std::to_string(i));
  CHECK(read(victim) == "precious");
  CHECK(read(target) == "output 19");
  CHECK(folder.names().size() == 7);  // target, victim and the five links: no temporary file left
}

TEST_CASE("temporary file names carry the writer's process id") {
  CHECK(temporary_file_owner("a.pdf.tmp-1234-Ab9xYz") == pid_t(1234));
  CHECK(temporary_file_owner("a.pdf.tmp-77") == pid_t(77));  // as older versions named them
  CHECK(temporary_file_owner(".handout-state.toml.tmp-5-abcdef") == pid_t(5));
  CHECK_FALSE(temporary_file_owner("a.pdf"));
  CHECK_FALSE(temporary_file_owner("a.tmp-x.pdf"));
  CHECK_FALSE(temporary_file_owner("a.pdf.tmp-12-abc"));
}

TEST_CASE("temporary files of ended processes, or very old ones, are removed; others are kept") {
  Folder folder;
  // A process id certainly not in use: a child that has ended and been reaped.
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  const std::string dead = std::to_string(child), alive = std::to_string(::getpid());
  write(folder.path / ("a.pdf.tmp-" + dead + "-abcdef"), "%PDF-1.5 half");
  write(folder.path / ("b.pdf.tmp-" + dead), "half");  // an older version's name
  write(folder.path / ("c.pdf.tmp-" + alive + "-abcdef"), "being written");
  write(folder.path / ("d.pdf.tmp-" + alive + "-ghijkl"), "old");
  fs::last_write_time(folder.path / ("d.pdf.tmp-" + alive + "-ghijkl"),
                      fs::file_time_type::clock::now() - std::chrono::hours(2));
  write(folder.path / "e.pdf", "an output");
  CHECK(remove_stale_temporaries(folder.path, std::chrono::minutes(60)) == 3);
  CHECK(folder.names() == std::vector<std::string>{"c.pdf.tmp-" + alive + "-abcdef", "e.pdf"});
}
