// The annotated locks hold and let go as the std ones they wrap. That clang
// refuses a guarded field touched without its lock is checked by the clang
// build itself (docs/CONTRIBUTING.md), not by a test.
#include "truce/core/thread_annotations.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <thread>

namespace truce {
namespace {

// Whether another thread could take `mu` now (exclusively, or shared).
bool FreeElsewhere(Mutex& mu) {
  bool got = false;
  std::thread([&] {
    if (mu.try_lock()) {
      got = true;
      mu.unlock();
    }
  }).join();
  return got;
}
bool FreeElsewhere(SharedMutex& mu) {
  bool got = false;
  std::thread([&] {
    if (mu.try_lock()) {
      got = true;
      mu.unlock();
    }
  }).join();
  return got;
}
bool ReadableElsewhere(SharedMutex& mu) {
  bool got = false;
  std::thread([&] {
    if (mu.try_lock_shared()) {
      got = true;
      mu.unlock_shared();
    }
  }).join();
  return got;
}

TEST(MutexLock, HoldsTheMutexForItsScope) {
  Mutex mu;
  {
    MutexLock lock(mu);
    EXPECT_FALSE(FreeElsewhere(mu));
  }
  EXPECT_TRUE(FreeElsewhere(mu));
}

TEST(UniqueLock, LetsGoAndTakesAgain) {
  Mutex mu;
  {
    UniqueLock lock(mu);
    EXPECT_FALSE(FreeElsewhere(mu));
    lock.unlock();
    EXPECT_TRUE(FreeElsewhere(mu));
    lock.lock();
    EXPECT_FALSE(FreeElsewhere(mu));
  }
  EXPECT_TRUE(FreeElsewhere(mu));
  {
    UniqueLock lock(mu);
    lock.unlock();
  }  // not unlocked twice: another thread takes it as usual
  EXPECT_TRUE(FreeElsewhere(mu));
}

// A handoff through a condition_variable_any that waits on a UniqueLock.
class Channel {
 public:
  void Put(int v) {
    MutexLock lock(mu_);
    items_.push_back(v);
    cv_.notify_one();
  }
  void Close() {
    MutexLock lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  // False once closed and empty.
  bool Take(int* v) {
    UniqueLock lock(mu_);
    cv_.wait(lock, [&]() TRUCE_REQUIRES(mu_) { return !items_.empty() || closed_; });
    if (items_.empty()) return false;
    *v = items_.front();
    items_.pop_front();
    return true;
  }

 private:
  Mutex mu_;
  std::condition_variable_any cv_;
  std::deque<int> items_ TRUCE_GUARDED_BY(mu_);
  bool closed_ TRUCE_GUARDED_BY(mu_) = false;
};

TEST(UniqueLock, ConditionVariableAnyWaitsOnIt) {
  Channel channel;
  long sum = 0;
  std::thread reader([&] {
    int v;
    while (channel.Take(&v)) sum += v;
  });
  for (int i = 1; i <= 1000; ++i) channel.Put(i);
  channel.Close();
  reader.join();
  EXPECT_EQ(sum, 500500);
}

TEST(ReaderLock, ReadersShareAndWritersWait) {
  SharedMutex mu;
  {
    ReaderLock lock(mu);
    EXPECT_TRUE(ReadableElsewhere(mu));
    EXPECT_FALSE(FreeElsewhere(mu));
  }
  {
    WriterLock lock(mu);
    EXPECT_FALSE(ReadableElsewhere(mu));
    EXPECT_FALSE(FreeElsewhere(mu));
  }
  EXPECT_TRUE(FreeElsewhere(mu));
}

TEST(Mutex, IsLockableForTheStdLocks) {
  Mutex mu;
  SharedMutex shared;
  {
    std::unique_lock<Mutex> lock(mu);
    std::shared_lock<SharedMutex> reader(shared);
    EXPECT_TRUE(lock.owns_lock());
    EXPECT_FALSE(FreeElsewhere(mu));
    EXPECT_FALSE(FreeElsewhere(shared));
  }
  EXPECT_TRUE(FreeElsewhere(mu));
  EXPECT_TRUE(FreeElsewhere(shared));
}

}  // namespace
}  // namespace truce
