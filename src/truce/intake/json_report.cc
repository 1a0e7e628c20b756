#include "truce/intake/json_report.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace truce::intake {
namespace {

// The reader below walks any JSON value through one small face, so the
// same code reads a report from a file (simdjson's DOM, fast) and from a
// register entry's body that was parsed with the entry (nlohmann's tree)
// without writing that body out as text and parsing it again. Each face
// answers nothing for an absent member and for null alike.
class SimdValue {
 public:
  explicit SimdValue(simdjson::dom::element e) : e_(e) {}
  std::optional<SimdValue> operator[](const char* key) const {
    simdjson::dom::element m;
    if (e_[key].get(m) != simdjson::SUCCESS || m.is_null()) return std::nullopt;
    return SimdValue(m);
  }
  bool IsObject() const { return e_.is_object(); }
  bool IsString() const { return e_.is_string(); }
  bool IsInteger() const { return e_.is_int64() || e_.is_uint64(); }
  std::optional<std::string_view> String() const {
    std::string_view s;
    if (e_.get_string().get(s) != simdjson::SUCCESS) return std::nullopt;
    return s;
  }
  std::optional<double> Number() const {
    double d;
    if (e_.get_double().get(d) != simdjson::SUCCESS) return std::nullopt;
    return d;
  }
  std::string Text() const { return simdjson::minify(e_); }
  std::optional<std::vector<SimdValue>> Elements() const {
    simdjson::dom::array a;
    if (e_.get_array().get(a) != simdjson::SUCCESS) return std::nullopt;
    std::vector<SimdValue> out;
    for (simdjson::dom::element x : a) out.emplace_back(x);
    return out;
  }

 private:
  simdjson::dom::element e_;
};

class TreeValue {
 public:
  explicit TreeValue(const nlohmann::json& j) : j_(&j) {}
  std::optional<TreeValue> operator[](const char* key) const {
    if (!j_->is_object()) return std::nullopt;
    auto it = j_->find(key);
    if (it == j_->end() || it->is_null()) return std::nullopt;
    return TreeValue(*it);
  }
  bool IsObject() const { return j_->is_object(); }
  bool IsString() const { return j_->is_string(); }
  bool IsInteger() const { return j_->is_number_integer(); }
  std::optional<std::string_view> String() const {
    if (!j_->is_string()) return std::nullopt;
    return std::string_view(j_->get_ref<const std::string&>());
  }
  std::optional<double> Number() const {
    if (!j_->is_number()) return std::nullopt;
    return j_->get<double>();
  }
  std::string Text() const { return j_->dump(); }
  std::optional<std::vector<TreeValue>> Elements() const {
    if (!j_->is_array()) return std::nullopt;
    std::vector<TreeValue> out;
    for (const nlohmann::json& x : *j_) out.emplace_back(x);
    return out;
  }

 private:
  const nlohmann::json* j_;
};

// Calls set(string) if `key` holds a string; fails the field otherwise.
template <typename V, typename Set>
void Str(const V& o, const char* key, const std::string& field, ReportFields* f, Set set) {
  auto e = o[key];
  if (!e) return;
  auto s = e->String();
  if (!s) return f->Fail(field, "must be a string");
  set(*s);
}

template <typename V, typename Set>
void Num(const V& o, const char* key, const std::string& field, ReportFields* f, Set set) {
  auto e = o[key];
  if (!e) return;
  auto d = e->Number();
  if (!d) return f->Fail(field, "must be a number");
  set(*d);
}

template <typename V>
std::optional<V> Obj(const V& o, const char* key, const std::string& field, ReportFields* f) {
  auto e = o[key];
  if (!e) return std::nullopt;
  if (!e->IsObject()) {
    f->Fail(field, "must be an object");
    return std::nullopt;
  }
  return e;
}

// The fields every form shares; `top` is the report object or properties.
template <typename V>
void ReadFields(const V& top, ReportFields* f) {
  // "source_report_id" wins over "id", so a report as truce gives it out
  // (where "id" is the center's number) reads back as the same report.
  if (auto id = top["source_report_id"] ? top["source_report_id"] : top["id"]) {
    if (auto s = id->String()) {
      f->SourceReportId(*s);
    } else if (id->IsInteger()) {
      f->SourceReportId(id->Text());
    } else {
      f->Fail("id", "must be a string or a whole number");
    }
  }
  if (auto source = Obj(top, "source", "source", f)) {
    Str(*source, "kind", "source.kind", f, [&](auto s) { f->SourceKind(s); });
    Str(*source, "party", "source.party", f, [&](auto s) { f->SourceParty(s); });
    Str(*source, "name", "source.name", f, [&](auto s) { f->SourceName(s); });
  }
  Str(top, "category", "category", f, [&](auto s) { f->Category(s); });
  // "observed" is {"start", "end"}, or one time as a string for a moment.
  if (auto observed_value = top["observed"]; observed_value && observed_value->IsString()) {
    Str(top, "observed", "observed", f, [&](auto s) { f->ObservedStart(s); });
  } else if (auto observed = Obj(top, "observed", "observed", f)) {
    Str(*observed, "start", "observed.start", f, [&](auto s) { f->ObservedStart(s); });
    Str(*observed, "end", "observed.end", f, [&](auto s) { f->ObservedEnd(s); });
  }
  Str(top, "weapon_class", "weapon_class", f, [&](auto s) { f->WeaponClass(s); });
  Num(top, "count", "count", f, [&](double d) { f->Count(d); });
  if (auto bearing = Obj(top, "bearing", "bearing", f)) {
    Num(*bearing, "azimuth_deg", "bearing.azimuth_deg", f, [&](double d) { f->BearingAzimuth(d); });
    Num(*bearing, "error_deg", "bearing.error_deg", f, [&](double d) { f->BearingError(d); });
  }
  if (auto sighting = Obj(top, "sighting", "sighting", f)) {
    if (auto from = Obj(*sighting, "from", "sighting.from", f)) {
      Num(*from, "lat", "sighting.from.lat", f, [&](double d) { f->SightingFromLat(d); });
      Num(*from, "lon", "sighting.from.lon", f, [&](double d) { f->SightingFromLon(d); });
    }
    Str(*sighting, "what", "sighting.what", f, [&](auto s) { f->SightingWhat(s); });
    Str(*sighting, "direction", "sighting.direction", f, [&](auto s) { f->SightingDirection(s); });
    Num(*sighting, "azimuth_deg", "sighting.azimuth_deg", f, [&](double d) { f->SightingAzimuth(d); });
    Num(*sighting, "error_deg", "sighting.error_deg", f, [&](double d) { f->SightingError(d); });
    if (auto band = (*sighting)["distance_km"]) {
      std::optional<std::vector<V>> a;
      std::optional<double> lo, hi;
      if ((lo = band->Number())) {
        f->SightingDistanceKm(*lo, *lo);
      } else if ((a = band->Elements()) && a->size() == 2 && (lo = (*a)[0].Number()) && (hi = (*a)[1].Number())) {
        f->SightingDistanceKm(*lo, *hi);
      } else {
        f->Fail("sighting.distance_km", "must be [nearest, farthest] in km, or one number");
      }
    }
  }
  if (auto origin = Obj(top, "origin", "origin", f)) {
    Num(*origin, "lat", "origin.lat", f, [&](double d) { f->OriginLat(d); });
    Num(*origin, "lon", "origin.lon", f, [&](double d) { f->OriginLon(d); });
    Num(*origin, "uncertainty_m", "origin.uncertainty_m", f, [&](double d) { f->OriginUncertaintyM(d); });
  }
  if (auto casualties = Obj(top, "casualties", "casualties", f)) {
    Num(*casualties, "killed", "casualties.killed", f, [&](double d) { f->Killed(d); });
    Num(*casualties, "injured", "casualties.injured", f, [&](double d) { f->Injured(d); });
  }
  Str(top, "blames", "blames", f, [&](auto s) { f->Blames(s); });
  Str(top, "text", "text", f, [&](auto s) { f->Text(s); });
  if (auto evidence = top["evidence"]) {
    auto a = evidence->Elements();
    if (!a) return f->Fail("evidence", "must be an array of SHA-256 hex digests");
    for (const V& e : *a) {
      auto s = e.String();
      if (!s) return f->Fail("evidence", "must hold only strings");
      f->Evidence(*s);
    }
  }
}

template <typename V>
void ReadLocation(const V& location, ReportFields* f) {
  // Coordinates first: when both are given, the place name only labels them.
  Num(location, "lat", "location.lat", f, [&](double d) { f->Latitude(d); });
  Num(location, "lon", "location.lon", f, [&](double d) { f->Longitude(d); });
  Num(location, "uncertainty_m", "location.uncertainty_m", f, [&](double d) { f->UncertaintyM(d); });
  Str(location, "place", "location.place", f, [&](auto s) { f->Place(s); });
}

template <typename V>
void ReadReport(const V& top, ReportFields* f) {
  if (!top.IsObject()) return f->Fail("", "a report must be a JSON object");
  ReadFields(top, f);
  if (auto location = Obj(top, "location", "location", f)) ReadLocation(*location, f);
}

}  // namespace

void ReadReportJson(simdjson::dom::element e, ReportFields* f) { ReadReport(SimdValue(e), f); }

void ReadReportJson(const nlohmann::json& value, ReportFields* f) { ReadReport(TreeValue(value), f); }

void ReadReportFeature(simdjson::dom::element e, ReportFields* f) {
  const SimdValue feature(e);
  auto props = feature["properties"];
  if (!props || !props->IsObject()) return f->Fail("properties", "a report feature needs a properties object");
  ReadFields(*props, f);
  if (auto geometry = feature["geometry"]) {
    auto type = (*geometry)["type"];
    auto coords = (*geometry)["coordinates"];
    auto xy = coords ? coords->Elements() : std::nullopt;
    if (!type || type->String() != "Point" || !xy || xy->size() < 2) {
      return f->Fail("geometry", "a report's geometry must be a Point [lon, lat]");
    }
    auto lon = (*xy)[0].Number(), lat = (*xy)[1].Number();
    if (!lon || !lat) return f->Fail("geometry.coordinates", "must be numbers [lon, lat]");
    f->Latitude(*lat);
    f->Longitude(*lon);
  }
  Num(*props, "uncertainty_m", "properties.uncertainty_m", f, [&](double d) { f->UncertaintyM(d); });
  Str(*props, "place", "properties.place", f, [&](auto s) { f->Place(s); });
  if (auto location = Obj(*props, "location", "location", f)) ReadLocation(*location, f);
}

}  // namespace truce::intake
