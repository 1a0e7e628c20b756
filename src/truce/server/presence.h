// Presence: who is looking at which item now, so that two officers of one
// party do not work the same incident unknowingly. In memory only, never
// in the register: it is a courtesy between colleagues, not a record.
//
// A reader's page sends a heartbeat for its item every few seconds; an
// entry lapses kPresenceLapseMs after its last one, or ends at once when
// the page is left. Each change of an item's viewers (a join, a leave, a
// lapse) is kept as a numbered change for the event streams
// (GET /v1/events, `event: presence`). Lapses are found by a thread that
// waits on the server's Clock for the next one, so they happen with no
// request arriving; on a ManualClock, moving the clock makes them happen.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "truce/core/status.h"
#include "truce/core/thread_annotations.h"
#include "truce/core/time.h"
#include "truce/core/timed_condition.h"
#include "truce/wire/sessions.h"

namespace truce::server {

inline constexpr int64_t kPresenceLapseMs = 30'000;
inline constexpr size_t kMaxItemsPerKey = 8;
inline constexpr size_t kMaxPresence = 10'000;  // (item, key) entries in all
inline constexpr size_t kMaxItemSize = 128;
// Changes kept for the event streams. A stream more than this behind
// misses some: presence is what is true now, and a page asks for its
// item's viewers (GET /v1/presence) when it opens or reconnects.
inline constexpr size_t kMaxPresenceChanges = 1000;

// 1 to kMaxItemSize of [A-Za-z0-9/_:.-]: an incident's id, a report's,
// "determination/12"; nothing that needs escaping anywhere.
Status CheckItem(std::string_view item);

struct PresenceChange {
  uint64_t seq = 0;
  std::string item;
  std::vector<wire::Viewer> viewers;  // as they were after the change
};

class Presence {
 public:
  // Starts the thread that finds lapses. `clock` outlives this.
  explicit Presence(const Clock& clock);
  ~Presence();
  Presence(const Presence&) = delete;
  Presence& operator=(const Presence&) = delete;

  // A heartbeat: `key` (of `party`) looks at `item` now. The item's viewers
  // after it, or Unavailable (kMaxPresence entries) or a refusal naming the
  // bound (kMaxItemsPerKey) as PermissionDenied.
  // REQUIRES: CheckItem(item).ok()
  Result<std::vector<wire::Viewer>> Beat(const std::string& item, const std::string& key, const std::string& party);
  // `key` left `item`.
  void Leave(const std::string& item, const std::string& key);
  // The item's viewers now, by when each came, then key.
  std::vector<wire::Viewer> Viewers(const std::string& item) const;

  // Changes after `seq`, oldest first; and the newest one's number.
  std::vector<PresenceChange> ChangesAfter(uint64_t seq) const;
  uint64_t last_seq() const;

 private:
  struct Entry {
    std::string party;
    int64_t since_ms = 0, last_ms = 0;  // first and latest heartbeat
  };
  using Item = std::map<std::string, Entry>;  // by key

  void Loop();
  // Ends every entry whose heartbeat is kPresenceLapseMs old at `now_ms`.
  void Lapse(int64_t now_ms) TRUCE_REQUIRES(mu_);
  void Remove(const std::string& item, const std::string& key) TRUCE_REQUIRES(mu_);
  std::vector<wire::Viewer> ViewersAt(const std::string& item, int64_t now_ms) const TRUCE_REQUIRES(mu_);
  void Changed(const std::string& item, int64_t now_ms) TRUCE_REQUIRES(mu_);

  const Clock& clock_;
  mutable Mutex mu_;
  TimedCondition wake_;  // on the clock: its next lapse, or a new entry
  std::map<std::string, Item> items_ TRUCE_GUARDED_BY(mu_);
  std::unordered_map<std::string, size_t> items_of_key_ TRUCE_GUARDED_BY(mu_);
  size_t entries_ TRUCE_GUARDED_BY(mu_) = 0;
  std::deque<PresenceChange> changes_ TRUCE_GUARDED_BY(mu_);
  uint64_t seq_ TRUCE_GUARDED_BY(mu_) = 0;
  bool added_ TRUCE_GUARDED_BY(mu_) = false;  // an entry came: the next lapse may be sooner
  bool stop_ TRUCE_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace truce::server
