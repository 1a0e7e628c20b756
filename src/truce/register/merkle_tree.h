// Merkle trees over leaf hashes, with the proofs of RFC 9162 §2.1.3
// (inclusion) and §2.1.4 (consistency).
//
// MerkleProofs holds the RFC's recursive definitions (PATH, SUBPROOF) once;
// a tree supplies MTH of a range of its leaves. MerkleTree is the reference
// form, computing every MTH from the leaves, so it is the yardstick the
// register's LogTree (log_tree.h) is tested against. Indexes start at 0;
// sizes count leaves.
#pragma once

#include <cstdint>
#include <vector>

#include "truce/core/status.h"
#include "truce/register/hasher.h"

namespace truce::reg {

class MerkleProofs {
 public:
  virtual ~MerkleProofs() = default;
  virtual uint64_t size() const = 0;

  // MTH of the first `size` leaves. REQUIRES: size <= this->size().
  Hash Root(uint64_t size) const { return Mth(0, size); }
  Hash Root() const { return Root(size()); }

  // PATH(index, D[0:size]): the audit path of leaf `index` in the tree of
  // the first `size` leaves, nearest sibling first.
  Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size) const;

  // PROOF(old_size, D[0:new_size]).
  Result<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size) const;

 protected:
  // MTH(D[begin:end]).
  virtual Hash Mth(uint64_t begin, uint64_t end) const = 0;

 private:
  void Path(uint64_t index, uint64_t begin, uint64_t end, std::vector<Hash>* out) const;
  void Subproof(uint64_t m, uint64_t begin, uint64_t end, bool whole, std::vector<Hash>* out) const;
};

class MerkleTree : public MerkleProofs {
 public:
  void Append(const Hash& leaf_hash) { leaves_.push_back(leaf_hash); }
  uint64_t size() const override { return leaves_.size(); }

 protected:
  Hash Mth(uint64_t begin, uint64_t end) const override;

 private:
  std::vector<Hash> leaves_;
};

// The largest power of two smaller than n. REQUIRES: n > 1.
uint64_t SplitPoint(uint64_t n);

}  // namespace truce::reg
