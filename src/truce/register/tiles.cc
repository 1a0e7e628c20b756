#include "truce/register/tiles.h"

#include <charconv>

#include "truce/register/log_tree.h"

namespace truce::reg {
namespace {

// A decimal number without sign or leading zeros (but "0").
bool Decimal(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 20 || (s.size() > 1 && s[0] == '0')) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ThreeDigits(std::string_view s, uint64_t* out) {
  if (s.size() != 3) return false;
  *out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    *out = *out * 10 + uint64_t(c - '0');
  }
  return true;
}

}  // namespace

Result<TilePath> ParseTilePath(std::string_view path) {
  auto bad = [&] { return Status::Invalid("'" + std::string(path.substr(0, 80)) + "' is not a tile path"); };
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() < 2) return bad();
  TilePath t;
  size_t i = 1;
  if (parts[0] == "entries") {
    t.entries = true;
  } else {
    uint64_t level;
    if (!Decimal(parts[0], &level) || level > 63) return bad();
    t.level = int(level);
  }
  // The index: x-prefixed groups, then a last group, maybe with ".p".
  uint64_t index = 0;
  bool partial = false;
  for (; i < parts.size(); ++i) {
    std::string_view g = parts[i];
    uint64_t v;
    if (g.size() == 4 && g[0] == 'x' && ThreeDigits(g.substr(1), &v)) {
      if (index > (UINT64_MAX - v) / 1000) return bad();
      index = index * 1000 + v;
      continue;
    }
    if (g.size() == 5 && g.substr(3) == ".p") {
      partial = true;
      g = g.substr(0, 3);
    }
    if (!ThreeDigits(g, &v) || index > (UINT64_MAX - v) / 1000) return bad();
    index = index * 1000 + v;
    ++i;
    break;
  }
  t.index = index;
  if (partial) {
    uint64_t w;
    if (i + 1 != parts.size() || !Decimal(parts[i], &w) || w == 0 || w >= kTileWidth) return bad();
    t.width = w;
  } else if (i != parts.size()) {
    return bad();
  }
  if (FormatTilePath(t) != "tile/" + std::string(path)) return bad();  // one tile, one name
  return t;
}

std::string FormatTilePath(const TilePath& t) {
  std::string out = t.entries ? "tile/entries/" : "tile/" + std::to_string(t.level) + "/";
  std::string digits = std::to_string(t.index);
  digits.insert(0, (3 - digits.size() % 3) % 3, '0');
  for (size_t i = 0; i < digits.size(); i += 3) {
    if (i + 3 < digits.size()) out += 'x';
    out += digits.substr(i, 3);
    if (i + 3 < digits.size()) out += '/';
  }
  if (t.width < kTileWidth) out += ".p/" + std::to_string(t.width);
  return out;
}

std::string EncodeBundle(const std::vector<std::string_view>& entries) {
  std::string out;
  for (std::string_view e : entries) {
    out += char(uint8_t(e.size() >> 8));
    out += char(uint8_t(e.size()));
    out += e;
  }
  return out;
}

Result<std::vector<std::string>> ParseBundle(std::string_view b) {
  std::vector<std::string> out;
  while (!b.empty()) {
    if (b.size() < 2) return Status::Invalid("the entry bundle ends inside a length");
    size_t n = size_t(uint8_t(b[0])) << 8 | uint8_t(b[1]);
    if (b.size() - 2 < n) return Status::Invalid("entry " + std::to_string(out.size()) + " of the bundle is cut short");
    out.emplace_back(b.substr(2, n));
    b.remove_prefix(2 + n);
    if (out.size() > kTileWidth) return Status::Invalid("an entry bundle holds at most 256 entries");
  }
  return out;
}

}  // namespace truce::reg
