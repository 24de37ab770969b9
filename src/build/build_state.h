#pragma once
// What the last builds made, kept next to the outputs (OUT/.handout-state.toml): for each
// output, the fingerprint of its inputs and the files it wrote. A missing, unreadable or
// corrupted state only means that everything is built again.
#include <map>
#include <string>
#include <vector>

namespace handout {

struct BuiltOutput {
  std::string inputs_hash;
  std::vector<std::string> files;
};

class BuildState {
 public:
  static std::string path_in(const std::string& out_dir);
  static BuildState load(const std::string& path);  // never throws: a bad file gives an empty state

  // True when `key` was built from inputs with this hash and all its files still exist.
  bool up_to_date(const std::string& key, const std::string& inputs_hash) const;
  void record(const std::string& key, BuiltOutput output);
  void forget(const std::string& key);
  void save(const std::string& path) const;  // atomically; throws HandoutError on failure

 private:
  std::map<std::string, BuiltOutput> outputs_;
};

}  // namespace handout
