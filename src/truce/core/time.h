// Instants and intervals of observed time.
//
// Every time that enters truce carries an explicit UTC offset ("Z" or
// "+03:00"): a report saying "14:20" without a zone is ambiguous by up to a
// day across the parties' capitals, so it is refused rather than guessed.
// Instants are held as milliseconds since the Unix epoch (UTC) plus the
// offset the source wrote, so a report reads back the way it was written.
#pragma once

#include <atomic>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"
#include "truce/core/thread_annotations.h"

namespace truce {

class TimedCondition;

struct Instant {
  int64_t utc_ms = 0;      // milliseconds since 1970-01-01T00:00:00Z
  int32_t offset_min = 0;  // the UTC offset the source used, for display only

  friend bool operator==(const Instant& a, const Instant& b) { return a.utc_ms == b.utc_ms; }
  friend auto operator<=>(const Instant& a, const Instant& b) { return a.utc_ms <=> b.utc_ms; }
};

// Parses RFC 3339 date-time: YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM).
// Seconds may be left out ("2020-03-10T14:20+03:00"), a space may stand for
// the "T"; the zone may not be left out.
Result<Instant> ParseRfc3339(std::string_view text);

// Formats with the instant's own offset, seconds always, milliseconds when
// not zero: "2020-03-10T14:20:00+03:00".
std::string FormatRfc3339(const Instant& t);
// The same, appended to `out` (exports write millions without allocating).
void AppendRfc3339(const Instant& t, std::string* out);

// A closed interval [start, end] of observed time; a point in time has
// start == end. REQUIRES: start <= end (checked by MakeInterval).
struct TimeInterval {
  Instant start;
  Instant end;

  int64_t duration_ms() const { return end.utc_ms - start.utc_ms; }
  bool Overlaps(int64_t from_ms, int64_t to_ms) const { return start.utc_ms <= to_ms && end.utc_ms >= from_ms; }
};

Result<TimeInterval> MakeInterval(Instant start, Instant end);

// Where time comes from, so tests and the simulator can set it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMs() const = 0;

 private:
  friend class TimedCondition;
  // For TimedCondition (timed_condition.h). Whether time passes of itself,
  // so that a wait for a time may end by a real-time timeout; a clock that
  // moves only when told wakes its watchers instead when it is moved.
  virtual bool Passes() const { return true; }
  virtual void Watch(TimedCondition*) const {}
  virtual void Unwatch(TimedCondition*) const {}
};

class SystemClock : public Clock {
 public:
  int64_t NowMs() const override;
  static const SystemClock& Instance();
};

// A clock that moves only when told: tests advance it rather than sleep.
// Safe to read from other threads while one advances it. Advance and Set
// wake every thread that waits on it for a time (a TimedCondition), which
// then looks at the clock again: a wait that has reached its time ends.
class ManualClock : public Clock {
 public:
  explicit ManualClock(int64_t now_ms = 1583841600000) : now_ms_(now_ms) {}  // 2020-03-10 12:00 UTC
  int64_t NowMs() const override { return now_ms_.load(); }
  void Advance(int64_t ms);
  void Set(int64_t ms);

 private:
  bool Passes() const override { return false; }
  void Watch(TimedCondition* c) const override;
  void Unwatch(TimedCondition* c) const override;
  void WakeWatchers() const;

  std::atomic<int64_t> now_ms_;
  // Lock order: watchers_mu_, then a watcher's own mutex (WakeWatchers).
  mutable Mutex watchers_mu_;
  mutable std::vector<TimedCondition*> watchers_ TRUCE_GUARDED_BY(watchers_mu_);
};

}  // namespace truce
