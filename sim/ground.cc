#include "sim/ground.h"

#include <algorithm>

namespace truce::sim {

Result<Ground> Ground::Build(const Mission& mission) {
  Ground g;
  g.mission_ = &mission;
  g.zone_regions_.resize(mission.zones.size());
  auto add = [&](Result<int> region, size_t zone) -> Status {
    if (!region.ok()) return region.status().WithContext("zone " + mission.zones[zone].id);
    g.region_zone_.push_back(int(zone));
    g.zone_regions_[zone].push_back(*region);
    return Status::Ok();
  };
  for (size_t zi = 0; zi < mission.zones.size(); ++zi) {
    const geo::Zone& z = mission.zones[zi];
    if (!z.polygons.empty()) {
      TRUCE_RETURN_IF_ERROR(add(g.index_.AddArea(z.polygons), zi));
      if (z.kind == geo::ZoneKind::kBuffer && z.half_width_m > 0) {
        TRUCE_RETURN_IF_ERROR(add(g.index_.AddLineBuffer(z.Outline(), z.half_width_m), zi));
      }
    } else if (z.half_width_m > 0 && !z.lines.empty()) {
      TRUCE_RETURN_IF_ERROR(add(g.index_.AddLineBuffer(z.lines, z.half_width_m), zi));
    } else if (z.half_width_m > 0 && !z.points.empty()) {
      TRUCE_RETURN_IF_ERROR(add(g.index_.AddPointBuffer(z.points, z.half_width_m), zi));
    }
  }
  // Each withdrawal band is a region of its own, after the zones', which no
  // zone stands for.
  g.clause_band_.assign(mission.clauses.size(), -1);
  for (size_t ci = 0; ci < mission.clauses.size(); ++ci) {
    const Clause& c = mission.clauses[ci];
    const geo::Zone* from = c.kind == ClauseKind::kWithdrawal ? mission.FindZone(c.from_zone) : nullptr;
    if (!from) continue;
    Result<int> band = g.index_.AddLineBuffer(from->Outline(), c.distance_km * 1000);
    if (!band.ok()) return band.status().WithContext("clause " + c.id);
    g.region_zone_.push_back(-1);
    g.clause_band_[ci] = *band;
  }
  g.index_.Build();
  return g;
}

std::string Ground::Holder(geo::LatLng p, int64_t t_ms) const {
  thread_local std::vector<int> regions;
  regions.clear();
  index_.Lookup(p, &regions);
  // Regions were added in zone order, so the first that fits is the first
  // control area in the pack.
  for (int r : regions) {
    int zi = region_zone_[size_t(r)];
    if (zi < 0) continue;  // a withdrawal band
    const geo::Zone& z = mission_->zones[size_t(zi)];
    if (z.kind == geo::ZoneKind::kControlArea && z.ValidDuring(t_ms, t_ms)) return z.party;
  }
  return "";
}

bool Ground::Holds(const geo::Zone& zone, geo::LatLng p, int64_t from_ms, int64_t to_ms) const {
  if (!zone.ValidDuring(from_ms, to_ms)) return false;
  size_t zi = size_t(&zone - mission_->zones.data());
  const std::vector<int>& regions = zone_regions_.at(zi);
  return std::any_of(regions.begin(), regions.end(), [&](int r) { return index_.Contains(r, p); });
}

bool Ground::WithinBand(const Clause& clause, geo::LatLng p) const {
  if (clause.kind != ClauseKind::kWithdrawal || clause.from_zone.empty()) return true;
  int band = clause_band_.at(size_t(&clause - mission_->clauses.data()));
  return band >= 0 && index_.Contains(band, p);
}

}  // namespace truce::sim
