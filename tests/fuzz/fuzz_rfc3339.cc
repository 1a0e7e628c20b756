// RFC 3339 times: whatever parses must format and parse back to the same
// instant.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "truce/core/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto t = truce::ParseRfc3339(text);
  if (!t.ok()) return 0;
  auto again = truce::ParseRfc3339(truce::FormatRfc3339(*t));
  if (!again.ok() || again->utc_ms != t->utc_ms || again->offset_min != t->offset_min) std::abort();
  return 0;
}
