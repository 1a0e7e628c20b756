// The fields of the patrols' and flights' register bodies, read with errors
// that name the field: "window: is empty: the end is not after the start",
// "halts[2].at: must be [latitude, longitude] in degrees".
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>

#include "truce/core/status.h"
#include "truce/core/time.h"
#include "truce/geo/geometry.h"

namespace truce::patrol {

Status Field(const std::string& field, const std::string& what);
// Every key of `j` is one of `keys`; `where` is the object's own field name.
Status OnlyKeys(const nlohmann::json& j, const std::string& where, std::initializer_list<const char*> keys);
// A non-empty string of at most `max` bytes at j[key].
Result<std::string> Text(const nlohmann::json& j, const std::string& key, const std::string& where, size_t max = 200);
// [latitude, longitude] in degrees.
Result<geo::LatLng> Position(const nlohmann::json& j, const std::string& field);
// {"start": TIME, "end": TIME} at j["window"], RFC 3339 with offsets: not
// empty (the end after the start) and at most `max_ms` long.
Result<TimeInterval> Window(const nlohmann::json& j, int64_t max_ms, const std::string& max_words);

}  // namespace truce::patrol
