#pragma once
// The build state while a batch runs: outputs are recorded as their files are committed, and a
// thread of its own saves the state whenever it changed, so a build killed part-way keeps what
// it committed without a worker waiting for the disk.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "batch/batch_result.h"
#include "batch/build_state.h"
#include "batch/shard.h"

namespace handout {

class StateRecorder : public KnownSources {
 public:
  // Loads OUT/.handout-state.toml (a bad or missing file: an empty state), unless given the
  // state as it is in that file already (`kept` by a long-lived process). A shard keeps its own
  // state, OUT/.handout-state.K-of-N.toml, since its shards save theirs at the same time; it
  // also trusts what the state of a build of every output recorded, and a build of every output
  // what its shards' states recorded: outputs and input stamps alike (each record is checked
  // against its files anyway).
  explicit StateRecorder(const std::string& out_dir, const std::optional<Shard>& shard = std::nullopt,
                         std::optional<BuildState> kept = std::nullopt);
  ~StateRecorder();  // stops saving (see stop_saving)
  StateRecorder(const StateRecorder&) = delete;
  StateRecorder& operator=(const StateRecorder&) = delete;

  bool up_to_date(const std::string& output, const std::string& inputs_hash);
  void record_committed(const OutputResult& result);  // its files are on the disk
  void forget(const std::string& output);              // failed: built again next time
  // What is known of the inputs; a source remembered as it was already known changes nothing
  // (a build that read nothing new saves no state).
  std::optional<KnownSource> recall(const std::string& path) const override;
  void remember(const std::string& path, const KnownSource& source) override;

  void start_saving();  // the saver thread
  void stop_saving();   // waits for the saver thread's last save
  // Saves what is not saved yet (or retries a failed save); returns why the state could not be
  // saved, or "".
  std::string save_remaining();
  BuildState snapshot() const;  // the state as recorded so far
  const std::string& path() const { return path_; }

 private:
  void save_while_building();
  void save(std::unique_lock<std::mutex>& lock);

  std::string out_dir_, path_;
  mutable std::mutex mutex_;  // guards the state and the five fields below it
  BuildState state_;
  std::uint64_t generation_ = 0;        // changes recorded so far
  std::uint64_t saved_generation_ = 0;  // changes the last save attempt covered
  std::string error_;                   // why the last save failed, if it did
  bool building_done_ = false;
  std::condition_variable changed_;
  std::thread saver_;
};

}  // namespace handout
