// Rate limits on writes: a token bucket per client address and per signing
// key, so one party's flood (or an outsider's) cannot crowd out the others'
// writes. A refused request is told when to come back (429, Retry-After).
//
// Time comes from the Clock, so tests advance it instead of waiting.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "truce/core/thread_annotations.h"
#include "truce/core/time.h"

namespace truce::server {

class RateLimit {
 public:
  // `per_second` tokens return each second, up to `burst`. A rate of 0
  // turns the limit off.
  RateLimit(double per_second, double burst, const Clock& clock);

  // Takes `cost` tokens from `who`'s bucket if it holds them; otherwise
  // takes nothing and says in how many whole seconds it will (≥ 1).
  bool Take(const std::string& who, double cost, int64_t* retry_after_s);

  // For costs known only after the work (entries a key verifiably signed):
  // Charge takes them, into debt if need be, and InDebt says whether
  // `who` is still paying off an earlier charge, and for how long.
  void Charge(const std::string& who, double cost);
  bool InDebt(const std::string& who, int64_t* retry_after_s);

 private:
  struct Bucket {
    double tokens;
    int64_t at_ms;
  };
  // Bounds the table: buckets that have filled up again are forgotten.
  void Prune(int64_t now_ms) TRUCE_REQUIRES(mu_);
  // `who`'s bucket, refilled to now.
  Bucket& Refilled(const std::string& who, int64_t now_ms) TRUCE_REQUIRES(mu_);

  const double per_second_, burst_;
  const Clock& clock_;
  Mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_ TRUCE_GUARDED_BY(mu_);
  int64_t last_prune_ms_ TRUCE_GUARDED_BY(mu_) = 0;
};

}  // namespace truce::server
