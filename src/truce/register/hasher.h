// The hashes of the register's Merkle tree, exactly as RFC 9162 §2.1.1
// (unchanged from RFC 6962 §2.1): SHA-256, with a 0x00 prefix for leaves
// and 0x01 for interior nodes so that no leaf can pass for a node.
#pragma once

#include <string_view>

#include "truce/core/digest.h"

namespace truce::reg {

using Hash = Sha256;

// MTH({}) = SHA-256() — the root of the empty tree.
Hash EmptyRoot();
// MTH({d}) = SHA-256(0x00 || d).
Hash LeafHash(std::string_view entry);
// SHA-256(0x01 || left || right).
Hash NodeHash(const Hash& left, const Hash& right);

std::string HashHex(const Hash& h);

}  // namespace truce::reg
