// Zone: a named geometry with a kind (docs/USER-GUIDE.md, "Zones").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/time.h"
#include "truce/geo/geometry.h"

namespace truce::geo {

enum class ZoneKind {
  kDeescalationArea,
  kSecurityCorridor,  // a line with a half-width: inside means within it
  kContactLine,
  kControlArea,  // the area a party controls
  kWithdrawalLine,
  kPatrolRoute,
  kDistrict,
  kBuffer,  // a protected site with its buffer radius
};

std::string_view ZoneKindName(ZoneKind k);
std::optional<ZoneKind> ParseZoneKind(std::string_view s);
std::string ZoneKindList();

struct Zone {
  std::string id;
  std::string name;
  ZoneKind kind = ZoneKind::kDeescalationArea;
  // Exactly one of these is filled, by the geometry's type.
  std::vector<Polygon> polygons;
  std::vector<Line> lines;
  std::vector<LatLng> points;
  // For lines and points: a report within this distance is inside the zone.
  // 0 means the zone is a line to measure from, not an area to tag with.
  double half_width_m = 0;
  std::string party;      // a control area's party
  std::string site_kind;  // a protected site's kind (hospital, school, ...)
  std::optional<Instant> valid_from, valid_until;
  bool approximate = false;
  std::string source;
  std::string geometry_json;  // the GeoJSON geometry as loaded, for serving

  // The lines to measure distance from: the zone's lines, or its polygons'
  // rings (a protected site's edge, a withdrawal measured from an area).
  std::vector<Line> Outline() const {
    if (!lines.empty()) return lines;
    std::vector<Line> rings;
    for (const Polygon& p : polygons) rings.insert(rings.end(), p.rings.begin(), p.rings.end());
    return rings;
  }

  // Whether a report can fall inside it (areas, and buffered lines/points).
  bool IsTaggable() const { return !polygons.empty() || half_width_m > 0; }
  bool ValidDuring(int64_t from_ms, int64_t to_ms) const {
    return (!valid_from || valid_from->utc_ms <= to_ms) && (!valid_until || valid_until->utc_ms > from_ms);
  }
};

}  // namespace truce::geo
