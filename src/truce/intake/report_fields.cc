#include "truce/intake/report_fields.h"

#include <cmath>
#include <cstdio>

#include "truce/core/canonical_json.h"
#include "truce/core/digest.h"

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

constexpr double kMaxUncertaintyM = 100'000;    // beyond this a report places nothing
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
    return Fail("source.party", "'" + std::string(party) + "' is not a party of this mission (" +
                                    mission_.PartyList() + ")");
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
  if (!std::isfinite(lat) || lat < -90 || lat > 90) {
    return Fail("location.lat", Num(lat) + " is outside [-90, 90]");
  }
  r_.location.lat = lat;
  has_lat_ = true;
}

void ReportFields::Longitude(double lon) {
  if (!std::isfinite(lon) || lon < -180 || lon > 180) {
    return Fail("location.lon", Num(lon) + " is outside [-180, 180]");
  }
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
    return Fail("blames", "'" + std::string(party) + "' is not a party of this mission (" +
                              mission_.PartyList() + ")");
  }
  r_.blames = std::string(party);
}

void ReportFields::Text(std::string_view text) {
  if (text.size() > kMaxTextBytes) return Fail("text", "is longer than 20000 bytes");
  r_.text = std::string(text);
}

void ReportFields::Evidence(std::string_view sha256_hex) {
  if (!IsSha256Hex(sha256_hex)) {
    return Fail("evidence", "'" + std::string(sha256_hex.substr(0, 80)) +
                                "' is not a SHA-256 digest in 64 lowercase hex digits");
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
  if (!has_lat_ && !has_lon_) missing("location", "give lat, lon and uncertainty_m, or a place name");
  else if (!has_lat_) missing("location.lat", "give the latitude in degrees");
  else if (!has_lon_) missing("location.lon", "give the longitude in degrees");
  else if (!has_uncertainty_) missing("location.uncertainty_m", "give the radius in metres within which it happened");
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
