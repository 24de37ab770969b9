#include "batch/state_recorder.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <vector>

#include "util/atomic_file.h"
#include "util/diagnostic.h"

namespace handout {

namespace {

// The states the shards of builds into `out_dir` saved: .handout-state.K-of-N.toml.
std::vector<std::string> shard_states_in(const std::string& out_dir) {
  static const std::regex pattern(R"(\.handout-state\.[0-9]+-of-[0-9]+\.toml)");
  std::vector<std::string> paths;
  std::error_code error;
  for (auto it = std::filesystem::directory_iterator(out_dir, error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error))
    if (std::string name = it->path().filename().string();
        name.starts_with(".handout-state.") && std::regex_match(name, pattern))  // the cheap test first
      paths.push_back(it->path().string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string state_path(const std::string& out_dir, const std::optional<Shard>& shard) {
  std::string path = BuildState::path_in(out_dir);
  return shard ? shard_file_name(path, *shard) : path;
}

}  // namespace

StateRecorder::StateRecorder(const std::string& out_dir, const std::optional<Shard>& shard,
                             std::optional<BuildState> kept)
    : out_dir_(out_dir),
      path_(state_path(out_dir, shard)),
      state_(kept ? std::move(*kept) : BuildState::load(path_)) {
  if (shard) {
    state_.merge_newer(BuildState::load(BuildState::path_in(out_dir)));
  } else {
    for (const std::string& path : shard_states_in(out_dir)) state_.merge_newer(BuildState::load(path));
  }
}

BuildState StateRecorder::snapshot() const {
  std::lock_guard<std::mutex> guard(mutex_);
  return state_;
}

StateRecorder::~StateRecorder() { stop_saving(); }

bool StateRecorder::up_to_date(const std::string& output, const std::string& inputs_hash) {
  std::lock_guard<std::mutex> guard(mutex_);
  return state_.up_to_date(output, inputs_hash);
}

void StateRecorder::record_committed(const OutputResult& result) {
  {
    std::lock_guard<std::mutex> guard(mutex_);
    state_.record(result.output, result.inputs_hash, result.files);
    ++generation_;
  }
  changed_.notify_one();
}

void StateRecorder::forget(const std::string& output) {
  std::lock_guard<std::mutex> guard(mutex_);
  state_.forget(output);
  ++generation_;
}

std::optional<KnownSource> StateRecorder::recall(const std::string& path) const {
  std::lock_guard<std::mutex> guard(mutex_);
  return state_.recall(path);
}

void StateRecorder::remember(const std::string& path, const KnownSource& source) {
  std::lock_guard<std::mutex> guard(mutex_);
  if (state_.knows(path, source)) return;
  state_.remember(path, source);
  ++generation_;  // saved with the next output, or at the end
}

void StateRecorder::start_saving() { saver_ = std::thread([this] { save_while_building(); }); }

void StateRecorder::stop_saving() {
  if (!saver_.joinable()) return;
  {
    std::lock_guard<std::mutex> guard(mutex_);
    building_done_ = true;
  }
  changed_.notify_one();
  saver_.join();
}

// Saves coalesce: each writes the whole state, with everything recorded meanwhile. They are
// spaced out too, since a batch commits outputs faster than rewriting (and flushing) the whole
// state is worth: a build killed meanwhile loses at most that interval's outputs, which the
// next build makes again.
void StateRecorder::save_while_building() {
  constexpr std::chrono::milliseconds save_interval(100);
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return building_done_ || saved_generation_ != generation_; });
    if (saved_generation_ == generation_) return;  // done, and nothing left to save
    save(lock);
    changed_.wait_for(lock, save_interval, [&] { return building_done_; });
  }
}

std::string StateRecorder::save_remaining() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (saved_generation_ != generation_ || !error_.empty()) save(lock);
  return error_;
}

// Called with mutex_ held through `lock`; writes without holding it.
void StateRecorder::save(std::unique_lock<std::mutex>& lock) {
  BuildState snapshot = state_;
  const std::uint64_t generation = generation_;
  lock.unlock();
  std::string error;
  try {
    // The renames the state is about to vouch for must be on the disk before it: one flush of
    // the folder for all the outputs committed since the last save.
    flush_folder(out_dir_);
    snapshot.save(path_);
  } catch (...) {
    // The state on the disk stays the last one saved, which never claims more than was
    // committed then: the outputs recorded since are built again next time.
    error = current_exception_diagnostic({path_}).to_string();
  }
  lock.lock();
  saved_generation_ = generation;  // a failure is not retried at once; the last save tries again
  error_ = error;
}

}  // namespace handout
