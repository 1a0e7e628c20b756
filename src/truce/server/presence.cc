#include "truce/server/presence.h"

#include <algorithm>

namespace truce::server {

Status CheckItem(std::string_view item) {
  if (item.empty() || item.size() > kMaxItemSize ||
      item.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_:.-") !=
          std::string_view::npos) {
    return Status::Invalid("item must be 1 to " + std::to_string(kMaxItemSize) +
                           " characters of A-Z a-z 0-9 / _ : . -");
  }
  return Status::Ok();
}

Presence::Presence(const Clock& clock) : clock_(clock), wake_(clock, mu_) {
  thread_ = std::thread([this] { Loop(); });
}

Presence::~Presence() {
  {
    MutexLock lock(mu_);
    stop_ = true;
  }
  wake_.NotifyAll();
  thread_.join();
}

Result<std::vector<wire::Viewer>> Presence::Beat(const std::string& item, const std::string& key,
                                                 const std::string& party) {
  const int64_t now = clock_.NowMs();
  MutexLock lock(mu_);
  // A lapse the thread has not yet taken counts as one: the answer and
  // the bounds go by the clock, not by how soon the thread ran.
  Lapse(now);
  auto found = items_.find(item);
  if (found != items_.end()) {
    auto e = found->second.find(key);
    if (e != found->second.end()) {
      e->second.last_ms = now;
      return ViewersAt(item, now);
    }
  }
  if (items_of_key_[key] >= kMaxItemsPerKey) {
    return Status::Denied("key '" + key + "' is already looking at " + std::to_string(kMaxItemsPerKey) +
                          " items: leave one (DELETE /v1/presence?item=...) or let it lapse");
  }
  if (entries_ >= kMaxPresence) {
    if (items_of_key_[key] == 0) items_of_key_.erase(key);
    return Status(Code::kUnavailable, "too many readers are present; try again in a minute");
  }
  items_[item][key] = Entry{party, now, now};
  ++items_of_key_[key];
  ++entries_;
  Changed(item, now);
  added_ = true;
  wake_.NotifyAll();
  return ViewersAt(item, now);
}

void Presence::Leave(const std::string& item, const std::string& key) {
  const int64_t now = clock_.NowMs();
  MutexLock lock(mu_);
  Lapse(now);
  auto found = items_.find(item);
  if (found == items_.end() || !found->second.count(key)) return;
  Remove(item, key);
  Changed(item, now);
}

std::vector<wire::Viewer> Presence::Viewers(const std::string& item) const {
  MutexLock lock(mu_);
  return ViewersAt(item, clock_.NowMs());
}

std::vector<PresenceChange> Presence::ChangesAfter(uint64_t seq) const {
  MutexLock lock(mu_);
  std::vector<PresenceChange> out;
  for (const PresenceChange& c : changes_) {
    if (c.seq > seq) out.push_back(c);
  }
  return out;
}

uint64_t Presence::last_seq() const {
  MutexLock lock(mu_);
  return seq_;
}

void Presence::Loop() {
  UniqueLock lock(mu_);
  while (!stop_) {
    const int64_t now = clock_.NowMs();
    Lapse(now);
    // The next lapse, or a minute on if none is due (a new entry wakes the
    // thread sooner). On a ManualClock the wait ends only when the clock
    // is moved there, whatever the deadline.
    int64_t next = now + 60'000;
    for (const auto& [item, viewers] : items_) {
      for (const auto& [key, e] : viewers) next = std::min(next, e.last_ms + kPresenceLapseMs);
    }
    added_ = false;
    wake_.WaitUntil(lock, next, [this]() TRUCE_REQUIRES(mu_) { return stop_ || added_; });
  }
}

void Presence::Lapse(int64_t now_ms) {
  std::vector<std::pair<std::string, std::string>> gone;
  for (const auto& [item, viewers] : items_) {
    for (const auto& [key, e] : viewers) {
      if (e.last_ms + kPresenceLapseMs <= now_ms) gone.emplace_back(item, key);
    }
  }
  for (const auto& [item, key] : gone) Remove(item, key);
  // One change per item, after all of its lapses.
  for (size_t i = 0; i < gone.size(); ++i) {
    if (i == 0 || gone[i].first != gone[i - 1].first) Changed(gone[i].first, now_ms);
  }
}

void Presence::Remove(const std::string& item, const std::string& key) {
  auto found = items_.find(item);
  found->second.erase(key);
  if (found->second.empty()) items_.erase(found);
  if (--items_of_key_[key] == 0) items_of_key_.erase(key);
  --entries_;
}

std::vector<wire::Viewer> Presence::ViewersAt(const std::string& item, int64_t now_ms) const {
  std::vector<wire::Viewer> out;
  auto found = items_.find(item);
  if (found == items_.end()) return out;
  for (const auto& [key, e] : found->second) {
    if (e.last_ms + kPresenceLapseMs > now_ms) out.push_back({key, e.party, e.since_ms});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.since_ms < b.since_ms; });
  return out;
}

void Presence::Changed(const std::string& item, int64_t now_ms) {
  changes_.push_back({++seq_, item, ViewersAt(item, now_ms)});
  while (changes_.size() > kMaxPresenceChanges) changes_.pop_front();
}

}  // namespace truce::server
