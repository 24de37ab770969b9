#include "batch/source_stamp.h"

#include <sys/stat.h>
#include <time.h>

#include "batch/input_hash.h"
#include "util/text.h"

namespace handout {

namespace {
constexpr std::int64_t second_ns = 1000000000;
std::int64_t nanoseconds(const timespec& time) { return static_cast<std::int64_t>(time.tv_sec) * second_ns + time.tv_nsec; }
}  // namespace

std::optional<SourceStamp> source_stamp(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return SourceStamp{static_cast<std::uint64_t>(info.st_size), nanoseconds(info.st_mtim), nanoseconds(info.st_ctim),
                     static_cast<std::uint64_t>(info.st_ino), static_cast<std::uint64_t>(info.st_dev)};
}

std::int64_t stamp_clock_ns() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
  return nanoseconds(now);
}

bool stamp_settled(const SourceStamp& stamp, std::int64_t clock_before) {
  const bool whole_seconds = stamp.changed_ns % second_ns == 0 && stamp.modified_ns % second_ns == 0;
  return whole_seconds ? stamp.changed_ns + 2 * second_ns <= clock_before : stamp.changed_ns < clock_before;
}

std::string source_digest(const std::string& path, const std::string& bytes) {
  return InputHash().add(path).add(bytes).hex();
}

std::string source_digest(const std::string& path, KnownSources* known) {
  const std::int64_t before = stamp_clock_ns();
  std::optional<SourceStamp> stamp = source_stamp(path);
  if (!stamp) return InputHash().add(path).add("<missing>").hex();
  std::optional<KnownSource> recalled = known ? known->recall(path) : std::nullopt;
  if (recalled && recalled->settled && recalled->stamp == *stamp) return recalled->digest;
  std::string bytes;
  try {
    bytes = read_file(path);
  } catch (const std::exception&) {
    return InputHash().add(path).add("<unreadable>").hex();
  }
  const std::string digest = source_digest(path, bytes);
  KnownSource source = recalled ? *recalled : KnownSource{};
  source.stamp = *stamp;
  source.settled = stamp_settled(*stamp, before);
  if (source.digest != digest) {  // what it knew is of other bytes
    source = KnownSource{};
    source.stamp = *stamp;
    source.settled = stamp_settled(*stamp, before);
    source.digest = digest;
  }
  if (known) known->remember(path, source);
  return digest;
}

}  // namespace handout
