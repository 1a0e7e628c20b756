// TimedCondition: a condition variable whose deadlines are read on a Clock.
//
// The threads of `truce serve` that wait for a time (the findings' next
// look, an incident's settle time, the cosigning's next round) wait on one.
// On the system clock a wait ends at its deadline in real time; on a
// ManualClock it ends only when the clock is moved to its deadline (moving
// it wakes every TimedCondition of that clock), so a test that moves time
// sees the thread take the step that time calls for, and never waits for
// the time itself.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>

#include "truce/core/thread_annotations.h"
#include "truce/core/time.h"

namespace truce {

class TimedCondition {
 public:
  // `mu` is the mutex that every wait holds and that guards what `done`
  // reads. Both `clock` and `mu` outlive this.
  TimedCondition(const Clock& clock, Mutex& mu);
  ~TimedCondition();
  TimedCondition(const TimedCondition&) = delete;
  TimedCondition& operator=(const TimedCondition&) = delete;

  // Wakes every wait, which then asks its `done` again.
  void NotifyAll() { cv_.notify_all(); }

  // Waits until `done()` holds or the clock reads `until_ms` or later;
  // returns whether `done()` held. `done` is called with the mutex held.
  // REQUIRES: `lock` holds the mutex given to the constructor.
  bool WaitUntil(UniqueLock& lock, int64_t until_ms, const std::function<bool()>& done);
  // The same, `ms` from now by the clock.
  bool WaitFor(UniqueLock& lock, int64_t ms, const std::function<bool()>& done) {
    return WaitUntil(lock, clock_.NowMs() + ms, done);
  }

 private:
  friend class ManualClock;
  // The clock moved: every wait looks at it again. Takes the mutex, so a
  // wait between its look at the clock and its sleep cannot miss this.
  void Wake();

  const Clock& clock_;
  Mutex& mu_;
  std::condition_variable_any cv_;
};

}  // namespace truce
