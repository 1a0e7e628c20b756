// Checking RFC 9162 proofs with nothing but hashes: no store, no tree.
// `truce verify` and the witnesses use this alone (the split of CT's
// merkle_verifier.h). Every refusal says why.
#pragma once

#include <cstdint>
#include <vector>

#include "truce/core/status.h"
#include "truce/register/hasher.h"

namespace truce::reg {

// RFC 9162 §2.1.3.2: the root that leaf_hash at `index` and the audit path
// imply for a tree of `size` leaves.
Result<Hash> RootFromInclusionProof(uint64_t index, uint64_t size, const Hash& leaf_hash,
                                    const std::vector<Hash>& proof);

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash, const std::vector<Hash>& proof,
                       const Hash& root);

// RFC 9162 §2.1.4.2: that the tree of new_size with new_root extends the
// tree of old_size with old_root.
Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root, const Hash& new_root,
                         const std::vector<Hash>& proof);

}  // namespace truce::reg
