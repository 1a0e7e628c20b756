// LogTree: the register's Merkle tree in memory, every complete subtree's
// hash kept, so a root or a proof costs O(log n) hashes and a tlog-tiles
// tile is a copy.
//
// level(h)[i] is the hash of the complete subtree of 2^h leaves starting at
// leaf i*2^h; level 0 is the leaf hashes. That is twice the leaf hashes in
// memory: 64 MB for a million entries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "truce/register/merkle_tree.h"

namespace truce::reg {

// tlog-tiles: a tile is 8 levels high and 256 hashes wide.
constexpr int kTileHeight = 8;
constexpr uint64_t kTileWidth = 256;

class LogTree : public MerkleProofs {
 public:
  uint64_t size() const override { return levels_.empty() ? 0 : levels_[0].size(); }
  void Append(const Hash& leaf_hash);
  // Forgets the leaves from `size` on (an append that was not committed).
  void Truncate(uint64_t size);
  const Hash& Leaf(uint64_t index) const { return levels_[0][index]; }

  // The concatenated hashes of tile `level`/`index`, `width` hashes wide
  // (1..256); NotFound when the tree is not that large yet.
  Result<std::string> Tile(int level, uint64_t index, uint64_t width) const;

 protected:
  Hash Mth(uint64_t begin, uint64_t end) const override;

 private:
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace truce::reg
