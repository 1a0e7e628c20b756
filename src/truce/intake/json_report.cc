#include "truce/intake/json_report.h"

#include <string>

namespace truce::intake {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// Calls set(string) if `key` holds a string; fails the field otherwise.
template <typename Set>
void Str(object o, const char* key, const std::string& field, ReportFields* f, Set set) {
  element e;
  if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return;
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return f->Fail(field, "must be a string");
  set(s);
}

template <typename Set>
void Num(object o, const char* key, const std::string& field, ReportFields* f, Set set) {
  element e;
  if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return;
  double d;
  if (e.get_double().get(d) != simdjson::SUCCESS) return f->Fail(field, "must be a number");
  set(d);
}

bool Obj(object o, const char* key, const std::string& field, ReportFields* f, object* out) {
  element e;
  if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return false;
  if (e.get_object().get(*out) != simdjson::SUCCESS) {
    f->Fail(field, "must be an object");
    return false;
  }
  return true;
}

// The fields every form shares; `top` is the report object or properties.
void ReadFields(object top, ReportFields* f) {
  // "source_report_id" wins over "id", so a report as truce gives it out
  // (where "id" is the center's number) reads back as the same report.
  element id;
  if ((top["source_report_id"].get(id) == simdjson::SUCCESS && !id.is_null()) ||
      (top["id"].get(id) == simdjson::SUCCESS && !id.is_null())) {
    std::string_view s;
    if (id.get_string().get(s) == simdjson::SUCCESS) {
      f->SourceReportId(s);
    } else if (id.is_int64() || id.is_uint64()) {
      f->SourceReportId(simdjson::minify(id));
    } else {
      f->Fail("id", "must be a string or a whole number");
    }
  }
  object source;
  if (Obj(top, "source", "source", f, &source)) {
    Str(source, "kind", "source.kind", f, [&](auto s) { f->SourceKind(s); });
    Str(source, "party", "source.party", f, [&](auto s) { f->SourceParty(s); });
    Str(source, "name", "source.name", f, [&](auto s) { f->SourceName(s); });
  }
  Str(top, "category", "category", f, [&](auto s) { f->Category(s); });
  // "observed" is {"start", "end"}, or one time as a string for a moment.
  element observed_value;
  if (top["observed"].get(observed_value) == simdjson::SUCCESS && observed_value.is_string()) {
    Str(top, "observed", "observed", f, [&](auto s) { f->ObservedStart(s); });
  } else if (object observed; Obj(top, "observed", "observed", f, &observed)) {
    Str(observed, "start", "observed.start", f, [&](auto s) { f->ObservedStart(s); });
    Str(observed, "end", "observed.end", f, [&](auto s) { f->ObservedEnd(s); });
  }
  Str(top, "weapon_class", "weapon_class", f, [&](auto s) { f->WeaponClass(s); });
  Num(top, "count", "count", f, [&](double d) { f->Count(d); });
  object bearing;
  if (Obj(top, "bearing", "bearing", f, &bearing)) {
    Num(bearing, "azimuth_deg", "bearing.azimuth_deg", f, [&](double d) { f->BearingAzimuth(d); });
    Num(bearing, "error_deg", "bearing.error_deg", f, [&](double d) { f->BearingError(d); });
  }
  object sighting;
  if (Obj(top, "sighting", "sighting", f, &sighting)) {
    object from;
    if (Obj(sighting, "from", "sighting.from", f, &from)) {
      Num(from, "lat", "sighting.from.lat", f, [&](double d) { f->SightingFromLat(d); });
      Num(from, "lon", "sighting.from.lon", f, [&](double d) { f->SightingFromLon(d); });
    }
    Str(sighting, "what", "sighting.what", f, [&](auto s) { f->SightingWhat(s); });
    Str(sighting, "direction", "sighting.direction", f, [&](auto s) { f->SightingDirection(s); });
    Num(sighting, "azimuth_deg", "sighting.azimuth_deg", f, [&](double d) { f->SightingAzimuth(d); });
    Num(sighting, "error_deg", "sighting.error_deg", f, [&](double d) { f->SightingError(d); });
    element band;
    if (sighting["distance_km"].get(band) == simdjson::SUCCESS && !band.is_null()) {
      simdjson::dom::array a;
      double lo = 0, hi = 0;
      if (band.get_double().get(lo) == simdjson::SUCCESS) {
        f->SightingDistanceKm(lo, lo);
      } else if (band.get_array().get(a) == simdjson::SUCCESS && a.size() == 2 &&
                 a.at(0).get_double().get(lo) == simdjson::SUCCESS &&
                 a.at(1).get_double().get(hi) == simdjson::SUCCESS) {
        f->SightingDistanceKm(lo, hi);
      } else {
        f->Fail("sighting.distance_km", "must be [nearest, farthest] in km, or one number");
      }
    }
  }
  object origin;
  if (Obj(top, "origin", "origin", f, &origin)) {
    Num(origin, "lat", "origin.lat", f, [&](double d) { f->OriginLat(d); });
    Num(origin, "lon", "origin.lon", f, [&](double d) { f->OriginLon(d); });
    Num(origin, "uncertainty_m", "origin.uncertainty_m", f, [&](double d) { f->OriginUncertaintyM(d); });
  }
  object casualties;
  if (Obj(top, "casualties", "casualties", f, &casualties)) {
    Num(casualties, "killed", "casualties.killed", f, [&](double d) { f->Killed(d); });
    Num(casualties, "injured", "casualties.injured", f, [&](double d) { f->Injured(d); });
  }
  Str(top, "blames", "blames", f, [&](auto s) { f->Blames(s); });
  Str(top, "text", "text", f, [&](auto s) { f->Text(s); });
  element evidence;
  if (top["evidence"].get(evidence) == simdjson::SUCCESS && !evidence.is_null()) {
    simdjson::dom::array a;
    if (evidence.get_array().get(a) != simdjson::SUCCESS) {
      return f->Fail("evidence", "must be an array of SHA-256 hex digests");
    }
    for (element e : a) {
      std::string_view s;
      if (e.get_string().get(s) != simdjson::SUCCESS) return f->Fail("evidence", "must hold only strings");
      f->Evidence(s);
    }
  }
}

void ReadLocation(object location, ReportFields* f) {
  // Coordinates first: when both are given, the place name only labels them.
  Num(location, "lat", "location.lat", f, [&](double d) { f->Latitude(d); });
  Num(location, "lon", "location.lon", f, [&](double d) { f->Longitude(d); });
  Num(location, "uncertainty_m", "location.uncertainty_m", f, [&](double d) { f->UncertaintyM(d); });
  Str(location, "place", "location.place", f, [&](auto s) { f->Place(s); });
}

}  // namespace

void ReadReportJson(element e, ReportFields* f) {
  object top;
  if (e.get_object().get(top) != simdjson::SUCCESS) return f->Fail("", "a report must be a JSON object");
  ReadFields(top, f);
  object location;
  if (Obj(top, "location", "location", f, &location)) ReadLocation(location, f);
}

void ReadReportFeature(element e, ReportFields* f) {
  object props;
  if (e["properties"].get_object().get(props) != simdjson::SUCCESS) {
    return f->Fail("properties", "a report feature needs a properties object");
  }
  ReadFields(props, f);
  element geometry;
  if (e["geometry"].get(geometry) == simdjson::SUCCESS && !geometry.is_null()) {
    std::string_view type;
    simdjson::dom::array coords;
    if (geometry["type"].get_string().get(type) != simdjson::SUCCESS || type != "Point" ||
        geometry["coordinates"].get_array().get(coords) != simdjson::SUCCESS || coords.size() < 2) {
      return f->Fail("geometry", "a report's geometry must be a Point [lon, lat]");
    }
    double lon, lat;
    if (coords.at(0).get_double().get(lon) != simdjson::SUCCESS ||
        coords.at(1).get_double().get(lat) != simdjson::SUCCESS) {
      return f->Fail("geometry.coordinates", "must be numbers [lon, lat]");
    }
    f->Latitude(lat);
    f->Longitude(lon);
  }
  Num(props, "uncertainty_m", "properties.uncertainty_m", f, [&](double d) { f->UncertaintyM(d); });
  Str(props, "place", "properties.place", f, [&](auto s) { f->Place(s); });
  object location;
  if (Obj(props, "location", "location", f, &location)) ReadLocation(location, f);
}

}  // namespace truce::intake
