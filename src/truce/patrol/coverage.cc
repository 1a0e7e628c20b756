#include "truce/patrol/coverage.h"

#include <algorithm>
#include <cmath>

namespace truce::patrol {

Coverage CoverageOf(double road_length_m, const std::vector<PatrolRun>& runs, double bin_m) {
  Coverage c;
  if (!(road_length_m > 0) || !(bin_m > 0)) return c;
  const size_t n = size_t(std::ceil(road_length_m / bin_m));
  // Each patrol adds one at the first bin it drove half of and takes it
  // away after the last: one pass sums them (a difference array).
  std::vector<int> delta(n + 1, 0);
  for (const PatrolRun& r : runs) {
    const double plan_lo = std::clamp(std::min(r.planned_from_m, r.planned_to_m), 0.0, road_length_m);
    const double plan_hi = std::clamp(std::max(r.planned_from_m, r.planned_to_m), 0.0, road_length_m);
    const double lo = std::clamp(std::min(r.driven_from_m, r.driven_to_m), 0.0, road_length_m);
    const double hi = std::clamp(std::max(r.driven_from_m, r.driven_to_m), 0.0, road_length_m);
    c.planned_m += plan_hi - plan_lo;
    c.driven_m += hi - lo;
    if (hi <= lo) continue;
    // Bin k spans [k·bin, min((k+1)·bin, length)]; half of it driven.
    auto half_driven = [&](size_t k) {
      const double from = double(k) * bin_m, to = std::min(double(k + 1) * bin_m, road_length_m);
      return std::min(hi, to) - std::max(lo, from) >= (to - from) / 2;
    };
    size_t first = size_t(lo / bin_m), last = std::min(n - 1, size_t(hi / bin_m));
    if (!half_driven(first)) ++first;
    if (last >= first && !half_driven(last)) --last;
    if (first > last || last >= n) continue;
    delta[first] += 1;
    delta[last + 1] -= 1;
  }
  int running = 0;
  for (size_t k = 0; k < n; ++k) {
    running += delta[k];
    CoverageBin b{double(k) * bin_m, std::min(double(k + 1) * bin_m, road_length_m), running};
    if (b.patrols == 0) {
      if (!c.never_reached.empty() && c.never_reached.back().to_m == b.from_m) {
        c.never_reached.back().to_m = b.to_m;
      } else {
        c.never_reached.push_back({b.from_m, b.to_m});
      }
    }
    c.bins.push_back(b);
  }
  c.share = c.planned_m > 0 ? std::min(1.0, c.driven_m / c.planned_m) : 1;
  return c;
}

}  // namespace truce::patrol
