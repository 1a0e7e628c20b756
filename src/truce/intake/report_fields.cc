#include "truce/intake/report_fields.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "truce/core/canonical_json.h"
#include "truce/core/digest.h"
#include "truce/geo/geodesic.h"

namespace truce::intake {
namespace {

// Every field of the report as read, unit-separated; times as UTC
// milliseconds so "+03:00" and "Z" spellings of one instant agree.
std::string ContentDigest(const Report& r) {
  std::string s;
  auto add = [&](const std::string& v) {
    s += v;
    s += '\x1f';
  };
  add(r.source.Key());
  add(std::string(CategoryName(r.category)));
  add(std::to_string(r.observed.start.utc_ms));
  add(std::to_string(r.observed.end.utc_ms));
  // Doubles in their shortest exact form: std::to_string keeps 6 decimals,
  // so two places 0.1 m apart would have read as one report.
  add(EcmaScriptNumber(r.location.lat));
  add(EcmaScriptNumber(r.location.lon));
  add(EcmaScriptNumber(r.location.uncertainty_m));
  add(r.location.place);
  add(r.weapon_class);
  add(std::to_string(r.count));
  add(r.bearing ? EcmaScriptNumber(r.bearing->azimuth_deg) + "/" + EcmaScriptNumber(r.bearing->error_deg) : "");
  // Sightings and firing points (schema 3) add to the digest only when
  // present, so a report stored before them digests as it did.
  if (r.sighting) {
    const Sighting& g = *r.sighting;
    add("sighting/" + std::string(ObservationName(g.what)) + "/" + EcmaScriptNumber(g.from_lat) + "/" +
        EcmaScriptNumber(g.from_lon) + "/" + EcmaScriptNumber(g.azimuth_deg) + "/" + EcmaScriptNumber(g.error_deg) +
        "/" + EcmaScriptNumber(g.min_m) + "/" + EcmaScriptNumber(g.max_m));
  }
  if (r.origin) {
    add("origin/" + EcmaScriptNumber(r.origin->lat) + "/" + EcmaScriptNumber(r.origin->lon) + "/" +
        EcmaScriptNumber(r.origin->uncertainty_m));
  }
  add(r.casualties ? std::to_string(r.casualties->killed) + "/" + std::to_string(r.casualties->injured) : "");
  add(r.blames);
  add(r.text);
  for (const std::string& e : r.evidence) add(e);
  return Sha256Hex(s);
}

// 95 rather than 95.000000 in messages.
std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

constexpr double kMaxUncertaintyM = 100'000;                 // beyond this a report places nothing
constexpr int64_t kMaxObservedMs = 31LL * 24 * 3600 * 1000;  // a month
constexpr size_t kMaxTextBytes = 20'000;
constexpr size_t kMaxIdBytes = 200;
}  // namespace

void ReportFields::Fail(std::string field, std::string message) {
  if (!error_) error_ = RowError{0, std::move(field), std::move(message)};
}

void ReportFields::SourceReportId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) {
    return Fail("id", "must be 1 to 200 characters");
  }
  r_.source_report_id = std::string(id);
}

void ReportFields::SourceKind(std::string_view kind) {
  auto k = ParseSourceKind(kind);
  if (!k) return Fail("source.kind", "'" + std::string(kind) + "' is not one of " + SourceKindList());
  r_.source.kind = *k;
  has_kind_ = true;
}

void ReportFields::SourceParty(std::string_view party) {
  if (party.empty()) return;
  if (!mission_.FindParty(party)) {
    return Fail("source.party",
                "'" + std::string(party) + "' is not a party of this mission (" + mission_.PartyList() + ")");
  }
  r_.source.party = std::string(party);
}

void ReportFields::SourceName(std::string_view name) { r_.source.name = std::string(name); }

void ReportFields::Category(std::string_view category) {
  auto c = ParseCategory(category);
  if (!c) return Fail("category", "'" + std::string(category) + "' is not one of " + CategoryList());
  r_.category = *c;
  has_category_ = true;
}

void ReportFields::ObservedStart(std::string_view time) {
  auto t = ParseRfc3339(time);
  if (!t.ok()) return Fail("observed.start", t.status().message());
  r_.observed.start = *t;
  has_start_ = true;
}

void ReportFields::ObservedEnd(std::string_view time) {
  auto t = ParseRfc3339(time);
  if (!t.ok()) return Fail("observed.end", t.status().message());
  r_.observed.end = *t;
  has_end_ = true;
}

void ReportFields::Latitude(double lat) {
  if (!InRange("location.lat", lat, -90, 90, "")) return;
  r_.location.lat = lat;
  has_lat_ = true;
}

void ReportFields::Longitude(double lon) {
  if (!InRange("location.lon", lon, -180, 180, "")) return;
  r_.location.lon = lon;
  has_lon_ = true;
}

void ReportFields::UncertaintyM(double metres) {
  if (!std::isfinite(metres) || metres < 0 || metres > kMaxUncertaintyM) {
    return Fail("location.uncertainty_m", Num(metres) + " must be between 0 and 100000 metres");
  }
  r_.location.uncertainty_m = metres;
  has_uncertainty_ = true;
}

void ReportFields::Place(std::string_view name) {
  if (name.empty()) return;
  const geo::Place* p = mission_.gazetteer.Find(name);
  if (!p) {
    std::string msg = "'" + std::string(name) + "' is not in the mission's gazetteer";
    auto near = mission_.gazetteer.Suggest(name);
    if (!near.empty()) {
      msg += "; did you mean ";
      for (size_t i = 0; i < near.size(); ++i) msg += (i ? ", " : "") + near[i];
    }
    return Fail("location.place", msg + "? Or give lat, lon and uncertainty_m");
  }
  r_.location.place = p->name;
  if (!has_lat_ && !has_lon_) {
    r_.location.lat = p->position.lat;
    r_.location.lon = p->position.lon;
    if (!has_uncertainty_) r_.location.uncertainty_m = p->radius_m;
    has_lat_ = has_lon_ = has_uncertainty_ = true;
  }
}

void ReportFields::WeaponClass(std::string_view id) {
  if (id.empty()) return;
  if (!mission_.FindWeaponClass(id)) {
    std::string known;
    for (const auto& w : mission_.weapon_classes) known += (known.empty() ? "" : ", ") + w.id;
    return Fail("weapon_class", "'" + std::string(id) + "' is not a weapon class of this mission (" + known + ")");
  }
  r_.weapon_class = std::string(id);
}

bool ReportFields::NonNegativeInt(const char* field, double v, int* out) {
  if (!std::isfinite(v) || v < 0 || v > 1e9 || v != std::floor(v)) {
    Fail(field, "must be a whole number ≥ 0");
    return false;
  }
  *out = int(v);
  return true;
}

void ReportFields::Count(double n) { NonNegativeInt("count", n, &r_.count); }

void ReportFields::BearingAzimuth(double deg) {
  if (!std::isfinite(deg) || deg < 0 || deg >= 360) {
    return Fail("bearing.azimuth_deg", "must be in [0, 360) degrees from true north");
  }
  if (!r_.bearing) r_.bearing.emplace();
  r_.bearing->azimuth_deg = deg;
  has_azimuth_ = true;
}

void ReportFields::BearingError(double deg) {
  if (!std::isfinite(deg) || deg < 0 || deg > 180) {
    return Fail("bearing.error_deg", "must be in [0, 180] degrees");
  }
  if (!r_.bearing) r_.bearing.emplace();
  r_.bearing->error_deg = deg;
  has_bearing_error_ = true;
}

bool ReportFields::InRange(const char* field, double v, double lo, double hi, const char* unit) {
  if (!std::isfinite(v) || v < lo || v > hi) {
    Fail(field, Num(v) + " is outside [" + Num(lo) + ", " + Num(hi) + "]" + unit);
    return false;
  }
  return true;
}

void ReportFields::SightingFromLat(double lat) {
  if (!InRange("sighting.from.lat", lat, -90, 90, "")) return;
  if (!r_.sighting) r_.sighting.emplace();
  r_.sighting->from_lat = lat;
  has_from_lat_ = true;
}

void ReportFields::SightingFromLon(double lon) {
  if (!InRange("sighting.from.lon", lon, -180, 180, "")) return;
  if (!r_.sighting) r_.sighting.emplace();
  r_.sighting->from_lon = lon;
  has_from_lon_ = true;
}

void ReportFields::SightingWhat(std::string_view what) {
  auto o = ParseObservation(what);
  if (!o) return Fail("sighting.what", "'" + std::string(what) + "' is not one of " + ObservationList());
  if (!r_.sighting) r_.sighting.emplace();
  r_.sighting->what = *o;
  has_what_ = true;
}

void ReportFields::SightingAzimuth(double deg) {
  if (!std::isfinite(deg) || deg < 0 || deg >= 360) {
    return Fail("sighting.azimuth_deg", "must be in [0, 360) degrees from true north");
  }
  if (!r_.sighting) r_.sighting.emplace();
  r_.sighting->azimuth_deg = deg;
  has_sight_azimuth_ = true;
}

void ReportFields::SightingError(double deg) {
  if (!InRange("sighting.error_deg", deg, 0, 90, " degrees")) return;
  if (!r_.sighting) r_.sighting.emplace();
  r_.sighting->error_deg = deg;
  has_sight_error_ = true;
}

void ReportFields::SightingDirection(std::string_view point) {
  // The 16 points of the compass, abbreviated or in words. A named point
  // means anywhere up to halfway to its neighbours.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kPoints{{
      {"n", "north"},
      {"nne", "north-north-east"},
      {"ne", "north-east"},
      {"ene", "east-north-east"},
      {"e", "east"},
      {"ese", "east-south-east"},
      {"se", "south-east"},
      {"sse", "south-south-east"},
      {"s", "south"},
      {"ssw", "south-south-west"},
      {"sw", "south-west"},
      {"wsw", "west-south-west"},
      {"w", "west"},
      {"wnw", "west-north-west"},
      {"nw", "north-west"},
      {"nnw", "north-north-west"},
  }};
  std::string p(point);
  for (char& c : p) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c == ' ' || c == '_') c = '-';
  }
  for (size_t i = 0; i < kPoints.size(); ++i) {
    if (p == kPoints[i].first || p == kPoints[i].second) {
      if (!r_.sighting) r_.sighting.emplace();
      r_.sighting->azimuth_deg = 22.5 * double(i);
      // The eight principal points are read as ±22.5°, the others as ±11.25°.
      if (!has_sight_error_) r_.sighting->error_deg = kPoints[i].first.size() <= 2 ? 22.5 : 11.25;
      has_sight_azimuth_ = has_sight_error_ = true;
      return;
    }
  }
  Fail("sighting.direction", "'" + std::string(point) + "' is not a compass point (N, NE, south-east, SSW...)");
}

void ReportFields::SightingDistanceKm(double min_km, double max_km) {
  if (!InRange("sighting.distance_km", min_km, 0, 100, " km") ||
      !InRange("sighting.distance_km", max_km, 0, 100, " km")) {
    return;
  }
  if (max_km < min_km) return Fail("sighting.distance_km", "must be [nearest, farthest] with nearest first");
  if (!r_.sighting) r_.sighting.emplace();
  r_.sighting->min_m = min_km * 1000;
  r_.sighting->max_m = max_km * 1000;
  has_band_ = true;
}

void ReportFields::OriginLat(double lat) {
  if (!InRange("origin.lat", lat, -90, 90, "")) return;
  if (!r_.origin) r_.origin.emplace();
  r_.origin->lat = lat;
  has_origin_lat_ = true;
}

void ReportFields::OriginLon(double lon) {
  if (!InRange("origin.lon", lon, -180, 180, "")) return;
  if (!r_.origin) r_.origin.emplace();
  r_.origin->lon = lon;
  has_origin_lon_ = true;
}

void ReportFields::OriginUncertaintyM(double metres) {
  if (!InRange("origin.uncertainty_m", metres, 0, kMaxUncertaintyM, " metres")) return;
  if (!r_.origin) r_.origin.emplace();
  r_.origin->uncertainty_m = metres;
  has_origin_uncertainty_ = true;
}

// The centre of the band sector, and the radius from it that takes in the
// sector's corners and the middle of its far arc: the whole area the
// sighting allows.
void ReportFields::PlaceFromSighting() {
  const Sighting& g = *r_.sighting;
  geo::LatLng from{g.from_lat, g.from_lon};
  double mid = (g.min_m + g.max_m) / 2;
  geo::LatLng centre = geo::Destination(from, g.azimuth_deg, mid);
  double radius = 0;
  for (double az : {g.azimuth_deg - g.error_deg, g.azimuth_deg, g.azimuth_deg + g.error_deg}) {
    for (double d : {g.min_m, g.max_m}) {
      radius = std::max(radius, geo::DistanceM(centre, geo::Destination(from, az, d)));
    }
  }
  r_.location.lat = centre.lat;
  r_.location.lon = centre.lon;
  if (radius > kMaxUncertaintyM) {
    return Fail("sighting.distance_km", "the band and direction allow " + Num(std::ceil(radius / 1000)) +
                                            " km either way, more than 100 km: narrow them");
  }
  r_.location.uncertainty_m = std::ceil(radius);
  has_lat_ = has_lon_ = has_uncertainty_ = true;
}

void ReportFields::Killed(double n) {
  if (!r_.casualties) r_.casualties.emplace();
  NonNegativeInt("casualties.killed", n, &r_.casualties->killed);
}

void ReportFields::Injured(double n) {
  if (!r_.casualties) r_.casualties.emplace();
  NonNegativeInt("casualties.injured", n, &r_.casualties->injured);
}

void ReportFields::Blames(std::string_view party) {
  if (party.empty()) return;
  if (!mission_.FindParty(party)) {
    return Fail("blames", "'" + std::string(party) + "' is not a party of this mission (" + mission_.PartyList() + ")");
  }
  r_.blames = std::string(party);
}

void ReportFields::Text(std::string_view text) {
  if (text.size() > kMaxTextBytes) return Fail("text", "is longer than 20000 bytes");
  r_.text = std::string(text);
}

void ReportFields::Evidence(std::string_view sha256_hex) {
  if (!IsSha256Hex(sha256_hex)) {
    return Fail("evidence",
                "'" + std::string(sha256_hex.substr(0, 80)) + "' is not a SHA-256 digest in 64 lowercase hex digits");
  }
  r_.evidence.emplace_back(sha256_hex);
}

bool ReportFields::Finish(Report* out, RowError* error) {
  auto missing = [&](const char* field, const char* hint) { Fail(field, std::string("is missing; ") + hint); };
  if (!has_kind_) missing("source.kind", "say who reports: party, observer, uav, acoustic, radar, patrol or news");
  if (has_kind_ && r_.source.kind == truce::SourceKind::kParty && r_.source.party.empty()) {
    missing("source.party", "a party's claim names the party");
  }
  if (!has_category_) missing("category", "say what was seen, e.g. shelling");
  if (!has_start_) missing("observed.start", "give when it was seen, with its time zone");
  if (r_.sighting) {
    if (!has_from_lat_ || !has_from_lon_) missing("sighting.from", "give the monitor's own lat and lon");
    if (!has_what_) missing("sighting.what", ("say what was made out: " + ObservationList()).c_str());
    if (!has_sight_azimuth_)
      missing("sighting.direction", "give a compass point or azimuth_deg and error_deg");
    else if (!has_sight_error_)
      missing("sighting.error_deg", "give how many degrees either side it may be off");
    if (!has_band_) missing("sighting.distance_km", "give the distance band [nearest, farthest] in km");
    if (!error_ && !has_lat_ && !has_lon_) PlaceFromSighting();
  }
  if (r_.origin && (!has_origin_lat_ || !has_origin_lon_ || !has_origin_uncertainty_)) {
    missing("origin", "a firing point needs lat, lon and uncertainty_m");
  }
  if (!has_lat_ && !has_lon_)
    missing("location", "give lat, lon and uncertainty_m, or a place name");
  else if (!has_lat_)
    missing("location.lat", "give the latitude in degrees");
  else if (!has_lon_)
    missing("location.lon", "give the longitude in degrees");
  else if (!has_uncertainty_)
    missing("location.uncertainty_m", "give the radius in metres within which it happened");
  if (r_.bearing && !has_azimuth_) missing("bearing.azimuth_deg", "a bearing needs its azimuth");
  if (r_.bearing && !has_bearing_error_) {
    missing("bearing.error_deg", "give how many degrees either side the bearing may be off");
  }
  if (!error_) {
    if (!has_end_) r_.observed.end = r_.observed.start;
    if (r_.observed.end.utc_ms < r_.observed.start.utc_ms) {
      Fail("observed.end", "is before observed.start");
    } else if (r_.observed.end.utc_ms - r_.observed.start.utc_ms > kMaxObservedMs) {
      Fail("observed.end", "is more than 31 days after observed.start; split it into reports");
    }
  }
  if (error_) {
    *error = *error_;
    return false;
  }
  r_.content_digest = ContentDigest(r_);
  if (r_.source_report_id.empty()) {
    // No id from the source: the content names the report, so a resend of
    // the same report is still recognised as a repeat.
    r_.source_report_id = "sha256:" + r_.content_digest.substr(0, 32);
  }
  *out = std::move(r_);
  return true;
}

}  // namespace truce::intake
