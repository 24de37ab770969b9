#pragma once
// What the last builds made, kept next to the outputs (OUT/.handout-state.toml): for each
// output, the fingerprint of its inputs and the files it wrote, each with the size and time it
// had when written; and for each input file read, its stamp and fingerprint (source_stamp.h).
// A missing, unreadable or corrupted state only means that everything is built again.
#include <map>
#include <string>
#include <vector>

#include "batch/source_stamp.h"
#include "util/atomic_file.h"

namespace handout {

struct BuiltFile {
  std::string path;
  FileStamp stamp;  // as committed: a file changed since is built again
};

struct BuiltOutput {
  std::string inputs_hash;
  std::vector<BuiltFile> files;
};

class BuildState : public KnownSources {
 public:
  static std::string path_in(const std::string& out_dir);
  static BuildState load(const std::string& path);  // never throws: a bad file gives an empty state

  // True when `key` was built from inputs with this hash and all its files are still the ones
  // that build committed.
  bool up_to_date(const std::string& key, const std::string& inputs_hash) const;
  // Records the files as they are now on the disk; a file that is missing is not recorded, so
  // the output is built again.
  void record(const std::string& key, const std::string& inputs_hash, const std::vector<std::string>& files);
  void forget(const std::string& key);
  // Adds what `other` records; where both record an output, the record of the later build
  // (the newer files) wins, since only it can match the files on the disk; where both know an
  // input file, the later stamp wins. Either is still checked against the files when used.
  void merge_newer(const BuildState& other);
  void save(const std::string& path) const;  // atomically; throws HandoutError on failure

  std::optional<KnownSource> recall(const std::string& path) const override;
  void remember(const std::string& path, const KnownSource& source) override;
  // Whether remembering `source` would change what is known of `path`.
  bool knows(const std::string& path, const KnownSource& source) const;

 private:
  std::map<std::string, BuiltOutput> outputs_;
  std::map<std::string, KnownSource> sources_;
};

}  // namespace handout
