#pragma once
// Files for tests: a temporary folder removed afterwards, whole-file reads and writes, a disk
// that fills up, and the located error an action throws.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "util/atomic_file.h"
#include "util/diagnostic.h"

namespace handout::test {

namespace fs = std::filesystem;

struct Folder {
  fs::path path;
  Folder() {
    std::string pattern = (fs::temp_directory_path() / "handout-test-XXXXXX").string();
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

inline std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write(const fs::path& path, const std::string& text) {
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

inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const HandoutError& error) {
    return error.diagnostic().to_string();
  }
  return "";
}

}  // namespace handout::test
