// SHA-256 (OpenSSL), as lowercase hex or raw bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace truce {

using Sha256 = std::array<uint8_t, 32>;

Sha256 Sha256Of(std::string_view bytes);
std::string ToHex(const uint8_t* bytes, size_t n);
inline std::string Sha256Hex(std::string_view bytes) {
  Sha256 d = Sha256Of(bytes);
  return ToHex(d.data(), d.size());
}
bool IsSha256Hex(std::string_view s);

}  // namespace truce
