// GPX files: any bytes give a refusal or fixes that are positions with a
// time; nothing the XML says can make the reader expand or recurse without
// bound (a document type is refused, nesting is capped).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "truce/patrol/track_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto gpx = truce::patrol::ParseGpx(text);
  if (!gpx.ok()) return 0;
  for (const auto& f : gpx->fixes) {
    if (!(std::abs(f.at.lat) <= 90) || !(std::abs(f.at.lon) <= 180)) std::abort();
  }
  for (const auto& e : gpx->skipped) {
    if (e.message.empty()) std::abort();
  }
  return 0;
}
