#include "util/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <regex>
#include <system_error>

#include "util/diagnostic.h"

namespace handout {

namespace fs = std::filesystem;

namespace {

WriteFunction& write_function() {
  static WriteFunction function;
  return function;
}

ssize_t write_some(int fd, const void* data, std::size_t size) {
  const WriteFunction& injected = write_function();
  return injected ? injected(fd, data, size) : ::write(fd, data, size);
}

std::string system_message(int error) { return std::generic_category().message(error); }

[[noreturn]] void fail(const fs::path& target, const std::string& what, int error) {
  throw HandoutError({target.string()},
                     what + ": " + system_message(error) + " (the previous file, if any, is kept)");
}

// A file descriptor closed once; close() reports the failure a destructor would have to hide.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  int close() {
    int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

// Six characters nobody can guess, from the kernel's random source.
std::string random_suffix() {
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  unsigned char bytes[6];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "getrandom");
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  std::string suffix;
  for (unsigned char byte : bytes) suffix += alphabet[byte % (sizeof alphabet - 1)];
  return suffix;
}

void write_all(int fd, std::string_view bytes, const fs::path& target) {
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t written = write_some(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      fail(target, "cannot write the output file", errno);
    }
    if (written == 0) fail(target, "cannot write the output file", EIO);
    data += written;
    left -= static_cast<std::size_t>(written);
  }
}

// What the disk holds is what was meant: the length, then every byte.
void check_written(int fd, std::string_view bytes, const fs::path& target) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) fail(target, "cannot check the written output file", errno);
  if (static_cast<std::uintmax_t>(info.st_size) != bytes.size())
    throw HandoutError({target.string()}, "the output file was written short (" + std::to_string(info.st_size) +
                                              " of " + std::to_string(bytes.size()) +
                                              " bytes; the previous file, if any, is kept)");
  std::string back(bytes.size(), '\0');
  std::size_t read = 0;
  while (read < back.size()) {
    ssize_t n = ::pread(fd, back.data() + read, back.size() - read, static_cast<off_t>(read));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(target, "cannot read back the written output file", n < 0 ? errno : EIO);
    read += static_cast<std::size_t>(n);
  }
  if (back != bytes)
    throw HandoutError({target.string()}, "the output file reads back different from what was written "
                                          "(the previous file, if any, is kept)");
}

}  // namespace

// The rename is durable only once the folder's entry is on the disk too.
void flush_folder(const fs::path& folder) {
  const fs::path path = folder.empty() ? fs::path(".") : folder;
  Descriptor fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  // Some file systems cannot flush a folder (EINVAL): the renames themselves have been done.
  int error = fd.get() < 0 ? errno : ::fsync(fd.get()) != 0 && errno != EINVAL ? errno : 0;
  if (!error) error = fd.get() < 0 ? 0 : fd.close();
  if (error) throw HandoutError({path.string()}, "cannot flush the folder to the disk: " + system_message(error));
}

AtomicOutput::AtomicOutput(fs::path target) : target_(std::move(target)) {}

AtomicOutput::~AtomicOutput() {
  if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

void AtomicOutput::write(std::string_view bytes) {
  if (!temporary_.empty()) {  // a second write starts afresh
    ::unlink(temporary_.c_str());
    temporary_.clear();
  }
  const std::string prefix = target_.string() + ".tmp-" + std::to_string(::getpid()) + "-";
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    fs::path candidate = prefix + random_suffix();
    // O_EXCL with O_CREAT never opens an existing name, a link included; O_NOFOLLOW says so twice.
    fd = ::open(candidate.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0) temporary_ = candidate;
    else if (errno != EEXIST) fail(target_, "cannot create a temporary file beside the output", errno);
  }
  if (fd < 0) fail(target_, "cannot create a temporary file beside the output", EEXIST);
  Descriptor file(fd);
  write_all(file.get(), bytes, target_);
  if (::fsync(file.get()) != 0) fail(target_, "cannot flush the output file to the disk", errno);
  check_written(file.get(), bytes, target_);
  if (int error = file.close()) fail(target_, "cannot close the output file", error);
}

void AtomicOutput::commit(bool flush_the_folder) {
  if (temporary_.empty()) throw HandoutError({target_.string()}, "nothing was written to commit");
  // rename() within one folder is atomic: a reader sees the old file or the whole new one. A
  // target that is a link is itself replaced; what it pointed to is left alone.
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) fail(target_, "cannot replace the output file", errno);
  committed_ = true;
  if (flush_the_folder) flush_folder(target_.parent_path());
}

void write_file_atomically(const fs::path& target, std::string_view bytes, bool flush_the_folder) {
  AtomicOutput output(target);
  output.write(bytes);
  output.commit(flush_the_folder);
}

std::optional<FileStamp> file_stamp(const fs::path& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return FileStamp{static_cast<std::uintmax_t>(info.st_size),
                   static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
}

std::optional<pid_t> temporary_file_owner(const std::string& file_name) {
  static const std::regex pattern(R"(.+\.tmp-([0-9]{1,9})(-[A-Za-z0-9]{6})?)");
  // Most names in an output folder are outputs: std::regex is slow enough that a folder of a
  // few hundred of them would cost a no-change rebuild several milliseconds.
  if (file_name.find(".tmp-") == std::string::npos) return std::nullopt;
  std::smatch match;
  if (!std::regex_match(file_name, match, pattern)) return std::nullopt;
  return static_cast<pid_t>(std::stol(match[1].str()));
}

int remove_stale_temporaries(const fs::path& folder, std::chrono::seconds max_age, bool trust_process_ids) {
  int removed = 0;
  std::error_code error;
  const auto now = fs::file_time_type::clock::now();
  for (auto it = fs::directory_iterator(folder, error); !error && it != fs::directory_iterator(); it.increment(error)) {
    std::optional<pid_t> owner = temporary_file_owner(it->path().filename().string());
    if (!owner) continue;
    std::error_code ignored;
    fs::file_status status = it->symlink_status(ignored);
    if (!fs::is_regular_file(status)) continue;  // only files we could have written
    bool gone = trust_process_ids && *owner != ::getpid() && ::kill(*owner, 0) != 0 && errno == ESRCH;
    auto modified = fs::last_write_time(it->path(), ignored);
    bool old = !ignored && now - modified > max_age;
    if ((gone || old) && fs::remove(it->path(), ignored)) ++removed;
  }
  return removed;
}

void set_write_function_for_tests(WriteFunction function) { write_function() = std::move(function); }

}  // namespace handout
