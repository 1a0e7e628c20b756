// The checkpoint parser on arbitrary text: what parses formats back to the
// same bytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "truce/register/checkpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto c = truce::reg::ParseCheckpoint(body);
  if (c.ok() && c->Body() != body) std::abort();
  return 0;
}
