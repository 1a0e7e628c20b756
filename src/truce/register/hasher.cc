#include "truce/register/hasher.h"

#include <openssl/sha.h>

namespace truce::reg {

Hash EmptyRoot() { return Sha256Of(""); }

Hash LeafHash(std::string_view entry) {
  Hash h;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  const unsigned char prefix = 0x00;
  SHA256_Update(&ctx, &prefix, 1);
  SHA256_Update(&ctx, entry.data(), entry.size());
  SHA256_Final(h.data(), &ctx);
  return h;
}

Hash NodeHash(const Hash& left, const Hash& right) {
  Hash h;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  const unsigned char prefix = 0x01;
  SHA256_Update(&ctx, &prefix, 1);
  SHA256_Update(&ctx, left.data(), left.size());
  SHA256_Update(&ctx, right.data(), right.size());
  SHA256_Final(h.data(), &ctx);
  return h;
}

std::string HashHex(const Hash& h) { return ToHex(h.data(), h.size()); }

}  // namespace truce::reg
