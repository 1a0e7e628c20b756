// A small mission pack as text, for tests and fuzz targets that need a
// mission but not the real packs' geometry. Only tests include this.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "truce/mission/mission.h"

namespace truce::testing {

inline constexpr const char* kMiniToml = R"toml(
[mission]
id = "mini"
name = "Mini mission"
timezone = "Asia/Damascus"

[[parties]]
id = "RU"
name = "Russian Federation"
role = "center"

[[parties]]
id = "TR"
name = "Republic of Turkey"
role = "center"

[[parties]]
id = "SY-GOV"
name = "Syrian government forces"
role = "conflict"

[[parties]]
id = "SY-OPP"
name = "Armed opposition"
role = "conflict"

[agreement]
id = "mini-protocol"
title = "Mini protocol"
signed = "2020-03-05"

[[weapon_classes]]
id = "mortar-120"
name = "120 mm mortar"
indirect = true
min_range_km = 0.5
max_range_km = 7.2

[[clauses]]
id = "C-1"
kind = "ceasefire"
text = "Cease all military actions."
in_force_from = "2020-03-06T00:01:00+03:00"
zones = ["area"]

[[clauses]]
id = "C-2"
kind = "corridor"
text = "No armed presence in the corridor."
in_force_from = "2020-03-06T00:01:00+03:00"
zones = ["road-corridor"]

[[clauses]]
id = "C-3"
kind = "withdrawal"
text = "Mortars withdrawn 10 km from the line."
in_force_from = "2020-03-06T00:01:00+03:00"
weapon_classes = ["mortar-120"]
from_zone = "front"
distance_km = 10
)toml";

inline constexpr const char* kMiniZones = R"json({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"area","name":"The area","kind":"deescalation_area"},
 "geometry":{"type":"Polygon","coordinates":[[[36.0,35.5],[37.0,35.5],[37.0,36.2],[36.0,36.2],[36.0,35.5]]]}},
{"type":"Feature","properties":{"id":"road-corridor","name":"Road corridor","kind":"security_corridor","half_width_m":6000},
 "geometry":{"type":"LineString","coordinates":[[36.3,35.8],[36.9,35.8]]}},
{"type":"Feature","properties":{"id":"front","name":"Front line","kind":"contact_line","approximate":true},
 "geometry":{"type":"LineString","coordinates":[[36.0,35.6],[37.0,35.6]]}},
{"type":"Feature","properties":{"id":"gov","name":"Government area","kind":"control_area","party":"SY-GOV"},
 "geometry":{"type":"Polygon","coordinates":[[[36.0,35.0],[37.0,35.0],[37.0,35.6],[36.0,35.6],[36.0,35.0]]]}}
]})json";

inline constexpr const char* kMiniGazetteer = R"json({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Ariha","alt_names":["Areeha","أريحا"],"kind":"town"},
 "geometry":{"type":"Point","coordinates":[36.6097,35.8136]}},
{"type":"Feature","properties":{"name":"Saraqib","kind":"town"},
 "geometry":{"type":"Point","coordinates":[36.8006,35.8625]}}
]})json";

inline constexpr const char* kMiniSites = R"json({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"hospital-1","name":"Hospital","kind":"hospital","buffer_m":500},
 "geometry":{"type":"Point","coordinates":[36.5,35.9]}}
]})json";

inline Mission MiniMission() {
  auto m = ParseMission(kMiniToml, kMiniZones, kMiniGazetteer, kMiniSites);
  if (!m.ok()) {  // the fixture itself is wrong: a bug in the tests
    std::fprintf(stderr, "mini mission: %s\n", m.status().ToString().c_str());
    std::abort();
  }
  return std::move(m).value();
}

}  // namespace truce::testing
