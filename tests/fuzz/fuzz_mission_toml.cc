// The mission.toml loader on arbitrary text, with the mini pack's GeoJSON.
#include <cstdint>
#include <string_view>

#include "truce/mission/tagger.h"
#include "truce/mission/test_mission.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view toml(reinterpret_cast<const char*>(data), size);
  auto m =
      truce::ParseMission(toml, truce::testing::kMiniZones, truce::testing::kMiniGazetteer, truce::testing::kMiniSites);
  if (m.ok()) (void)truce::Tagger::Build(*m);
  return 0;
}
