#pragma once
// Writing an output so that readers see either the old file or the complete new one, and a
// failed write (a full disk, an I/O error) never replaces a good file.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace handout {

// A new file beside `target`, written and checked before it replaces the target. The temporary
// file is created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW) under a name no other process can
// predict (TARGET.tmp-PID-RANDOM), so a link planted in the folder is never written through; a
// target that is itself a link is replaced by the new file, never followed. The destructor
// removes the temporary file unless commit() renamed it onto the target.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path target);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // Writes `bytes` to the temporary file, checking every write, flushes them to the disk
  // (fsync), checks the file's length and reads it back to compare, and closes it (checked).
  // Throws HandoutError at the target on any failure; the temporary file is then removed.
  void write(std::string_view bytes);
  // Renames the written temporary file onto the target and flushes the folder (unless the
  // caller will, once for many files, with flush_folder); throws on failure.
  void commit(bool flush_the_folder = true);

  const std::filesystem::path& target() const { return target_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;  // empty until write() created it
  bool committed_ = false;
};

// write() then commit(): the whole file or nothing.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes, bool flush_the_folder = true);

// Makes the renames done in `folder` durable (fsync of the folder); throws HandoutError.
void flush_folder(const std::filesystem::path& folder);

// What identifies the bytes a file holds now, cheaply: a file replaced or rewritten since
// (by anyone) has another size or modification time.
struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t modified_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
// Nothing when `path` is not a regular file (a link is not followed).
std::optional<FileStamp> file_stamp(const std::filesystem::path& path);

// The process id in a temporary file's name (TARGET.tmp-PID-RANDOM, or TARGET.tmp-PID as
// older versions wrote), or nothing when the name is not one of ours.
std::optional<pid_t> temporary_file_owner(const std::string& file_name);

// Removes the temporary files in `folder` (not its subfolders) left by processes that ended
// without cleaning up (killed): those whose process is gone, or older than `max_age` whatever
// their process id says (ids are reused). Returns how many were removed. Call it only while
// holding the folder's build lock, so no live build's temporary file is at stake. Without
// `trust_process_ids` only the age counts: shards of one build share the folder, from other
// machines or containers, where a process id says nothing.
int remove_stale_temporaries(const std::filesystem::path& folder, std::chrono::seconds max_age,
                             bool trust_process_ids = true);

// Tests only: replaces the write(2) that AtomicOutput calls, to inject a failure (a full disk).
// An empty function restores the system's. Not thread-safe: set it before writing.
using WriteFunction = std::function<ssize_t(int fd, const void* data, std::size_t size)>;
void set_write_function_for_tests(WriteFunction function);

}  // namespace handout
