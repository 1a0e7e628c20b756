// Which mutex guards which state, written so that clang checks it.
//
// The macros are clang's thread-safety attributes
// (https://clang.llvm.org/docs/ThreadSafetyAnalysis.html); under another
// compiler they are empty. The clang build (build-fuzz/, scripts/test.sh)
// compiles with -Wthread-safety -Werror=thread-safety, so touching a
// TRUCE_GUARDED_BY field without its mutex, or calling a TRUCE_REQUIRES
// function without it, does not build.
//
// The analysis sees only locks taken by annotated types, and only within one
// function: hence truce::Mutex and truce::SharedMutex below rather than the
// std ones, and MutexLock / UniqueLock / WriterLock / ReaderLock rather than
// std::lock_guard, std::unique_lock and std::shared_lock. A lock that outlives
// the function that took it (held by an object, as an append session holds
// the store's writer) is beyond it: such code says why with
// TRUCE_NO_THREAD_SAFETY_ANALYSIS, on the narrowest function that needs it.
#pragma once

#include <mutex>
#include <shared_mutex>

#if defined(__clang__)
#define TRUCE_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define TRUCE_THREAD_ANNOTATION(x)
#endif

// On a class: its objects are locks (a "capability" named `name` in messages).
#define TRUCE_CAPABILITY(name) TRUCE_THREAD_ANNOTATION(capability(name))
// On a class: its objects hold a lock from construction to destruction.
#define TRUCE_SCOPED_CAPABILITY TRUCE_THREAD_ANNOTATION(scoped_lockable)

// On a field: read or written only with `mu` held (read: at least shared).
#define TRUCE_GUARDED_BY(mu) TRUCE_THREAD_ANNOTATION(guarded_by(mu))
// On a pointer field: what it points to is guarded by `mu` (the pointer is not).
#define TRUCE_PT_GUARDED_BY(mu) TRUCE_THREAD_ANNOTATION(pt_guarded_by(mu))

// On a function: its caller holds these (exclusively; or at least shared).
#define TRUCE_REQUIRES(...) TRUCE_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define TRUCE_REQUIRES_SHARED(...) TRUCE_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
// On a function: its caller does not hold these (it takes them itself).
#define TRUCE_EXCLUDES(...) TRUCE_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))

// On a function: it returns holding these, or having released them. With no
// argument, on a member of a lock class: the lock itself.
#define TRUCE_ACQUIRE(...) TRUCE_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define TRUCE_ACQUIRE_SHARED(...) TRUCE_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define TRUCE_RELEASE(...) TRUCE_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TRUCE_RELEASE_SHARED(...) TRUCE_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
// On a function returning bool: it holds them when it returns the first
// argument (true or false); the rest name them, as for TRUCE_ACQUIRE.
#define TRUCE_TRY_ACQUIRE(...) TRUCE_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define TRUCE_TRY_ACQUIRE_SHARED(...) TRUCE_THREAD_ANNOTATION(try_acquire_shared_capability(__VA_ARGS__))

// On a function: not checked. Only where the locking is right but beyond
// what the analysis follows, with a comment that says why.
#define TRUCE_NO_THREAD_SAFETY_ANALYSIS TRUCE_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace truce {

// std::mutex, annotated. The lower-case names make it a Lockable, so that
// std::unique_lock and std::condition_variable_any take it; code that wants
// the analysis locks it with MutexLock or UniqueLock.
class TRUCE_CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() TRUCE_ACQUIRE() { mu_.lock(); }
  void unlock() TRUCE_RELEASE() { mu_.unlock(); }
  bool try_lock() TRUCE_TRY_ACQUIRE(true) { return mu_.try_lock(); }

 private:
  std::mutex mu_;
};

// std::shared_mutex, annotated: one writer, or any number of readers.
class TRUCE_CAPABILITY("shared mutex") SharedMutex {
 public:
  SharedMutex() = default;
  SharedMutex(const SharedMutex&) = delete;
  SharedMutex& operator=(const SharedMutex&) = delete;

  void lock() TRUCE_ACQUIRE() { mu_.lock(); }
  void unlock() TRUCE_RELEASE() { mu_.unlock(); }
  bool try_lock() TRUCE_TRY_ACQUIRE(true) { return mu_.try_lock(); }
  void lock_shared() TRUCE_ACQUIRE_SHARED() { mu_.lock_shared(); }
  void unlock_shared() TRUCE_RELEASE_SHARED() { mu_.unlock_shared(); }
  bool try_lock_shared() TRUCE_TRY_ACQUIRE_SHARED(true) { return mu_.try_lock_shared(); }

 private:
  std::shared_mutex mu_;
};

// Holds a Mutex for its scope (std::lock_guard).
class TRUCE_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) TRUCE_ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() TRUCE_RELEASE() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

// Holds a Mutex for its scope, but may let go of it and take it again
// (std::unique_lock, without the deferred, adopted and moved states). A
// std::condition_variable_any waits on it: it unlocks and relocks through
// unlock() and lock(), and the analysis counts the mutex held throughout.
class TRUCE_SCOPED_CAPABILITY UniqueLock {
 public:
  explicit UniqueLock(Mutex& mu) TRUCE_ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~UniqueLock() TRUCE_RELEASE() {
    if (held_) mu_.unlock();
  }
  UniqueLock(const UniqueLock&) = delete;
  UniqueLock& operator=(const UniqueLock&) = delete;

  void lock() TRUCE_ACQUIRE() {
    mu_.lock();
    held_ = true;
  }
  void unlock() TRUCE_RELEASE() {
    held_ = false;
    mu_.unlock();
  }

 private:
  Mutex& mu_;
  bool held_ = true;
};

// Holds a SharedMutex exclusively for its scope.
class TRUCE_SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex& mu) TRUCE_ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~WriterLock() TRUCE_RELEASE() { mu_.unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex& mu_;
};

// Holds a SharedMutex shared for its scope (std::shared_lock).
class TRUCE_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mu) TRUCE_ACQUIRE_SHARED(mu) : mu_(mu) { mu_.lock_shared(); }
  ~ReaderLock() TRUCE_RELEASE() { mu_.unlock_shared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mu_;
};

}  // namespace truce
