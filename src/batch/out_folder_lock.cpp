#include "batch/out_folder_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <filesystem>
#include <ostream>
#include <system_error>
#include <thread>

#include "util/diagnostic.h"

namespace handout {

namespace {

constexpr std::string_view shards_mark = "shards";

// Who holds the lock, as its holder wrote it into the lock file: "pid N", "sharded builds"
// (shards hold it together), or "pid ?" when it has not written yet.
std::string holder_of(int fd) {
  char buffer[32] = {};
  ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string text(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text == shards_mark) return "sharded builds";
  bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  return "pid " + (digits ? text : "?");
}

// For the message of a build that has to wait. Not needed for the lock itself, so a failure
// here is no reason to stop.
void write_holder(int fd, const std::string& text) {
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] ssize_t written = ::pwrite(fd, text.data(), text.size(), 0);
  }
}

int open_lock_file(const std::string& path, const std::string& out_dir) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0)
    throw HandoutError({out_dir}, fmt::format("cannot open the output folder's lock file {}: {}", path,
                                              std::generic_category().message(errno)));
  return fd;
}

// flock(`operation`) on `fd`, polling until `deadline`; `what` names the build waited for.
// Closes `fd` and throws on failure.
void take(int fd, int operation, std::chrono::steady_clock::time_point deadline, std::chrono::milliseconds timeout,
          const std::string& out_dir, const std::string& path, const std::string& what, std::ostream& messages) {
  bool said = false;
  while (::flock(fd, operation | LOCK_NB) != 0) {
    int error = errno;
    if (error == EINTR) continue;
    if (error != EWOULDBLOCK) {
      ::close(fd);
      throw HandoutError({out_dir}, fmt::format("cannot lock the output folder ({}): {}", path,
                                                std::generic_category().message(error)));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string holder = holder_of(fd);
      ::close(fd);
      throw HandoutError({out_dir}, fmt::format("{} ({}) still holds the output folder after "
                                                "{} s; nothing was built (see --lock-timeout)",
                                                what, holder, static_cast<double>(timeout.count()) / 1000.0));
    }
    if (!said) {
      messages << fmt::format("handout: waiting for {} ({})", what, holder_of(fd)) << '\n' << std::flush;
      said = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

std::string OutFolderLock::path_in(const std::string& out_dir) {
  return (std::filesystem::path(out_dir) / ".handout-lock").string();
}

OutFolderLock::OutFolderLock(const std::string& out_dir, std::chrono::milliseconds timeout, std::ostream& messages,
                             const std::optional<Shard>& shard) {
  const std::string path = path_in(out_dir);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  fd_ = open_lock_file(path, out_dir);
  const std::string other_build = "another build of " + out_dir;
  if (!shard) {
    take(fd_, LOCK_EX, deadline, timeout, out_dir, path, other_build, messages);
    write_holder(fd_, std::to_string(::getpid()) + "\n");
    return;
  }
  // Shared with the other shards; a build of every output waits for all of them.
  take(fd_, LOCK_SH, deadline, timeout, out_dir, path, other_build, messages);
  write_holder(fd_, std::string(shards_mark) + "\n");
  const std::string shard_path = shard_file_name(path, *shard);
  try {
    shard_fd_ = open_lock_file(shard_path, out_dir);
  } catch (...) {
    ::close(fd_);
    throw;
  }
  try {
    take(shard_fd_, LOCK_EX, deadline, timeout, out_dir, shard_path,
         "another build of shard " + shard->text() + " of " + out_dir, messages);
  } catch (...) {
    ::close(fd_);
    throw;
  }
  write_holder(shard_fd_, std::to_string(::getpid()) + "\n");
}

OutFolderLock::~OutFolderLock() {
  // Closing the only descriptor releases the lock.
  if (shard_fd_ >= 0) ::close(shard_fd_);
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace handout
