#include "truce/intake/report_body.h"

namespace truce::intake {

nlohmann::json ReportBody(const Report& r) {
  nlohmann::json source = {{"kind", SourceKindName(r.source.kind)}};
  if (!r.source.party.empty()) source["party"] = r.source.party;
  if (!r.source.name.empty()) source["name"] = r.source.name;
  nlohmann::json location = {
      {"lat", r.location.lat}, {"lon", r.location.lon}, {"uncertainty_m", r.location.uncertainty_m}};
  if (!r.location.place.empty()) location["place"] = r.location.place;
  nlohmann::json b = {
      {"id", r.source_report_id},
      {"source", source},
      {"category", CategoryName(r.category)},
      {"observed", {{"start", FormatRfc3339(r.observed.start)}, {"end", FormatRfc3339(r.observed.end)}}},
      {"location", location}};
  if (!r.weapon_class.empty()) b["weapon_class"] = r.weapon_class;
  if (r.count > 0) b["count"] = r.count;
  if (r.bearing) b["bearing"] = {{"azimuth_deg", r.bearing->azimuth_deg}, {"error_deg", r.bearing->error_deg}};
  if (r.sighting) {
    const Sighting& g = *r.sighting;
    b["sighting"] = {{"from", {{"lat", g.from_lat}, {"lon", g.from_lon}}},
                     {"what", ObservationName(g.what)},
                     {"azimuth_deg", g.azimuth_deg},
                     {"error_deg", g.error_deg},
                     {"distance_km", {g.min_m / 1000, g.max_m / 1000}}};
  }
  if (r.origin) {
    b["origin"] = {{"lat", r.origin->lat}, {"lon", r.origin->lon}, {"uncertainty_m", r.origin->uncertainty_m}};
  }
  if (r.casualties) b["casualties"] = {{"killed", r.casualties->killed}, {"injured", r.casualties->injured}};
  if (!r.blames.empty()) b["blames"] = r.blames;
  if (!r.text.empty()) b["text"] = r.text;
  if (!r.evidence.empty()) b["evidence"] = r.evidence;
  return b;
}

}  // namespace truce::intake
