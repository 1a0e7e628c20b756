// tlog-tiles paths and entry bundles on arbitrary bytes: no crash, and
// whatever parses formats back to exactly the bytes it came from.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "truce/register/tiles.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto path = truce::reg::ParseTilePath(text);
  if (path.ok() && truce::reg::FormatTilePath(*path) != "tile/" + std::string(text)) std::abort();
  auto bundle = truce::reg::ParseBundle(text);
  if (bundle.ok()) {
    std::vector<std::string_view> views(bundle->begin(), bundle->end());
    if (truce::reg::EncodeBundle(views) != text) std::abort();
  }
  return 0;
}
