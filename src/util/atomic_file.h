#pragma once
// Writing an output so that readers see either the old file or the complete new one.
#include <filesystem>

namespace handout {

// A temporary path beside `target`. The destructor removes the temporary file unless commit()
// renamed it onto the target, so an exception mid-write never leaves a half-written file.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path target);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::filesystem::path& temporary_path() const { return temporary_; }
  // Renames the finished temporary file onto the target; throws on failure.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

}  // namespace handout
