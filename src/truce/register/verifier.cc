#include "truce/register/verifier.h"

#include <bit>

namespace truce::reg {

Result<Hash> RootFromInclusionProof(uint64_t index, uint64_t size, const Hash& leaf_hash,
                                    const std::vector<Hash>& proof) {
  if (index >= size) {
    return Status::Invalid("leaf index " + std::to_string(index) + " is not below the tree size " +
                           std::to_string(size));
  }
  // The steps of §2.1.3.2, with fn = index and sn = size - 1.
  uint64_t fn = index, sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return Status::Invalid("the inclusion proof is longer than the tree is deep");
    if ((fn & 1) == 1 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) {
        // Right-shift fn and sn together until fn's lowest bit is set or fn is 0.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::Invalid("the inclusion proof is shorter than the tree is deep");
  return r;
}

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash, const std::vector<Hash>& proof,
                       const Hash& root) {
  TRUCE_ASSIGN_OR_RETURN(Hash computed, RootFromInclusionProof(index, size, leaf_hash, proof));
  if (computed != root) {
    return Status::Invalid("leaf " + std::to_string(index) + " is not in the tree of size " + std::to_string(size) +
                           " with root " + HashHex(root) + ": the proof leads to " + HashHex(computed));
  }
  return Status::Ok();
}

Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root, const Hash& new_root,
                         const std::vector<Hash>& proof) {
  if (old_size > new_size) {
    return Status::Invalid("the tree shrank from " + std::to_string(old_size) + " to " + std::to_string(new_size) +
                           " leaves");
  }
  if (old_size == new_size) {
    if (!proof.empty()) return Status::Invalid("a proof between equal sizes must be empty");
    if (old_root != new_root) {
      return Status::Invalid("two different roots for the same size " + std::to_string(old_size) +
                             ": the history forked");
    }
    return Status::Ok();
  }
  if (old_size == 0) {
    if (!proof.empty()) return Status::Invalid("a proof from the empty tree must be empty");
    return Status::Ok();
  }
  if (proof.empty()) return Status::Invalid("the consistency proof is empty");

  // §2.1.4.2. If old_size is a power of two the old root heads the proof.
  std::vector<Hash> path;
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = old_size - 1, sn = new_size - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return Status::Invalid("the consistency proof is too long");
    const Hash& c = path[i];
    if ((fn & 1) == 1 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::Invalid("the consistency proof is too short");
  if (fr != old_root) {
    return Status::Invalid("the proof does not lead to the old root " + HashHex(old_root) + " of size " +
                           std::to_string(old_size));
  }
  if (sr != new_root) {
    return Status::Invalid("the tree of size " + std::to_string(new_size) + " with root " + HashHex(new_root) +
                           " does not extend the tree of size " + std::to_string(old_size));
  }
  return Status::Ok();
}

}  // namespace truce::reg
