// RFC 8785 canonicalization of whatever JSON parses: the canonical form
// read back canonicalizes to itself.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>

#include "truce/core/canonical_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto value = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return 0;
  auto once = truce::CanonicalJson(value);
  if (!once.ok()) return 0;
  auto again = truce::CanonicalJson(nlohmann::json::parse(*once, nullptr, false));
  if (!again.ok() || *again != *once) std::abort();
  return 0;
}
