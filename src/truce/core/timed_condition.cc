#include "truce/core/timed_condition.h"

#include <chrono>

namespace truce {

TimedCondition::TimedCondition(const Clock& clock, Mutex& mu) : clock_(clock), mu_(mu) { clock_.Watch(this); }

TimedCondition::~TimedCondition() { clock_.Unwatch(this); }

bool TimedCondition::WaitUntil(UniqueLock& lock, int64_t until_ms, const std::function<bool()>& done) {
  while (!done()) {
    const int64_t now = clock_.NowMs();
    if (now >= until_ms) return false;
    if (clock_.Passes()) {
      cv_.wait_for(lock, std::chrono::milliseconds(until_ms - now));
    } else {
      cv_.wait(lock);  // until a notification, or the clock is moved (Wake)
    }
  }
  return true;
}

void TimedCondition::Wake() {
  MutexLock lock(mu_);
  cv_.notify_all();
}

}  // namespace truce
