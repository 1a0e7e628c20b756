#include "truce/mission/tagger.h"

#include <algorithm>

namespace truce {

Result<Tagger> Tagger::Build(const Mission& mission) {
  Tagger t;
  t.mission_ = &mission;
  // Every region the index gets stands for one zone or one withdrawal band.
  auto note = [&](Result<int> region, int zone, int clause, const std::string& what) -> Status {
    if (!region.ok()) return region.status().WithContext(what);
    t.region_zone_.push_back(zone);
    t.region_clause_.push_back(clause);
    return Status::Ok();
  };
  for (size_t zi = 0; zi < mission.zones.size(); ++zi) {
    const geo::Zone& z = mission.zones[zi];
    if (!z.IsTaggable()) continue;
    const std::string what = "zone " + z.id;
    if (!z.polygons.empty()) {
      TRUCE_RETURN_IF_ERROR(note(t.index_.AddArea(z.polygons), int(zi), -1, what));
      // A site drawn as a polygon also holds the buffer round its edge.
      if (z.kind == geo::ZoneKind::kBuffer && z.half_width_m > 0) {
        TRUCE_RETURN_IF_ERROR(note(t.index_.AddLineBuffer(z.Outline(), z.half_width_m), int(zi), -1, what));
      }
    } else if (!z.lines.empty()) {
      TRUCE_RETURN_IF_ERROR(note(t.index_.AddLineBuffer(z.lines, z.half_width_m), int(zi), -1, what));
    } else {
      TRUCE_RETURN_IF_ERROR(note(t.index_.AddPointBuffer(z.points, z.half_width_m), int(zi), -1, what));
    }
  }
  t.clause_zones_.resize(mission.clauses.size());
  for (size_t ci = 0; ci < mission.clauses.size(); ++ci) {
    const Clause& c = mission.clauses[ci];
    for (const std::string& id : c.zones) {
      t.clause_zones_[ci].push_back(int(mission.FindZone(id) - mission.zones.data()));
    }
    if (c.kind != ClauseKind::kWithdrawal || c.from_zone.empty()) continue;
    // The band within distance_km of the line: the place a withdrawn weapon
    // must not be.
    const geo::Zone* from = mission.FindZone(c.from_zone);
    TRUCE_RETURN_IF_ERROR(
        note(t.index_.AddLineBuffer(from->Outline(), c.distance_km * 1000), -1, int(ci), "clause " + c.id));
  }
  t.index_.Build();
  return t;
}

void Tagger::ZonesAt(geo::LatLng p, int64_t from_ms, int64_t to_ms, std::vector<int>* zones) const {
  thread_local std::vector<int> regions;
  regions.clear();
  index_.Lookup(p, &regions);
  zones->clear();
  for (int r : regions) {
    if (int z = region_zone_[r]; z >= 0 && mission_->zones[z].ValidDuring(from_ms, to_ms)) zones->push_back(z);
  }
  std::sort(zones->begin(), zones->end());
  zones->erase(std::unique(zones->begin(), zones->end()), zones->end());
}

void Tagger::Tag(Report* report) const {
  thread_local std::vector<int> regions;
  regions.clear();
  const int64_t from = report->observed.start.utc_ms;
  const int64_t to = report->observed.end.utc_ms;
  index_.Lookup({report->location.lat, report->location.lon}, &regions);

  // Zone indexes in mission order, so output is stable.
  thread_local std::vector<int> zones;
  zones.clear();
  thread_local std::vector<int> bands;
  bands.clear();
  for (int r : regions) {
    if (int z = region_zone_[r]; z >= 0) {
      if (mission_->zones[z].ValidDuring(from, to)) zones.push_back(z);
    } else {
      bands.push_back(region_clause_[r]);
    }
  }
  std::sort(zones.begin(), zones.end());
  zones.erase(std::unique(zones.begin(), zones.end()), zones.end());
  report->zones.clear();
  for (int z : zones) report->zones.push_back(mission_->zones[z].id);

  report->clauses.clear();
  for (size_t ci = 0; ci < mission_->clauses.size(); ++ci) {
    const Clause& c = mission_->clauses[ci];
    if (!c.InForceDuring(from, to)) continue;
    // A withdrawal clause covers the band within its distance of the line,
    // and, when it names zones, only the part of the band inside them.
    bool covers = clause_zones_[ci].empty() ||
                  std::any_of(clause_zones_[ci].begin(), clause_zones_[ci].end(),
                              [&](int z) { return std::binary_search(zones.begin(), zones.end(), z); });
    if (covers && !c.from_zone.empty() && c.kind == ClauseKind::kWithdrawal) {
      covers = std::find(bands.begin(), bands.end(), int(ci)) != bands.end();
    }
    if (covers) report->clauses.push_back(c.id);
  }
}

}  // namespace truce
