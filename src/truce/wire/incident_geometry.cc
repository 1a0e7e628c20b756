#include "truce/wire/incident_geometry.h"

#include <algorithm>
#include <cmath>

#include "truce/geo/geodesic.h"

namespace truce::wire {
namespace {

using nlohmann::json;

// Decimetres: finer than any uncertainty the center states.
json Position(geo::LatLng p) { return {std::round(p.lon * 1e6) / 1e6, std::round(p.lat * 1e6) / 1e6}; }

json Feature(const char* role, json geometry, json properties) {
  properties["role"] = role;
  return {{"type", "Feature"}, {"geometry", std::move(geometry)}, {"properties", std::move(properties)}};
}

json Point(geo::LatLng p) { return {{"type", "Point"}, {"coordinates", Position(p)}}; }

// The ring of the annular sector around `centre`: azimuth ± error (degrees,
// the error clamped to a half-turn), between min_m and max_m (the centre
// itself when min_m is 0). Anticlockwise: the outer arc against the
// azimuth's sense, then the inner arc with it.
json SectorPolygon(geo::LatLng centre, double azimuth_deg, double error_deg, double min_m, double max_m) {
  const double error = std::clamp(error_deg, 0.0, 180.0);
  const int steps = std::max(2, int(std::ceil(2 * error / 2.0)));
  json ring = json::array();
  for (int i = 0; i <= steps; ++i) {
    ring.push_back(Position(geo::Destination(centre, azimuth_deg + error - 2 * error * i / steps, max_m)));
  }
  if (min_m > 0) {
    for (int i = 0; i <= steps; ++i) {
      ring.push_back(Position(geo::Destination(centre, azimuth_deg - error + 2 * error * i / steps, min_m)));
    }
  } else {
    ring.push_back(Position(centre));
  }
  ring.push_back(ring[0]);
  return {{"type", "Polygon"}, {"coordinates", json::array({ring})}};
}

}  // namespace

json IncidentGeometryJson(const Finding& finding, const std::vector<StoredReport>& reports) {
  const fusion::Incident& inc = finding.incident;
  json features = json::array();
  features.push_back(Feature("fused_place", Point({inc.lat, inc.lon}), {{"uncertainty_m", inc.uncertainty_m}}));
  for (const StoredReport& s : reports) {
    const Report& r = s.report;
    const std::string kind(SourceKindName(r.source.kind));
    features.push_back(Feature("report_place", Point({r.location.lat, r.location.lon}),
                               {{"report", s.id},
                                {"source_report_id", r.source_report_id},
                                {"source_kind", kind},
                                {"uncertainty_m", r.location.uncertainty_m}}));
    if (r.sighting) {
      const Sighting& g = *r.sighting;
      const geo::LatLng from{g.from_lat, g.from_lon};
      features.push_back(Feature("observer", Point(from), {{"report", s.id}, {"what", ObservationName(g.what)}}));
      json ray = {{"type", "LineString"},
                  {"coordinates", {Position(from), Position(geo::Destination(from, g.azimuth_deg, g.max_m))}}};
      features.push_back(Feature("bearing_ray", std::move(ray),
                                 {{"report", s.id}, {"azimuth_deg", g.azimuth_deg}, {"error_deg", g.error_deg}}));
      features.push_back(Feature("distance_band", SectorPolygon(from, g.azimuth_deg, g.error_deg, g.min_m, g.max_m),
                                 {{"report", s.id},
                                  {"azimuth_deg", g.azimuth_deg},
                                  {"error_deg", g.error_deg},
                                  {"min_m", g.min_m},
                                  {"max_m", g.max_m}}));
    }
    if (r.origin) {
      features.push_back(
          Feature("firing_point", Point({r.origin->lat, r.origin->lon}),
                  {{"report", s.id}, {"source_kind", kind}, {"uncertainty_m", r.origin->uncertainty_m}}));
    }
  }
  if (const auto& sector = finding.determination.attribution.sector) {
    features.push_back(Feature("attribution_sector",
                               SectorPolygon({sector->impact_lat, sector->impact_lon}, sector->azimuth_deg,
                                             sector->error_deg, sector->min_km * 1000, sector->max_km * 1000),
                               {{"azimuth_deg", std::round(sector->azimuth_deg * 10) / 10},
                                {"error_deg", std::round(sector->error_deg * 10) / 10},
                                {"range_km", {sector->min_km, sector->max_km}}}));
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace truce::wire
