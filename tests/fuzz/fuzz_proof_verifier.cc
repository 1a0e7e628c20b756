// RFC 9162 proof verification on arbitrary sizes, indexes and hashes: no
// crash, no hang, and a verified inclusion proof's root is the one given.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "truce/register/verifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 16 + 64) return 0;
  uint64_t a, b;
  std::memcpy(&a, data, 8);
  std::memcpy(&b, data + 8, 8);
  truce::reg::Hash leaf, root;
  std::memcpy(leaf.data(), data + 16, 32);
  std::memcpy(root.data(), data + 48, 32);
  std::vector<truce::reg::Hash> proof;
  for (size_t at = 80; at + 32 <= size && proof.size() < 70; at += 32) {
    truce::reg::Hash h;
    std::memcpy(h.data(), data + at, 32);
    proof.push_back(h);
  }
  auto computed = truce::reg::RootFromInclusionProof(a, b, leaf, proof);
  bool verified = truce::reg::VerifyInclusion(a, b, leaf, proof, root).ok();
  if (verified && (!computed.ok() || *computed != root)) std::abort();
  (void)truce::reg::VerifyConsistency(a, b, leaf, root, proof);
  return 0;
}
