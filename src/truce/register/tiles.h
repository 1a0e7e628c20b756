// C2SP tlog-tiles names and bundles: how the register is served read-only
// as static-looking files that any tlog-tiles client can check.
//
//   tile/<L>/<N>[.p/<W>]        hashes of level L (tree level 8L), tile N
//   tile/entries/<N>[.p/<W>]    the entries of leaves 256N .. 256N+W-1
// N is written in groups of three digits, every group but the last
// prefixed "x": 1234067 → x001/x234/067. W (1..255) marks a partial tile.
// An entry bundle is each entry as a big-endian 16-bit length and its bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"

namespace truce::reg {

struct TilePath {
  bool entries = false;  // an entry bundle, not a hash tile
  int level = 0;
  uint64_t index = 0;
  uint64_t width = 256;  // 256: a full tile

  friend bool operator==(const TilePath&, const TilePath&) = default;
};

// Parses the path after "tile/".
Result<TilePath> ParseTilePath(std::string_view path);
// The path including "tile/".
std::string FormatTilePath(const TilePath& t);

std::string EncodeBundle(const std::vector<std::string_view>& entries);
Result<std::vector<std::string>> ParseBundle(std::string_view bundle);

}  // namespace truce::reg
