// Report intake on arbitrary bytes: no crash, no hang, and every row either
// a report or an error with a message. Built twice: fuzz_report_batch reads
// every JSON form (object, array, JSONL, GeoJSON) by detection;
// fuzz_report_csv (TRUCE_FUZZ_CSV) reads CSV.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "truce/intake/batch.h"
#include "truce/mission/test_mission.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const truce::Mission mission = truce::testing::MiniMission();
  static const truce::Tagger tagger = std::move(truce::Tagger::Build(mission)).value();
  std::string_view input(reinterpret_cast<const char*>(data), size);
#ifdef TRUCE_FUZZ_CSV
  constexpr auto kFormat = truce::intake::InputFormat::kCsv;
#else
  constexpr auto kFormat = truce::intake::InputFormat::kAuto;
#endif
  truce::intake::BatchReader reader(input, kFormat, mission, tagger);
  truce::intake::Chunk chunk;
  while (reader.Next(64, &chunk)) {
    for (const auto& e : chunk.errors) {
      if (e.message.empty()) std::abort();
    }
  }
  if (!reader.status().ok() && reader.status().message().empty()) std::abort();
  return 0;
}
