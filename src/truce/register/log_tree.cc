#include "truce/register/log_tree.h"

#include <bit>

namespace truce::reg {

void LogTree::Append(const Hash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash);
  // Each level whose length became even has a new complete pair above it.
  for (size_t h = 0; levels_[h].size() % 2 == 0; ++h) {
    if (h + 1 == levels_.size()) levels_.emplace_back();
    const auto& lv = levels_[h];
    levels_[h + 1].push_back(NodeHash(lv[lv.size() - 2], lv[lv.size() - 1]));
  }
}

void LogTree::Truncate(uint64_t size) {
  for (size_t h = 0; h < levels_.size(); ++h) {
    if (levels_[h].size() > (size >> h)) levels_[h].resize(size >> h);
  }
}

Hash LogTree::Mth(uint64_t begin, uint64_t end) const {
  uint64_t n = end - begin;
  if (n == 0) return EmptyRoot();
  // RFC 9162's recursion only ever asks for left subtrees that are complete
  // and aligned, and those are stored.
  if (std::has_single_bit(n) && begin % n == 0) {
    int h = std::countr_zero(n);
    return levels_.at(size_t(h)).at(begin >> h);
  }
  uint64_t k = SplitPoint(n);
  return NodeHash(Mth(begin, begin + k), Mth(begin + k, end));
}

Result<std::string> LogTree::Tile(int level, uint64_t index, uint64_t width) const {
  size_t h = size_t(level) * kTileHeight;
  if (level < 0 || width == 0 || width > kTileWidth || index > (UINT64_MAX - width) / kTileWidth) {
    return Status::Invalid("no such tile");
  }
  uint64_t first = index * kTileWidth;
  if (h >= levels_.size() || levels_[h].size() < first + width) {
    return Status::NotFound("the tree has no tile " + std::to_string(level) + "/" + std::to_string(index) +
                            " of width " + std::to_string(width) + " yet");
  }
  return std::string(reinterpret_cast<const char*>(levels_[h][first].data()), width * sizeof(Hash));
}

}  // namespace truce::reg
