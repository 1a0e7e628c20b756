// NMEA logs: any bytes give a refusal or fixes that are positions; every
// skipped line names a line of the input, and a fix never has quality 0.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "truce/patrol/track_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto log = truce::patrol::ParseNmea(text, {"v", 1584230400000});
  if (!log.ok()) return 0;
  for (const auto& f : log->fixes) {
    if (!(std::abs(f.at.lat) <= 90) || !(std::abs(f.at.lon) <= 180) || f.quality <= 0) std::abort();
  }
  size_t lines = 1;
  for (char c : text) lines += c == '\n';
  for (const auto& e : log->skipped) {
    if (e.line == 0 || e.line > lines || e.message.empty()) std::abort();
  }
  return 0;
}
