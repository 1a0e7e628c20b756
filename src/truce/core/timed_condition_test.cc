#include "truce/core/timed_condition.h"

#include <gtest/gtest.h>

#include <thread>

namespace truce {
namespace {

// A wait on a ManualClock ends when the clock is moved to its deadline, and
// not before, however long the test takes: no real time is involved.
TEST(TimedCondition, AWaitOnAManualClockEndsWhenTheClockReachesItsDeadline) {
  ManualClock clock;
  Mutex mu;
  TimedCondition cv(clock, mu);
  std::condition_variable_any seen_cv;
  int looks = 0;          // how often the waiter asked `done`
  bool returned = false;  // the wait ended
  bool done_value = true;
  std::thread waiter([&] {
    UniqueLock lock(mu);
    done_value = cv.WaitFor(lock, 1000, [&] {
      ++looks;
      seen_cv.notify_all();
      return false;
    });
    returned = true;
    seen_cv.notify_all();
  });
  {
    UniqueLock lock(mu);
    seen_cv.wait(lock, [&] { return looks >= 1; });
  }
  clock.Advance(999);
  {
    // The waiter was woken, looked again, and waits on: 999 ms is not its time.
    UniqueLock lock(mu);
    seen_cv.wait(lock, [&] { return looks >= 2; });
    EXPECT_FALSE(returned);
  }
  clock.Advance(1);
  {
    UniqueLock lock(mu);
    seen_cv.wait(lock, [&] { return returned; });
  }
  waiter.join();
  EXPECT_FALSE(done_value) << "it timed out, it was not done";
}

TEST(TimedCondition, ANotificationEndsTheWaitOnceItIsDone) {
  ManualClock clock;
  Mutex mu;
  TimedCondition cv(clock, mu);
  bool go = false;
  bool result = false;
  std::thread waiter([&] {
    UniqueLock lock(mu);
    result = cv.WaitFor(lock, 1000, [&] { return go; });
  });
  {
    MutexLock lock(mu);
    go = true;
  }
  cv.NotifyAll();
  waiter.join();
  EXPECT_TRUE(result);
  EXPECT_EQ(clock.NowMs(), ManualClock().NowMs()) << "no time passed";
}

TEST(TimedCondition, APastDeadlineEndsTheWaitAtOnce) {
  for (const Clock* clock : {static_cast<const Clock*>(&SystemClock::Instance()), static_cast<const Clock*>(nullptr)}) {
    ManualClock manual;
    const Clock& c = clock ? *clock : manual;
    Mutex mu;
    TimedCondition cv(c, mu);
    UniqueLock lock(mu);
    EXPECT_FALSE(cv.WaitUntil(lock, c.NowMs() - 1, [] { return false; }));
    EXPECT_TRUE(cv.WaitUntil(lock, c.NowMs() + 3'600'000, [] { return true; }));
  }
}

}  // namespace
}  // namespace truce
