// zones.geojson (GeoJSON geometry parsing and S2 validation) on arbitrary
// bytes; a pack that loads must also index.
#include <cstdint>
#include <string_view>

#include "truce/mission/tagger.h"
#include "truce/mission/test_mission.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view zones(reinterpret_cast<const char*>(data), size);
  // The mini clauses name zones this input rarely has, so the TOML here
  // keeps only what zones cannot break.
  static constexpr const char* kToml = R"toml(
[mission]
id = "fuzz"
name = "Fuzz"
[[parties]]
id = "RU"
name = "RU"
role = "center"
[[parties]]
id = "SY-GOV"
name = "SY-GOV"
role = "conflict"
[agreement]
id = "a"
title = "a"
[[clauses]]
id = "C-1"
kind = "ceasefire"
text = "t"
in_force_from = "2020-03-06T00:01:00+03:00"
)toml";
  auto m = truce::ParseMission(kToml, zones, "", "");
  if (m.ok()) (void)truce::Tagger::Build(*m);
  auto sites = truce::ParseMission(kToml, "", "", zones);
  if (sites.ok()) (void)truce::Tagger::Build(*sites);
  auto places = truce::ParseMission(kToml, "", zones, "");
  return 0;
}
