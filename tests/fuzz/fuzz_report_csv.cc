// Report intake from CSV (RFC 4180 quoting, the report header) on
// arbitrary bytes: no crash, no hang, and every row either a report or an
// error with a message.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "truce/intake/batch.h"
#include "truce/mission/test_mission.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const truce::Mission mission = truce::testing::MiniMission();
  static const truce::Tagger tagger = std::move(truce::Tagger::Build(mission)).value();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  truce::intake::BatchReader reader(input, truce::intake::InputFormat::kCsv, mission, tagger);
  truce::intake::Chunk chunk;
  while (reader.Next(64, &chunk)) {
    for (const auto& e : chunk.errors) {
      if (e.message.empty()) std::abort();
    }
  }
  if (!reader.status().ok() && reader.status().message().empty()) std::abort();
  return 0;
}
