#include "truce/intake/report_body.h"

#include "truce/core/canonical_json.h"

namespace truce::intake {

std::string CanonicalReportBody(const Report& r) {
  CanonicalObject source;
  source.String("kind", SourceKindName(r.source.kind));
  if (!r.source.party.empty()) source.String("party", r.source.party);
  if (!r.source.name.empty()) source.String("name", r.source.name);
  CanonicalObject location;
  location.Number("lat", r.location.lat)
      .Number("lon", r.location.lon)
      .Number("uncertainty_m", r.location.uncertainty_m);
  if (!r.location.place.empty()) location.String("place", r.location.place);
  CanonicalObject observed;
  observed.String("start", FormatRfc3339(r.observed.start)).String("end", FormatRfc3339(r.observed.end));
  CanonicalObject b;
  b.String("id", r.source_report_id)
      .Object("source", std::move(source))
      .String("category", CategoryName(r.category))
      .Object("observed", std::move(observed))
      .Object("location", std::move(location));
  if (!r.weapon_class.empty()) b.String("weapon_class", r.weapon_class);
  if (r.count > 0) b.Number("count", r.count);
  if (r.bearing) {
    b.Object(
        "bearing",
        std::move(
            CanonicalObject().Number("azimuth_deg", r.bearing->azimuth_deg).Number("error_deg", r.bearing->error_deg)));
  }
  if (r.sighting) {
    const Sighting& g = *r.sighting;
    CanonicalObject sighting;
    sighting.Object("from", std::move(CanonicalObject().Number("lat", g.from_lat).Number("lon", g.from_lon)))
        .String("what", ObservationName(g.what))
        .Number("azimuth_deg", g.azimuth_deg)
        .Number("error_deg", g.error_deg)
        .Numbers("distance_km", {g.min_m / 1000, g.max_m / 1000});
    b.Object("sighting", std::move(sighting));
  }
  if (r.origin) {
    b.Object("origin", std::move(CanonicalObject()
                                     .Number("lat", r.origin->lat)
                                     .Number("lon", r.origin->lon)
                                     .Number("uncertainty_m", r.origin->uncertainty_m)));
  }
  if (r.casualties) {
    b.Object(
        "casualties",
        std::move(CanonicalObject().Number("killed", r.casualties->killed).Number("injured", r.casualties->injured)));
  }
  if (!r.blames.empty()) b.String("blames", r.blames);
  if (!r.text.empty()) b.String("text", r.text);
  if (!r.evidence.empty()) b.Strings("evidence", r.evidence);
  return std::move(b).Finish();
}

// The same shape as CanonicalReportBody, kept as the value the wire and
// the simulator's files have always spelled (4508.0, not 4508); a test
// holds the two to the same canonical bytes.
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
