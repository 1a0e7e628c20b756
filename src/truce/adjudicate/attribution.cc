#include "truce/adjudicate/attribution.h"

#include <cmath>
#include <cstdio>

#include "truce/geo/geodesic.h"

namespace truce::adjudicate {
namespace {

constexpr double kRad = M_PI / 180;

// Signed difference a - b in degrees, in (-180, 180], for any a and b.
double AngleDiff(double a, double b) {
  double d = std::fmod(a - b, 360.0);
  if (d <= -180) d += 360;
  if (d > 180) d -= 360;
  return d;
}

// A bearing's error read as two standard deviations; a stated error of 0
// (exact) is taken as half a degree, not ignored.
double Sigma(const Bearing& b) { return std::max(0.5, b.error_deg) / 2; }

std::string Percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", p * 100);
  return buf;
}

std::string Fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

bool IsIndirect(Category c) {
  return c == Category::kShelling || c == Category::kAirstrike || c == Category::kDroneStrike;
}

// A disk as 17 points: its centre and two rings, for a share of the ground.
std::vector<geo::LatLng> Disk(double lat, double lon, double radius_m) {
  std::vector<geo::LatLng> out{{lat, lon}};
  for (double f : {0.5, 1.0}) {
    for (int k = 0; k < 8; ++k) out.push_back(geo::Destination({lat, lon}, 45.0 * k, radius_m * f));
  }
  return out;
}

}  // namespace

Attributor::Attributor(const Mission& mission, const Tagger& tagger, double threshold)
    : mission_(mission), tagger_(tagger), threshold_(threshold) {
  for (const geo::Zone& z : mission.zones) {
    zone_party_.push_back(z.kind == geo::ZoneKind::kControlArea ? z.party : "");
  }
}

std::string Attributor::Holder(double lat, double lon, int64_t t_ms) const {
  thread_local std::vector<int> zones;
  tagger_.ZonesAt({lat, lon}, t_ms, t_ms, &zones);
  for (int z : zones) {
    if (!zone_party_[size_t(z)].empty()) return zone_party_[size_t(z)];
  }
  return "";
}

void Attributor::Decide(Attribution* a) const {
  double total = 0;
  for (const auto& [p, w] : a->parties) total += w;
  if (total <= 0) {
    a->parties.clear();
    return;
  }
  std::string best;
  double best_p = 0;
  for (auto& [p, w] : a->parties) {
    w /= total;
    if (!p.empty() && w > best_p) {
      best = p;
      best_p = w;
    }
  }
  a->probability = best_p;
  if (best_p >= threshold_) a->responsible = best;
}

void Attributor::ShareOfGround(double lat, double lon, double radius_m, int64_t t_ms, Attribution* a) const {
  for (const geo::LatLng& p : Disk(lat, lon, radius_m)) a->parties[Holder(p.lat, p.lon, t_ms)] += 1;
  Decide(a);
}

// A located firing point: the inverse-variance mean of every one given.
bool Attributor::FromRadar(const fusion::Incident& inc, const std::vector<fusion::Member>& members,
                           Attribution* a) const {
  double ow = 0, olat = 0, olon = 0;
  for (const fusion::Member& m : members) {
    if (!m.origin) continue;
    double s = std::max(25.0, m.origin->uncertainty_m / 2);
    ow += 1 / (s * s);
    olat += m.origin->lat / (s * s);
    olon += m.origin->lon / (s * s);
  }
  if (ow <= 0) return false;
  a->method = "radar";
  double radius = 2 / std::sqrt(ow);
  ShareOfGround(olat / ow, olon / ow, radius, inc.time.start.utc_ms, a);
  a->why = "Counter-battery radar located the firing point at " + Fixed(olat / ow, 4) + ", " + Fixed(olon / ow, 4) +
           " (±" + Fixed(radius, 0) + " m)";
  a->why += a->responsible.empty() ? ", on ground no party clearly holds."
                                   : ", on ground held by " + a->responsible + " (" + Percent(a->probability) + ").";
  return true;
}

// Back-azimuths of indirect fire: the sector they give from the impact, out
// to the weapon's range, and whose ground it falls on.
bool Attributor::FromBearings(const fusion::Incident& inc, const std::vector<fusion::Member>& members,
                              Attribution* a) const {
  std::vector<const Bearing*> bearings;
  for (const fusion::Member& m : members) {
    if (m.bearing) bearings.push_back(&*m.bearing);
  }
  if (bearings.empty() || !IsIndirect(inc.category)) return false;
  a->method = "sector";
  // The combined back-azimuth: each bearing's error is read as two
  // standard deviations; a weighted circular mean.
  double sx = 0, sy = 0, wsum = 0;
  for (const Bearing* b : bearings) {
    double s = Sigma(*b);
    double w = 1 / (s * s);
    sx += w * std::sin(b->azimuth_deg * kRad);
    sy += w * std::cos(b->azimuth_deg * kRad);
    wsum += w;
  }
  // Bearings that point different ways (the resultant of their unit
  // vectors is short) give no one direction to look along.
  if (std::hypot(sx, sy) < 0.5 * wsum) {
    a->method = "none";
    a->why = std::to_string(bearings.size()) + " back-azimuths disagree on the direction the fire came from.";
    return true;
  }
  double mean = std::fmod(std::atan2(sx, sy) / kRad + 360, 360);
  double sigma = 1 / std::sqrt(wsum);
  double min_km = 0.5, max_km = 20;
  if (const WeaponClass* w = mission_.FindWeaponClass(inc.weapon_class); w && w->max_range_km > 0) {
    min_km = std::max(0.1, w->min_range_km);
    max_km = w->max_range_km;
  }
  a->sector = Sector{inc.lat, inc.lon, mean, 2 * sigma, min_km, max_km};
  double half = std::min(180.0, std::max(3 * sigma, 3.0));
  constexpr int kAz = 41, kRange = 24;
  std::vector<double> metres(kRange);
  for (int j = 0; j < kRange; ++j) metres[j] = (min_km + (max_km - min_km) * (j + 0.5) / kRange) * 1000;
  for (int i = 0; i < kAz; ++i) {
    // The whole circle, when the bearings allow it, without its seam twice.
    double az = half >= 180 ? mean - 180 + 360.0 * i / kAz : mean - half + 2 * half * i / (kAz - 1);
    double w = 1;
    for (const Bearing* b : bearings) {
      double d = AngleDiff(az, b->azimuth_deg) / Sigma(*b);
      w *= std::exp(-0.5 * d * d);
    }
    if (w < 1e-9) continue;
    for (const geo::LatLng& p : geo::PointsAlong({inc.lat, inc.lon}, std::fmod(az + 360, 360), metres)) {
      a->parties[Holder(p.lat, p.lon, inc.time.start.utc_ms)] += w;
    }
  }
  Decide(a);
  if (a->parties.empty()) {
    a->method = "none";
    a->sector.reset();
    a->why = "The back-azimuths leave no firing sector they agree on.";
    return true;
  }
  a->why = std::to_string(bearings.size()) + (bearings.size() == 1 ? " back-azimuth gives" : " back-azimuths give") +
           " a firing sector of " + Fixed(mean, 0) + "° ± " + Fixed(2 * sigma, 0) + "° from the impact, " +
           Fixed(min_km, 1) + "-" + Fixed(max_km, 1) + " km out (" +
           (inc.weapon_class.empty() ? "range of unknown weapon" : "range of " + inc.weapon_class) + "); ";
  std::string shares;
  for (const auto& [p, w] : a->parties) {
    shares += (shares.empty() ? "" : ", ") + (p.empty() ? std::string("no party's ground") : p) + " " + Percent(w);
  }
  a->why += shares + ".";
  return true;
}

// A weapon that stays where it is belongs to whoever holds the ground.
bool Attributor::FromGround(const fusion::Incident& inc, Attribution* a) const {
  if (inc.category != Category::kHeavyWeaponPresent && inc.category != Category::kIed &&
      inc.category != Category::kPatrolObstructed && inc.category != Category::kMovement) {
    return false;
  }
  a->method = "ground";
  ShareOfGround(inc.lat, inc.lon, inc.uncertainty_m, inc.time.start.utc_ms, a);
  a->why = a->responsible.empty() ? "It happened on ground no single party clearly holds."
                                  : "It happened on ground held by " + a->responsible + " (" + Percent(a->probability) +
                                        " of its uncertainty area).";
  return true;
}

Attribution Attributor::Attribute(const fusion::Incident& inc, const std::vector<fusion::Member>& members) const {
  Attribution a;
  if (FromRadar(inc, members, &a) || FromBearings(inc, members, &a) || FromGround(inc, &a)) return a;
  a.method = "none";
  a.why = IsIndirect(inc.category)
              ? "Indirect fire with no located firing point and no back-azimuth: the firing side is not known."
              : "Nothing located who did it.";
  return a;
}

}  // namespace truce::adjudicate
