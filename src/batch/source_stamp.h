#pragma once
// What a build remembers of each input file it read (an article, an image, a glossary), so that
// the next build can tell an unchanged file from its metadata alone, as make and ninja do, and
// read and hash it only when the metadata differs.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace handout {

// A file's metadata: a write changes its size or its change time (which no program can set
// back, unlike the modification time); a file replaced by a rename has another inode.
struct SourceStamp {
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;
  std::int64_t changed_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  bool operator==(const SourceStamp&) const = default;
};

// Nothing when `path` is not a regular file (links are followed: an input may be one).
std::optional<SourceStamp> source_stamp(const std::string& path);

// The clock the kernel stamps files with (coarse real time), read before a stamp is taken.
std::int64_t stamp_clock_ns();

// Whether a stamp taken after `clock_before` (stamp_clock_ns) can be trusted to change with the
// next write: a file last changed at that very clock tick could be written again within it and
// keep its stamp (the same-tick edit), so its bytes are hashed next time instead. File systems
// that keep whole seconds (no nanoseconds) need the second to be over, with a second's margin.
bool stamp_settled(const SourceStamp& stamp, std::int64_t clock_before);

// An input file as a build last read it.
struct KnownSource {
  SourceStamp stamp;
  bool settled = false;  // stamp_settled when it was taken: the stamp alone vouches for the bytes
  std::string digest;    // source_digest of the path and the bytes read
  // For an article, what planning learnt from those bytes, so an unchanged article is not
  // parsed again: the images it shows, and its warnings with the layouts of `context`.
  bool article = false;
  std::vector<std::string> images;
  std::vector<std::string> warnings;
  std::string context;
  bool operator==(const KnownSource&) const = default;
};

// Where builds keep what they know of their inputs (the build state). Safe to call from every
// worker when the implementation says so (StateRecorder's is).
class KnownSources {
 public:
  virtual ~KnownSources() = default;
  virtual std::optional<KnownSource> recall(const std::string& path) const = 0;
  virtual void remember(const std::string& path, const KnownSource& source) = 0;
};

// The fingerprint of a file's path and bytes.
std::string source_digest(const std::string& path, const std::string& bytes);
// The same for a file read now, or recalled from `known` when its stamp vouches for it; a file
// that is missing or unreadable has a fingerprint saying so (a missing input is an input too).
// What it reads is remembered in `known` (when given).
std::string source_digest(const std::string& path, KnownSources* known);

}  // namespace handout
