#include "truce/patrol/fields.h"

#include <algorithm>
#include <cmath>

namespace truce::patrol {

using nlohmann::json;

Status Field(const std::string& field, const std::string& what) { return Status::Invalid(field + ": " + what); }

Status OnlyKeys(const json& j, const std::string& where, std::initializer_list<const char*> keys) {
  // Iterators, not a structured binding: clang before 16 does not let a
  // lambda capture one.
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (std::none_of(keys.begin(), keys.end(), [&](const char* x) { return k == x; })) {
      std::string list;
      for (const char* x : keys) list += (list.empty() ? "" : ", ") + std::string(x);
      return Field(where.empty() ? k.substr(0, 40) : where + "." + k.substr(0, 40),
                   "is not a field here (" + list + ")");
    }
  }
  return Status::Ok();
}

Result<std::string> Text(const json& j, const std::string& key, const std::string& where, size_t max) {
  const std::string field = where.empty() ? key : where + "." + key;
  if (!j.contains(key)) return Field(field, "is missing");
  if (!j[key].is_string()) return Field(field, "must be a string");
  std::string s = j[key].get<std::string>();
  if (s.empty()) return Field(field, "is empty");
  if (s.size() > max) return Field(field, "is longer than " + std::to_string(max) + " characters");
  return s;
}

Result<geo::LatLng> Position(const json& j, const std::string& field) {
  if (!j.is_array() || j.size() != 2 || !j[0].is_number() || !j[1].is_number()) {
    return Field(field, "must be [latitude, longitude] in degrees");
  }
  const geo::LatLng p{j[0].get<double>(), j[1].get<double>()};
  if (!(std::abs(p.lat) <= 90) || !(std::abs(p.lon) <= 180)) {
    return Field(field, "is not a position (latitude -90..90, longitude -180..180)");
  }
  return p;
}

Result<TimeInterval> Window(const json& j, int64_t max_ms, const std::string& max_words) {
  if (!j.contains("window") || !j["window"].is_object()) {
    return Field("window", "must be {\"start\": TIME, \"end\": TIME}, RFC 3339 with the offset");
  }
  TRUCE_RETURN_IF_ERROR(OnlyKeys(j["window"], "window", {"start", "end"}));
  TimeInterval w;
  for (const char* key : {"start", "end"}) {
    TRUCE_ASSIGN_OR_RETURN(std::string text, Text(j["window"], key, "window", 64));
    auto t = ParseRfc3339(text);
    if (!t.ok()) return Field(std::string("window.") + key, t.status().message());
    (std::string(key) == "start" ? w.start : w.end) = *t;
  }
  if (w.end.utc_ms <= w.start.utc_ms) return Field("window", "is empty: the end is not after the start");
  if (w.end.utc_ms - w.start.utc_ms > max_ms) return Field("window", "is longer than " + max_words);
  return w;
}

}  // namespace truce::patrol
