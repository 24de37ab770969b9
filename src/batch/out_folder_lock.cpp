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

// The process id the holder wrote into the lock file, as text ("?" when it has not yet).
std::string holder_of(int fd) {
  char buffer[32] = {};
  ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string text(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  return digits ? text : "?";
}

}  // namespace

std::string OutFolderLock::path_in(const std::string& out_dir) {
  return (std::filesystem::path(out_dir) / ".handout-lock").string();
}

OutFolderLock::OutFolderLock(const std::string& out_dir, std::chrono::milliseconds timeout, std::ostream& messages) {
  const std::string path = path_in(out_dir);
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd_ < 0)
    throw HandoutError({out_dir}, fmt::format("cannot open the output folder's lock file {}: {}", path,
                                              std::generic_category().message(errno)));
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool said = false;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    if (error == EINTR) continue;
    if (error != EWOULDBLOCK) {
      ::close(fd_);
      throw HandoutError({out_dir}, fmt::format("cannot lock the output folder ({}): {}", path,
                                                std::generic_category().message(error)));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string holder = holder_of(fd_);
      ::close(fd_);
      throw HandoutError({out_dir}, fmt::format("another build of {} (pid {}) still holds the output folder after "
                                                "{} s; nothing was built (see --lock-timeout)",
                                                out_dir, holder, static_cast<double>(timeout.count()) / 1000.0));
    }
    if (!said) {
      messages << fmt::format("handout: waiting for another build of {} (pid {})", out_dir, holder_of(fd_)) << '\n'
               << std::flush;
      said = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Who holds it, for the message of a build that has to wait. Not needed for the lock itself,
  // so a failure here is no reason to stop.
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] ssize_t written = ::pwrite(fd_, pid.data(), pid.size(), 0);
  }
}

OutFolderLock::~OutFolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the only descriptor releases the lock
}

}  // namespace handout
