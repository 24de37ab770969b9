#pragma once
// One build at a time per output folder: an advisory lock (flock) on OUT/.handout-lock, held
// while a batch reads the build state, writes outputs and records them. The kernel releases it
// when the process ends, however it ends, so a killed build never leaves the folder locked.
//
// The shards of one build (--shard K/N) write into the folder at the same time: each holds
// OUT/.handout-lock shared, so they exclude a build of every output but not each other, and
// OUT/.handout-lock.K-of-N alone, so one shard is never built twice at once.
#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>

#include "batch/shard.h"

namespace handout {

class OutFolderLock {
 public:
  // Takes the lock, waiting at most `timeout` for another build that holds it; says once on
  // `messages` that it waits, and for which process. Throws HandoutError at the output folder
  // when the time runs out or the lock file cannot be opened.
  OutFolderLock(const std::string& out_dir, std::chrono::milliseconds timeout, std::ostream& messages,
                const std::optional<Shard>& shard = std::nullopt);
  ~OutFolderLock();  // releases the lock (the file stays: removing it would let two builds lock two files)
  OutFolderLock(const OutFolderLock&) = delete;
  OutFolderLock& operator=(const OutFolderLock&) = delete;

  static std::string path_in(const std::string& out_dir);

 private:
  int fd_ = -1;
  int shard_fd_ = -1;
};

}  // namespace handout
