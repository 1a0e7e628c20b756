// zones.geojson (GeoJSON geometry parsing and S2 validation) on arbitrary
// bytes; a pack that loads must also index.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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
[register]
origin = "truce.test/fuzz"
log_key = "mini-log+4b7e3a6e+AWELvwU5jXfUZ2mNFZf4ETRlGGutdi18u45c5OPWHQgV"
[[keys]]
party = "RU"
roles = ["party"]
key = "ru-party+571bde6c+ASxnlBKY5RYLdYb9hENcYHnTjyhojIuo1M+imYpav7Dv"
)toml";
  // The pack around the fuzzed file must load on its own, or every input
  // is refused before its zones are read and the fuzzer learns nothing.
  static const bool pack_loads = [] {
    auto empty = truce::ParseMission(kToml, "", "", "");
    if (!empty.ok())
      std::fprintf(stderr, "fuzz_zones_geojson: the harness's pack: %s\n", empty.status().ToString().c_str());
    return empty.ok();
  }();
  if (!pack_loads) std::abort();
  auto m = truce::ParseMission(kToml, zones, "", "");
  if (m.ok()) (void)truce::Tagger::Build(*m);
  auto sites = truce::ParseMission(kToml, "", "", zones);
  if (sites.ok()) (void)truce::Tagger::Build(*sites);
  auto places = truce::ParseMission(kToml, "", zones, "");
  return 0;
}
