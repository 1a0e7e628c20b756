// The scorer's readers (sim/score.h) on arbitrary bytes: the input is cut
// at its first two NUL bytes into truth, events and incidents JSONL. No
// crash; scores that come out are ratios in [0, 1].
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sim/score.h"
#include "truce/mission/test_mission.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const truce::Mission mission = truce::testing::MiniMission();
  std::string_view all(reinterpret_cast<const char*>(data), size);
  size_t a = all.find('\0');
  if (a == std::string_view::npos) return 0;
  size_t b = all.find('\0', a + 1);
  if (b == std::string_view::npos) return 0;
  auto s = truce::sim::ScoreFindings(mission, all.substr(0, a), all.substr(a + 1, b - a - 1), all.substr(b + 1));
  if (!s.ok()) return 0;
  if (s->bcubed_precision < 0 || s->bcubed_precision > 1.000001 || s->bcubed_recall < 0 ||
      s->bcubed_recall > 1.000001 || s->attributed_right > s->attributed) {
    std::abort();
  }
  (void)truce::sim::FormatScore(*s);
  return 0;
}
