#include "truce/register/merkle_tree.h"

#include <bit>

namespace truce::reg {

uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

Hash MerkleTree::Mth(uint64_t begin, uint64_t end) const {
  uint64_t n = end - begin;
  if (n == 0) return EmptyRoot();
  if (n == 1) return leaves_.at(begin);
  uint64_t k = SplitPoint(n);
  return NodeHash(Mth(begin, begin + k), Mth(begin + k, end));
}

// RFC 9162 §2.1.3.1: PATH(m, D[n]) for m < k is PATH(m, D[0:k]) : MTH(D[k:n]),
// and for m >= k is PATH(m - k, D[k:n]) : MTH(D[0:k]).
void MerkleProofs::Path(uint64_t index, uint64_t begin, uint64_t end, std::vector<Hash>* out) const {
  uint64_t n = end - begin;
  if (n <= 1) return;
  uint64_t k = SplitPoint(n);
  if (index < k) {
    Path(index, begin, begin + k, out);
    out->push_back(Mth(begin + k, end));
  } else {
    Path(index - k, begin + k, end, out);
    out->push_back(Mth(begin, begin + k));
  }
}

Result<std::vector<Hash>> MerkleProofs::InclusionProof(uint64_t index, uint64_t size) const {
  if (size > this->size() || index >= size) {
    return Status::Invalid("no leaf " + std::to_string(index) + " in a tree of size " + std::to_string(size));
  }
  std::vector<Hash> proof;
  Path(index, 0, size, &proof);
  return proof;
}

// RFC 9162 §2.1.4.1: SUBPROOF(m, D[n], b).
void MerkleProofs::Subproof(uint64_t m, uint64_t begin, uint64_t end, bool whole, std::vector<Hash>* out) const {
  uint64_t n = end - begin;
  if (m == n) {
    if (!whole) out->push_back(Mth(begin, end));
    return;
  }
  uint64_t k = SplitPoint(n);
  if (m <= k) {
    Subproof(m, begin, begin + k, whole, out);
    out->push_back(Mth(begin + k, end));
  } else {
    Subproof(m - k, begin + k, end, false, out);
    out->push_back(Mth(begin, begin + k));
  }
}

Result<std::vector<Hash>> MerkleProofs::ConsistencyProof(uint64_t old_size, uint64_t new_size) const {
  if (new_size > size() || old_size > new_size) {
    return Status::Invalid("no consistency proof from size " + std::to_string(old_size) + " to " +
                           std::to_string(new_size) + " in a tree of size " + std::to_string(size()));
  }
  std::vector<Hash> proof;
  if (old_size == 0 || old_size == new_size) return proof;
  Subproof(old_size, 0, new_size, true, &proof);
  return proof;
}

}  // namespace truce::reg
