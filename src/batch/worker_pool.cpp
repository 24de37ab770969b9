#include "batch/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace handout {

void run_workers(std::size_t count, int jobs, const std::function<void(std::size_t slot, std::size_t index)>& work,
                 const std::function<void(std::size_t slot)>& done) {
  std::atomic<std::size_t> next{0};
  auto worker = [&](std::size_t slot) {
    for (std::size_t i = next++; i < count; i = next++) work(slot, i);
    done(slot);
  };
  const int threads = std::max(1, std::min<int>(jobs, static_cast<int>(count)));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, static_cast<std::size_t>(t));
  worker(0);
  for (std::thread& thread : pool) thread.join();
}

}  // namespace handout
