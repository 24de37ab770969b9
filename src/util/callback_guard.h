#pragma once
// C libraries (md4c, Cairo...) call back into our code, and an exception must never unwind
// through their frames: their state would be left half-changed, and a C frame without unwind
// tables ends the process. A CallbackGuard runs a callback's body, keeps the first exception it
// throws (of any type) and returns the library's "stop" value instead; the caller rethrows it
// once the library call has returned.
#include <exception>
#include <utility>

namespace handout {

class CallbackGuard {
 public:
  template <typename Result, typename Body>
  Result run(Result on_failure, Body&& body) noexcept {
    if (pending_) return on_failure;  // the library went on after a failure: keep refusing
    try {
      return std::forward<Body>(body)();
    } catch (...) {
      pending_ = std::current_exception();
      return on_failure;
    }
  }

  bool failed() const { return static_cast<bool>(pending_); }

  // Throws what a callback threw, once.
  void rethrow_if_failed() {
    if (pending_) std::rethrow_exception(std::exchange(pending_, nullptr));
  }

 private:
  std::exception_ptr pending_;
};

}  // namespace handout
