#include "util/atomic_file.h"

#include <unistd.h>

#include <system_error>

#include "util/diagnostic.h"

namespace handout {

AtomicOutput::AtomicOutput(std::filesystem::path target) : target_(std::move(target)) {
  // The process id keeps two concurrent builds of the same output from sharing a temporary.
  temporary_ = target_;
  temporary_ += ".tmp-" + std::to_string(::getpid());
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void AtomicOutput::commit() {
  // rename() within one folder is atomic: a reader sees the old file or the whole new one.
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) throw HandoutError({target_.string()}, "cannot replace output file: " + error.message());
  committed_ = true;
}

}  // namespace handout
