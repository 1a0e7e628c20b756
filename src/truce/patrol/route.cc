#include "truce/patrol/route.h"

#include <algorithm>
#include <cmath>

#include "truce/geo/geodesic.h"

namespace truce::patrol {
namespace {

constexpr double kDegree = M_PI / 180;
// Candidates this much farther off than the nearest are still taken as
// "the same distance" when a hint chooses between the passes of a loop.
constexpr double kSamePlaceM = 50;

bool Valid(geo::LatLng p) {
  return std::isfinite(p.lat) && std::isfinite(p.lon) && std::abs(p.lat) <= 90 && std::abs(p.lon) <= 180;
}

}  // namespace

Result<Route> Route::Make(const geo::Line& line) {
  Route r;
  for (size_t i = 0; i < line.size(); ++i) {
    if (!Valid(line[i])) {
      return Status::Invalid("route vertex " + std::to_string(i + 1) +
                             " is not a position (latitude -90..90, longitude -180..180)");
    }
    if (!r.line_.empty() && r.line_.back().lat == line[i].lat && r.line_.back().lon == line[i].lon) continue;
    r.line_.push_back(line[i]);
  }
  if (r.line_.size() < 2) return Status::Invalid("a route needs at least two distinct vertices");
  r.along_.push_back(0);
  for (size_t i = 0; i + 1 < r.line_.size(); ++i) {
    const geo::LatLng a = r.line_[i], b = r.line_[i + 1];
    r.along_.push_back(r.along_.back() + geo::DistanceM(a, b));
    const double mid = (a.lat + b.lat) / 2;
    Segment s;
    s.kx = geo::PrimeVerticalRadiusM(mid) * std::cos(mid * kDegree) * kDegree;
    s.ky = geo::MeridionalRadiusM(mid) * kDegree;
    s.dx = (b.lon - a.lon) * s.kx;
    s.dy = (b.lat - a.lat) * s.ky;
    s.length2 = s.dx * s.dx + s.dy * s.dy;
    r.segments_.push_back(s);
  }
  return r;
}

RoutePlace Route::Locate(geo::LatLng p, double hint_along_m) const {
  struct Candidate {
    double off2, along;
    size_t segment;
    double t;
  };
  // Every segment is tried: routes have tens of vertices, and the nearest
  // is needed, not the first close one.
  thread_local std::vector<Candidate> all;
  all.clear();
  double best2 = INFINITY;
  for (size_t i = 0; i < segments_.size(); ++i) {
    const Segment& s = segments_[i];
    const double x = (p.lon - line_[i].lon) * s.kx, y = (p.lat - line_[i].lat) * s.ky;
    const double t = std::clamp((x * s.dx + y * s.dy) / s.length2, 0.0, 1.0);
    const double ex = x - t * s.dx, ey = y - t * s.dy;
    const double off2 = ex * ex + ey * ey;
    all.push_back({off2, along_[i] + t * (along_[i + 1] - along_[i]), i, t});
    best2 = std::min(best2, off2);
  }
  const Candidate* chosen = nullptr;
  const double reach = std::sqrt(best2) + kSamePlaceM;
  for (const Candidate& c : all) {
    if (c.off2 > reach * reach) continue;
    if (!chosen) {
      chosen = &c;
    } else if (hint_along_m >= 0 ? std::abs(c.along - hint_along_m) < std::abs(chosen->along - hint_along_m)
                                 : c.off2 < chosen->off2) {
      chosen = &c;
    }
  }
  const geo::LatLng a = line_[chosen->segment], b = line_[chosen->segment + 1];
  RoutePlace out;
  out.along_m = chosen->along;
  out.off_m = std::sqrt(chosen->off2);
  out.nearest = {a.lat + chosen->t * (b.lat - a.lat), a.lon + chosen->t * (b.lon - a.lon)};
  return out;
}

geo::LatLng Route::PointAt(double along_m) const {
  along_m = std::clamp(along_m, 0.0, length_m());
  const size_t i = std::min<size_t>(
      size_t(std::upper_bound(along_.begin(), along_.end(), along_m) - along_.begin()) - 1, segments_.size() - 1);
  const double span = along_[i + 1] - along_[i];
  const double t = span > 0 ? (along_m - along_[i]) / span : 0;
  const geo::LatLng a = line_[i], b = line_[i + 1];
  return {a.lat + t * (b.lat - a.lat), a.lon + t * (b.lon - a.lon)};
}

geo::Line Route::Slice(double from_m, double to_m) const {
  from_m = std::clamp(from_m, 0.0, length_m());
  to_m = std::clamp(to_m, 0.0, length_m());
  if (to_m < from_m) std::swap(from_m, to_m);
  geo::Line out{PointAt(from_m)};
  for (size_t i = 1; i + 1 < line_.size(); ++i) {
    if (along_[i] > from_m && along_[i] < to_m) out.push_back(line_[i]);
  }
  out.push_back(PointAt(to_m));
  return out;
}

}  // namespace truce::patrol
