// A small mission pack as text, for tests and fuzz targets that need a
// mission but not the real packs' geometry. Only tests include this.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

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

[register]
origin = "truce.test/mini"
log_key = "mini-log+4b7e3a6e+AWELvwU5jXfUZ2mNFZf4ETRlGGutdi18u45c5OPWHQgV"

[[keys]]
party = "RU"
roles = ["party"]
key = "ru-party+571bde6c+ASxnlBKY5RYLdYb9hENcYHnTjyhojIuo1M+imYpav7Dv"

[[keys]]
party = "TR"
roles = ["party"]
key = "tr-party+4f226947+Aa5vo3PsMs6vwQmlS9644EeHlh8VbDepw5BcVvJQBFwK"

[[keys]]
party = "RU"
roles = ["observer"]
key = "ru-obs+192f4601+AYaL4H5AJ8mtKFcI3p8FMzAk2nA/WP/9moSixftK9Zn5"

[[keys]]
party = "TR"
roles = ["observer"]
key = "tr-obs+47a84d7a+AWtjGjJtVL0y+iVgKNzYqqK1p6mmJRtUnoxUg2ob7QEK"

[[keys]]
party = "RU"
roles = ["lead"]
key = "ru-lead+b150aec9+AUKyBOqqsae82K1kGHrfwzmtbJJvzwhLLuSorkVpoKdx"

[[keys]]
party = "TR"
roles = ["analyst"]
key = "tr-analyst+5c5a3c0f+AbLoLdPcHi2uQgrcErAAZ0RjdxWqdhDAt1+b0GbZGPIP"

[[keys]]
party = "TR"
roles = ["admin"]
key = "tr-admin+e998c816+AbfAfFEfdEw3hMc1HXcD5JRAzxCW/CeFIszfB9ITtt6+"

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

// The signer keys of the mini mission's pinned keys, by name. Their seeds
// are SHA-256("truce test key " + name): public test fixtures, never secrets.
inline std::string MiniSignerKey(std::string_view name) {
  static const std::pair<const char*, const char*> kKeys[] = {
      {"mini-log", "PRIVATE+KEY+mini-log+4b7e3a6e+AdRGDZSKmlTH4caIke/2avLsGyMZYuzbaipfWFCBP8sO"},
      {"ru-party", "PRIVATE+KEY+ru-party+571bde6c+AfBti8cu+AEwCdwH8dkFqktzAtnhuFI6kY++x8ZK8O10"},
      {"tr-party", "PRIVATE+KEY+tr-party+4f226947+AXANimXYNmPZOX7pUA1enBecwZHSCPEC+rA+9cudX+la"},
      {"ru-obs", "PRIVATE+KEY+ru-obs+192f4601+AaUGSBUVof2XhKS5hYIE4tKUiZ5ZiXzvPpKXLbb+yj3T"},
      {"tr-obs", "PRIVATE+KEY+tr-obs+47a84d7a+AZF8gP6WnHbpSLSrj0IdmKFtIaJzb+107EcctWRXjNLN"},
      {"ru-lead", "PRIVATE+KEY+ru-lead+b150aec9+AQSh6B0S8i88bp/DPmEZJjrCWh3t0xKaUcXOqkb9LuQ1"},
      {"tr-analyst", "PRIVATE+KEY+tr-analyst+5c5a3c0f+ARyargjP/RMFpcs0eNVIULnEcIPXx6mavkmW8if5661R"},
      {"tr-admin", "PRIVATE+KEY+tr-admin+e998c816+AXCQhOYwcfL38emCAEXvy+bpBfWAycrTpBBeL2NwoYNP"},
  };
  for (auto [n, k] : kKeys) {
    if (name == n) return k;
  }
  std::fprintf(stderr, "no mini mission key '%.*s'\n", int(name.size()), name.data());
  std::abort();
}

inline Mission MiniMission() {
  auto m = ParseMission(kMiniToml, kMiniZones, kMiniGazetteer, kMiniSites);
  if (!m.ok()) {  // the fixture itself is wrong: a bug in the tests
    std::fprintf(stderr, "mini mission: %s\n", m.status().ToString().c_str());
    std::abort();
  }
  return std::move(m).value();
}

#ifdef TRUCE_SOURCE_DIR
// The bundled idlib-2020 pack, loaded once for the whole test binary.
inline const Mission& IdlibPack() {
  static const Mission* pack = [] {
    auto m = LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020");
    if (!m.ok()) {
      std::fprintf(stderr, "missions/idlib-2020: %s\n", m.status().ToString().c_str());
      std::abort();
    }
    return new Mission(std::move(m).value());
  }();
  return *pack;
}
#endif

}  // namespace truce::testing
