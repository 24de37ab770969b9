#pragma once
// The threads of a batch: items (articles) are taken in order by whichever worker is free.
#include <cstddef>
#include <functional>

namespace handout {

// Calls `work(slot, index)` for every index below `count` on min(jobs, count) threads (at least
// one; slot 0 is the calling thread), then `done(slot)` on each thread when no item is left.
// No exception may leave a thread (std::terminate): `work` and `done` must catch their own.
void run_workers(std::size_t count, int jobs, const std::function<void(std::size_t slot, std::size_t index)>& work,
                 const std::function<void(std::size_t slot)>& done);

}  // namespace handout
