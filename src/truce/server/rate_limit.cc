#include "truce/server/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace truce::server {
namespace {

// Refills are summed in doubles: ten refills of 0.1 token from -1 end at
// -1.4e-16, not 0. A bucket that short of a whole token has it.
constexpr double kSlack = 1e-9;

}  // namespace

RateLimit::RateLimit(double per_second, double burst, const Clock& clock)
    : per_second_(per_second), burst_(std::max(burst, 1.0)), clock_(clock) {}

bool RateLimit::Take(const std::string& who, double cost, int64_t* retry_after_s) {
  if (per_second_ <= 0) return true;
  const int64_t now = clock_.NowMs();
  MutexLock lock(mu_);
  Bucket& b = Refilled(who, now);
  // A request costlier than the whole burst is let through on a full
  // bucket, and leaves it in debt: a large batch is slowed, not banned.
  if (b.tokens + kSlack >= cost || b.tokens + kSlack >= burst_) {
    b.tokens -= cost;
    return true;
  }
  const double need = std::min(cost, burst_) - b.tokens;
  if (retry_after_s) *retry_after_s = std::max<int64_t>(1, int64_t(std::ceil(need / per_second_)));
  return false;
}

RateLimit::Bucket& RateLimit::Refilled(const std::string& who, int64_t now) {
  if (buckets_.size() > 10000 && now - last_prune_ms_ > 1000) Prune(now);
  auto [it, fresh] = buckets_.try_emplace(who, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    b.tokens = std::min(burst_, b.tokens + double(std::max<int64_t>(0, now - b.at_ms)) * per_second_ / 1000.0);
    b.at_ms = now;
  }
  return b;
}

void RateLimit::Charge(const std::string& who, double cost) {
  if (per_second_ <= 0) return;
  MutexLock lock(mu_);
  Refilled(who, clock_.NowMs()).tokens -= cost;
}

bool RateLimit::InDebt(const std::string& who, int64_t* retry_after_s) {
  if (per_second_ <= 0) return false;
  MutexLock lock(mu_);
  auto it = buckets_.find(who);
  if (it == buckets_.end()) return false;
  Bucket& b = Refilled(who, clock_.NowMs());
  if (b.tokens + kSlack >= 0) return false;
  if (retry_after_s) *retry_after_s = std::max<int64_t>(1, int64_t(std::ceil(-b.tokens / per_second_)));
  return true;
}

void RateLimit::Prune(int64_t now_ms) {
  last_prune_ms_ = now_ms;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    double refilled = it->second.tokens + double(now_ms - it->second.at_ms) * per_second_ / 1000.0;
    it = refilled >= burst_ ? buckets_.erase(it) : std::next(it);
  }
}

}  // namespace truce::server
