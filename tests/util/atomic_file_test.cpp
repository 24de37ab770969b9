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

#include "batch/build_state.h"
#include "batch/out_folder_lock.h"
#include "util/atomic_file.h"
#include "util/diagnostic.h"

using namespace handout;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path path;
  Folder() {
    std::string pattern = (fs::temp_directory_path() / "atomic-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  // Every name in the folder, links included.
  std::vector<std::string> names() const {
    std::vector<std::string> result;
    for (const auto& entry : fs::directory_iterator(path)) result.push_back(entry.path().filename().string());
    std::sort(result.begin(), result.end());
    return result;
  }
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

// A disk that takes `room` more bytes and then reports that it is full, as a tmpfs does.
struct FullDiskAfter {
  explicit FullDiskAfter(std::size_t room) {
    auto left = std::make_shared<std::size_t>(room);
    set_write_function_for_tests([left](int fd, const void* data, std::size_t size) -> ssize_t {
      if (*left == 0) {
        errno = ENOSPC;
        return -1;
      }
      std::size_t now = std::min(size, *left);
      ssize_t written = ::write(fd, data, now);
      if (written > 0) *left -= static_cast<std::size_t>(written);
      return written;
    });
  }
  ~FullDiskAfter() { set_write_function_for_tests({}); }
};

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const HandoutError& error) {
    return error.diagnostic().to_string();
  }
  return "";
}

}  // namespace

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
